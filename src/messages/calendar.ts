/**
 * The texts of the content calendar and campaigns (SPEC 3.2, 3.8): posts, operator alerts, the /内容, /计划, /活动
 * and /拼团 replies, lottery and group-buy notices. Part of `Messages`; each locale implements them in its own
 * calendar-<locale>.ts file.
 */
import type { CampaignKind, CampaignProblem, CampaignStatus } from '../domain/campaigns.ts'
import type { PostKind, SkipReason } from '../domain/content-calendar.ts'
import type { ContentProblem } from '../domain/content-items.ts'

export interface CampaignPostData {
  kind: CampaignKind
  name: string
  text: string
  linkUrl: string | null
  imageUrl: string | null
  /** When the campaign ends, formatted for the group ("12-12 22:00"). */
  endsText: string
  keyword: string | null
  winners: number | null
  prize: string | null
  groupSize: number | null
}

export type CampaignTargetText = { kind: 'all' } | { kind: 'tags', tags: string[] } | { kind: 'list', count: number }

export interface CampaignSummary {
  id: number
  name: string
  kind: CampaignKind
  status: CampaignStatus
  /** "12-12 20:00" in the reader's timezone. */
  startText: string
  endText: string
  priority: number
  target: CampaignTargetText
}

export interface CampaignDetail extends CampaignSummary {
  text: string
  keyword: string | null
  winners: number | null
  prize: string | null
  groupSize: number | null
  /** Groups it runs in (known once approved). */
  groups: number
  entries: number
  joins: number
  createdBy: string | null
  approvedBy: string | null
}

export type CampaignRefusal = 'not-found' | 'not-draft' | 'ended' | 'approve-role' | 'not-cancellable'

export interface ContentListItem { id: number, kind: PostKind, text: string, region: string | null, interests: string[] }

export interface ContentShowData extends ContentListItem {
  imageUrl: string | null
  linkUrl: string | null
  /** "12-01" or null */
  validFrom: string | null
  validUntil: string | null
  author: string | null
  retired: boolean
  posts: number
  groups: number
  lastDay: string | null
}

export interface PlanSlot {
  /** "10:03" local */
  time: string
  kind: PostKind
  state: 'posted' | 'planned' | 'skipped'
  skipReason: SkipReason | null
  itemId: number | null
  itemText: string | null
  campaignId: number | null
  campaignName: string | null
}

export interface PlanDay {
  /** "12-03" */
  date: string
  weekday: number
  /** 0 today, 1 tomorrow, ... */
  offset: number
  /** Not planned yet: what the planner would choose if nothing changes. */
  forecast: boolean
  slots: PlanSlot[]
}

export type SlotRefusal = 'posted' | 'skipped' | 'campaign' | 'none-left' | 'out-of-range' | 'item-unusable'

export interface CalendarMessages {
  postKindName(kind: PostKind): string
  campaignKindName(kind: CampaignKind): string
  campaignStatusName(status: CampaignStatus): string

  /** A library item as posted in a group: the text, then its link (and image) on their own lines. */
  itemPost(data: { text: string, imageUrl: string | null, linkUrl: string | null }): string
  /** A campaign's promo post, with what members do: the lottery keyword, /拼团, when it ends. */
  campaignPost(data: CampaignPostData): string
  /** To the group's operator, once a day: nothing in the library fits the group for these slots today. */
  noContentAlert(data: { topic: string, date: string, kinds: PostKind[] }): string
  /** /群 设置 时段 refused: a slot must leave the post outside quiet hours. */
  groupSlotQuiet(range: { earliest: string, latest: string }): string

  contentAdded(data: { id: number, kind: PostKind, region: string | null, interests: string[], duplicate: boolean }): string
  contentInvalid(problems: readonly ContentProblem[]): string
  contentList(data: { kind: PostKind | null, total: number, items: readonly ContentListItem[] }): string
  contentShow(data: ContentShowData): string
  contentRetired(id: number): string
  contentNotFound(id: number): string
  /** An operator may retire only the items they added. */
  contentNotYours(id: number): string

  planView(data: { topic: string, timezone: string, days: readonly PlanDay[] }): string
  planSkipped(data: { date: string, kind: PostKind }): string
  planReplaced(data: { date: string, kind: PostKind, itemId: number, text: string }): string
  planRefused(data: { date: string, kind: PostKind, reason: SlotRefusal, campaignName?: string | null }): string

  campaignCreated(data: CampaignSummary & { existing: boolean }): string
  /** To owners and admins: a draft waits for approval. */
  campaignNeedsApproval(data: CampaignSummary & { by: string }): string
  campaignInvalid(problems: readonly CampaignProblem[]): string
  campaignUnknownGroups(topics: readonly string[]): string
  campaignList(items: readonly CampaignSummary[]): string
  campaignShow(data: CampaignDetail): string
  campaignApproved(data: CampaignSummary & { groups: number }): string
  campaignCancelled(data: CampaignSummary): string
  campaignRefused(data: { id: number, reason: CampaignRefusal, status?: CampaignStatus }): string

  /** DM to a friend who entered a lottery by its keyword. */
  lotteryEntered(data: { name: string, endsText: string }): string
  /** In each group with entrants: the draw, and this group's winners (@mentioned by the platform). */
  lotteryResult(data: { name: string, entrants: number, winners: number, prize: string | null, here: number }): string
  lotteryWinDm(data: { name: string, prize: string | null }): string
  /** To the group's operator (or owners and admins): who won in this group, to hand the prizes over. */
  lotteryStaffAlert(data: { name: string, group: string, prize: string | null, winners: Array<{ name: string, friend: boolean }> }): string
  groupBuyJoined(data: { name: string, count: number, size: number, endsText: string }): string
  groupBuyAlready(data: { name: string, count: number, size: number, formed: boolean }): string
  /** The team is complete: everyone in it is @mentioned by the platform. */
  groupBuyFormed(data: { name: string, size: number }): string
  groupBuyJoinedFormed(data: { name: string, count: number }): string
  /** At the end, to everyone in a team that did not fill up. */
  groupBuyFailed(data: { name: string, count: number, size: number }): string
  groupBuyNone(): string
}

/** A plan's days in blocks: each day alone, except runs of forecast days with nothing to post, which read as one. */
export function planBlocks (days: readonly PlanDay[]): PlanDay[][] {
  const empty = (d: PlanDay): boolean => d.forecast && d.slots.length > 0 && d.slots.every((s) => s.state === 'planned' && s.itemId === null && s.campaignId === null)
  const blocks: PlanDay[][] = []
  for (const d of days) {
    const last = blocks[blocks.length - 1]
    if (last && empty(d) && empty(last[last.length - 1]!)) last.push(d)
    else blocks.push([d])
  }
  return blocks
}

/** The start of a text on one line, at most `n` characters, "…" when cut: items in lists and plans. */
export function clip (text: string, n: number): string {
  const chars = [...text.replace(/\s+/gu, ' ').trim()]
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : chars.join('')
}
