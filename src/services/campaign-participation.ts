/**
 * Members taking part in campaigns (SPEC 3.8): a lottery is entered by replying its keyword in the group during the
 * window (once per person); a group-buy (拼团) is joined with /拼团, and a group's team succeeds when it reaches the
 * size in time. Results are posted in each group: the lottery's winners, and teams that did not fill up (a team that
 * fills up is told at that moment).
 *
 * Crash semantics: a join and the team's formation (with its message) commit together; the announce job claims the
 * group's result and stages its messages in one transaction, so a crash before the commit is retried and one after
 * it leaves nothing to do (a lost send job is re-added by the outbox sweep). Run twice, one entry, one join, one
 * result: each is guarded by a unique key or a conditional update.
 */
import { getContact } from '../db/queries/contacts.ts'
import {
  claimAnnouncement, entriesOf, postponeAnnouncement, formTeam, getCampaign, insertEntry, insertJoin, isStaff, lockTeam, openLotteries, runningCampaignIn,
  teamMembers, winnersIn, type Campaign,
} from '../db/queries/campaigns.ts'
import { getGroup } from '../db/queries/groups.ts'
import { fold } from '../domain/commands/text.ts'
import { isQuietHour, nextUnpromptedPostTime } from '../domain/quiet-hours.ts'
import { jobId } from '../jobs/contracts.ts'
import { shortDateTime } from '../domain/time.ts'
import type { AppContext } from './context.ts'
import type { Messages } from '../messages/index.ts'
import { stageAlerts } from './alerts.ts'
import { dispatch, enqueueAction, stageAction, type Staged } from './outbox.ts'

/** Longest message read as a lottery keyword: ordinary chat is never looked up. */
const MAX_KEYWORD = 20

/**
 * A group message that is not a command: if it is the keyword of a lottery running in the group, it is an entry.
 * Staff do not enter (they could see the draw coming). A friend gets a DM that it counted; the group is not
 * flooded with confirmations.
 */
export async function onGroupChat (ctx: AppContext, msg: { groupId: number, contactId: number, text: string }): Promise<void> {
  const word = fold(msg.text.trim())
  if (word === '' || [...word].length > MAX_KEYWORD) return
  const now = ctx.clock.now()
  const lottery = (await openLotteries(ctx.db, msg.groupId, now)).find((c) => c.keyword !== null && fold(c.keyword) === word)
  if (!lottery || (await isStaff(ctx.db, msg.contactId))) return
  // exactly-once: lottery_entries_campaign_contact_key; the keyword said twice (or in two groups) is one entry
  const entryId = await insertEntry(ctx.db, { campaignId: lottery.id, contactId: msg.contactId, groupId: msg.groupId, enteredAt: now })
  if (entryId === null) return
  const group = await getGroup(ctx.db, msg.groupId)
  await enqueueAction(ctx, {
    kind: 'text', purpose: 'lottery', idemKey: `lottery-entry-${entryId}`, contactId: msg.contactId,
    text: ctx.messages.lotteryEntered({ name: lottery.name, endsText: shortDateTime(lottery.endsAt, group?.timezone ?? ctx.config.DEFAULT_TIMEZONE) }),
  })
}

export type JoinOutcome =
  | { kind: 'none' }
  | { kind: 'joined', campaign: Campaign, count: number }
  | { kind: 'already', campaign: Campaign, count: number, formed: boolean }
  | { kind: 'formed', campaign: Campaign }
  | { kind: 'joined-formed', campaign: Campaign, count: number }

/**
 * /拼团 in a group: joins the group-buy running there, once per person. Joins of one team are counted one after
 * another (the team row is locked), so the join that reaches the size forms the team exactly once, and that moment
 * is told to the whole team in one message.
 */
