/**
 * Campaign rules (SPEC 3.8), pure: what a valid campaign is, who may approve it, when it may be cancelled, and the
 * lottery draw. Time is an argument.
 */
import { seededRandom, unitFor } from './random.ts'
import { can, type Role } from './roles.ts'

export type CampaignKind = 'flash_sale' | 'new_product' | 'group_buy' | 'lottery' | 'holiday'
export type CampaignStatus = 'draft' | 'approved' | 'scheduled' | 'running' | 'done' | 'cancelled'
export type CampaignTarget = { kind: 'all' } | { kind: 'tags', tags: string[] } | { kind: 'list', groupIds: number[] }

export const MAX_CAMPAIGN_DAYS = 90
export const MAX_CAMPAIGN_TEXT = 1000
export const MAX_PRIORITY = 100
export const MAX_WINNERS = 1000
/** A chat group holds at most 500 members (SPEC 1), so a team can be no larger. */
export const MAX_GROUP_SIZE = 500

export interface CampaignDraft {
  kind: CampaignKind
  name: string
  text: string
  imageUrl?: string | null
  linkUrl?: string | null
  priority: number
  startsAt: Date
  endsAt: Date
  target: CampaignTarget
  keyword?: string | null
  winners?: number | null
  prize?: string | null
  groupSize?: number | null
}

export type CampaignProblem =
  | 'window' | 'ended' | 'too-long' | 'text' | 'name' | 'priority'
  | 'keyword' | 'winners' | 'group-size' | 'target' | 'options'

/** The problems in plain English, for the API, the CLI and scenario errors (chat has its own words, per locale). */
export const CAMPAIGN_PROBLEM_TEXT: Record<CampaignProblem, string> = {
  window: 'ends_at must be after starts_at',
  ended: 'the window is already over',
  'too-long': `a campaign lasts at most ${MAX_CAMPAIGN_DAYS} days`,
  text: `text must be 1-${MAX_CAMPAIGN_TEXT} characters`,
  name: 'name must be 1-40 characters',
  priority: `priority must be a whole number from -${MAX_PRIORITY} to ${MAX_PRIORITY}`,
  keyword: 'a lottery needs a keyword of 1-20 characters without spaces',
  winners: `a lottery needs winners from 1 to ${MAX_WINNERS}`,
  'group-size': `a group-buy needs a group size from 2 to ${MAX_GROUP_SIZE}`,
  target: 'the target needs at least one tag or group',
  options: 'keyword, winners and prize are for lotteries, group size for group-buys',
}

/** Every problem of a draft, empty when it may be saved. `now` only refuses windows that are already over. */
export function campaignProblems (d: CampaignDraft, now: Date): CampaignProblem[] {
  const problems: CampaignProblem[] = []
  if (Number.isNaN(d.startsAt.getTime()) || Number.isNaN(d.endsAt.getTime()) || d.endsAt <= d.startsAt) problems.push('window')
  else if (d.endsAt <= now) problems.push('ended')
  else if (d.endsAt.getTime() - d.startsAt.getTime() > MAX_CAMPAIGN_DAYS * 86_400_000) problems.push('too-long')
  if (d.text.trim() === '' || [...d.text].length > MAX_CAMPAIGN_TEXT) problems.push('text')
  if (d.name.trim() === '' || [...d.name].length > 40) problems.push('name')
  if (!Number.isInteger(d.priority) || Math.abs(d.priority) > MAX_PRIORITY) problems.push('priority')
  if (d.kind === 'lottery') {
    if (!d.keyword || [...d.keyword].length > 20 || /\s/.test(d.keyword) || d.keyword.startsWith('/')) problems.push('keyword')
    if (!Number.isInteger(d.winners) || d.winners! < 1 || d.winners! > MAX_WINNERS) problems.push('winners')
  }
  if (d.kind === 'group_buy' && (!Number.isInteger(d.groupSize) || d.groupSize! < 2 || d.groupSize! > MAX_GROUP_SIZE)) problems.push('group-size')
  // Options of one kind on another would be silently ignored; refusing them says the draft is not what was meant.
  if (d.kind !== 'lottery' && (d.keyword != null || d.winners != null || d.prize != null)) problems.push('options')
  if (d.kind !== 'group_buy' && d.groupSize != null) problems.push('options')
  if ((d.target.kind === 'tags' && d.target.tags.length === 0) || (d.target.kind === 'list' && d.target.groupIds.length === 0)) problems.push('target')
  return [...new Set(problems)]
}

/**
 * Who may approve: an owner or admin (campaign.approve), their own drafts included; a marketer never, not even
 * their own (SPEC 3.8: drafting and approving are kept apart). Roles are one per person, so "a marketer who is
 * also an admin" is an admin.
 */
export function mayApprove (role: Role): boolean {
  return can(role, 'campaign.approve')
}

/**
 * Over the API a token stands for a system, not a person: `campaigns.approve` may approve, and a token may not
 * approve a draft it created itself unless it is an admin token, so one marketing token cannot both draft and
 * approve (the chat rule, through the other door).
 */
export function mayApproveViaApi (token: { name: string, scopes: readonly string[] }, createdVia: string): boolean {
  const admin = token.scopes.includes('admin')
  if (!admin && !token.scopes.includes('campaigns.approve')) return false
  return admin || createdVia !== `api:${token.name}`
}

/** Cancellable until it runs: a draft at any time, an approved or scheduled one before its window begins. */
export function mayCancel (status: CampaignStatus, startsAt: Date, now: Date): boolean {
  if (status === 'draft') return true
  return (status === 'approved' || status === 'scheduled') && startsAt > now
}

/** Statuses whose campaign may take promo slots. */
export const LIVE_STATUSES: readonly CampaignStatus[] = ['approved', 'scheduled', 'running']

/** The seed of a lottery's draw: from the run's seed and the campaign id, as a 32-bit integer. */
export function drawSeed (seed: string, campaignId: number): number {
  return Math.floor(unitFor(seed, `lottery-${campaignId}`) * 2 ** 32)
}

/**
 * The lottery draw: a Fisher-Yates shuffle of the entries, ordered by entry id, driven by mulberry32 seeded with
 * `seed`; the first `winners` are the winners, in that order. Entries are one per person, so nobody wins twice;
 * the same seed and entries always give the same winners, so anyone holding the stored seed can repeat the draw.
 */
export function drawWinners (entryIds: readonly number[], winners: number, seed: number): number[] {
  const pool = [...entryIds].sort((a, b) => a - b)
  const random = seededRandom(seed)
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = pool[i]!
    pool[i] = pool[j]!
    pool[j] = t
  }
  return pool.slice(0, Math.max(0, winners))
}