export async function joinGroupBuy (ctx: AppContext, groupId: number, contactId: number): Promise<JoinOutcome> {
  const now = ctx.clock.now()
  const campaign = await runningCampaignIn(ctx.db, groupId, 'group_buy', now)
  if (!campaign) return { kind: 'none' }
  let staged: Staged | null = null
  const outcome = await ctx.db.transaction(async (tx): Promise<JoinOutcome> => {
    const team = await lockTeam(tx, campaign.id, groupId)
    if (!team) return { kind: 'none' }
    // exactly-once: group_buy_joins_campaign_contact_key
    const joined = await insertJoin(tx, { campaignId: campaign.id, groupId, contactId, joinedAt: now })
    const members = await teamMembers(tx, campaign.id, groupId)
    if (joined === null) return { kind: 'already', campaign, count: members.length, formed: team.formedAt !== null }
    if (members.length < (campaign.groupSize ?? Infinity)) return { kind: 'joined', campaign, count: members.length }
    if (!(await formTeam(tx, campaign.id, groupId, now))) return { kind: 'joined-formed', campaign, count: members.length }
    staged = await stageAction(ctx, tx, {
      kind: 'text', purpose: 'group-buy', idemKey: `group-buy-formed-${campaign.id}-${groupId}`, groupId, mentionIds: members,
      text: ctx.messages.groupBuyFormed({ name: campaign.name, size: campaign.groupSize ?? members.length }),
    })
    return { kind: 'formed', campaign }
  })
  if (staged) await dispatch(ctx, staged)
  return outcome
}

/**
 * The result of a campaign in one group, posted once (a conditional update claims it, the message commits with
 * it). Lottery: the group's winners are @mentioned, and each one who is a friend gets a DM. Group-buy: everyone in
 * a team that did not fill up is @mentioned.
 */
export async function announceResult (ctx: AppContext, campaignId: number, groupId: number): Promise<void> {
  // A job that comes late (a worker outage) into quiet hours waits for the morning instead of posting at night.
  const group = await getGroup(ctx.db, groupId)
  const now = ctx.clock.now()
  if (group && isQuietHour(now, group.timezone)) {
    const at = nextUnpromptedPostTime(now, group.timezone)
    if (await postponeAnnouncement(ctx.db, campaignId, groupId, at)) {
      await ctx.timers.schedule({ name: 'campaign-announce', data: { campaignId, groupId }, jobId: jobId('campaign', campaignId, 'result', `g${groupId}`, 'at', at.getTime()), runAt: at })
    }
    return
  }
  const sends: Staged[] = []
  await ctx.db.transaction(async (tx) => {
    const claimed = await claimAnnouncement(tx, campaignId, groupId, now)
    const c = claimed ? await getCampaign(tx, campaignId) : null
    if (!claimed || !c) return
    const m = ctx.messages
    const post = async (text: string, mentionIds: number[]): Promise<void> => {
      const s = await stageAction(ctx, tx, { kind: 'text', purpose: 'campaign-result', idemKey: `campaign-result-${campaignId}-${groupId}`, groupId, mentionIds, text })
      if (s) sends.push(s)
    }
    if (claimed.outcome === 'drawn') {
      const here = await winnersIn(tx, campaignId, groupId)
      const all = await winnersIn(tx, campaignId, null)
      const entrants = (await entriesOf(tx, campaignId)).length
      await post(m.lotteryResult({ name: c.name, entrants, winners: all.length, prize: c.prize, here: here.length }), here.map((w) => w.contactId))
      const winners: Array<{ name: string, friend: boolean }> = []
      for (const w of here) {
        const person = await getContact(tx, w.contactId)
        winners.push({ name: person?.displayName ?? `#${w.contactId}`, friend: person?.isFriend === true })
        if (!person?.isFriend) continue
        const s = await stageAction(ctx, tx, { kind: 'text', purpose: 'lottery', idemKey: `lottery-win-${campaignId}-${w.contactId}`, contactId: w.contactId, text: m.lotteryWinDm({ name: c.name, prize: c.prize }) })
        if (s) sends.push(s)
      }
      // Somebody has to hand the prizes over: the group's operator (else owners and admins) gets the list.
      if (winners.length > 0) {
        const alert = (mm: Messages): string => mm.lotteryStaffAlert({ name: c.name, group: group?.topic ?? '', prize: c.prize, winners })
        sends.push(...await stageAlerts(ctx, tx, groupId, alert, `alert-lottery-${campaignId}-${groupId}`))
      }
    } else if (claimed.outcome === 'failed') {
      const members = await teamMembers(tx, campaignId, groupId)
      await post(m.groupBuyFailed({ name: c.name, count: members.length, size: c.groupSize ?? 0 }), members)
    }
  })
  for (const s of sends) await dispatch(ctx, s)
}
