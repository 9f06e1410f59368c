/**
 * Campaigns (SPEC 3.8): drafted by marketing, approved by an owner or admin, cancellable until they run. An approved
 * campaign takes the promo slot of its groups on each day of its window (the planner picks it; the highest
 * priority wins); its start and end are delayed jobs; at the end a lottery is drawn and group-buys are settled, and
 * the results are posted per group at an allowed hour.
 *
 * Crash semantics: every transition is a conditional update that commits with its effects (re-planned slots,
 * winners, outcomes); jobs are added after the commit and re-added by the planner's sweep when lost. Run twice,
 * the second run finds the transition made and does nothing.
 */
import { sql } from 'drizzle-orm'
import {
  addTargetGroups, approveDraft, campaignByRequest, campaignGroupIds, campaignGroupTallies, cancelCampaign, entriesOf, finishCampaign,
  getCampaign, insertCampaign, markScheduled, pendingAnnouncements, rankEntry, setOutcomes, startCampaign, type Campaign,
} from '../db/queries/campaigns.ts'
import { lockPlanner, refillEmpty, replanSlots } from '../db/queries/post-planning.ts'
import { campaignProblems, drawSeed, drawWinners, type CampaignDraft, type CampaignProblem } from '../domain/campaigns.ts'
import { spreadOffsetSeconds } from '../domain/content-calendar.ts'
import { nextUnpromptedPostTime } from '../domain/quiet-hours.ts'
import { shortDateTime } from '../domain/time.ts'
import { jobId } from '../jobs/contracts.ts'
import type { CampaignSummary } from '../messages/calendar.ts'
import { notifyOperators } from './alerts.ts'
import { fanOut, spreadSecondsOf } from './content-calendar.ts'
import type { AppContext } from './context.ts'

export interface Actor { contactId: number | null, via: string, name?: string | null }

export type CreateOutcome = { kind: 'ok', campaign: Campaign, existing: boolean } | { kind: 'invalid', problems: CampaignProblem[] }

/**
 * Saves a draft; the same request (chat message, API Idempotency-Key) saves one. Owners and admins are told, unless
 * the caller approves it at once (a scenario's approved campaigns).
 */
export async function createCampaign (ctx: AppContext, draft: CampaignDraft, by: Actor, requestKey: string | null, tellApprovers = true): Promise<CreateOutcome> {
  const now = ctx.clock.now()
  const problems = campaignProblems(draft, now)
  if (problems.length > 0) return { kind: 'invalid', problems }
  const target = draft.target
  const inserted = await insertCampaign(ctx.db, {
    kind: draft.kind, name: draft.name.trim(), text: draft.text.trim(), imageUrl: draft.imageUrl ?? null, linkUrl: draft.linkUrl ?? null,
    priority: draft.priority, startsAt: draft.startsAt, endsAt: draft.endsAt, targetKind: target.kind,
    targetTags: target.kind === 'tags' ? target.tags : [], targetGroupIds: target.kind === 'list' ? target.groupIds : [],
    keyword: draft.keyword ?? null, winners: draft.winners ?? null, prize: draft.prize ?? null, groupSize: draft.groupSize ?? null,
    createdBy: by.contactId, createdVia: by.via, requestKey, createdAt: now,
  })
  if (!inserted) return { kind: 'ok', campaign: (await campaignByRequest(ctx.db, requestKey!))!, existing: true }
  // Someone has to approve it: the owners and admins hear of each new draft once (not the drafter, who knows).
  if (tellApprovers) await notifyOperators(ctx, null, (m) => m.campaignNeedsApproval({ ...summarize(ctx, inserted), by: by.name ?? by.via }), `alert-campaign-draft-${inserted.id}`)
  return { kind: 'ok', campaign: inserted, existing: false }
}

export type ApproveOutcome =
  | { kind: 'ok', campaign: Campaign, groups: number }
  | { kind: 'not-found' }
  | { kind: 'not-draft', campaign: Campaign }
  | { kind: 'ended', campaign: Campaign }

/**
 * draft -> approved (the caller has checked who approves: mayApprove / mayApproveViaApi). The campaign's groups
 * are fixed, their promo slots re-planned (it takes them where it has the highest priority), its start and end
 * jobs set.
 */
export async function approveCampaign (ctx: AppContext, id: number, by: Actor): Promise<ApproveOutcome> {
  const now = ctx.clock.now()
  const outcome = await ctx.db.transaction(async (tx): Promise<ApproveOutcome> => {
    await lockPlanner(tx)
    const approved = await approveDraft(tx, id, by, now)
    if (!approved) {
      const c = await getCampaign(tx, id)
      if (!c) return { kind: 'not-found' }
      return c.status === 'draft' ? { kind: 'ended', campaign: c } : { kind: 'not-draft', campaign: c }
    }
    await addTargetGroups(tx, now, id)
    const inGroups = sql`cur.kind = 'promo' and cur.group_id in (select group_id from campaign_groups where campaign_id = ${id})`
    await replanSlots(tx, { now, spreadSeconds: spreadSecondsOf(ctx), mode: 'keep', where: inGroups })
    // The items the campaign's slots no longer need are free for the groups' empty promo slots.
    await refillEmpty(tx, { now, spreadSeconds: spreadSecondsOf(ctx), where: inGroups })
    await markScheduled(tx)
    return { kind: 'ok', campaign: (await getCampaign(tx, id))!, groups: (await campaignGroupIds(tx, id)).length }
  })
  if (outcome.kind !== 'ok') return outcome
  const c = outcome.campaign
  await ctx.timers.schedule({ name: 'campaign-start', data: { campaignId: c.id }, jobId: jobId('campaign', c.id, 'start'), runAt: c.startsAt })
  await ctx.timers.schedule({ name: 'campaign-end', data: { campaignId: c.id }, jobId: jobId('campaign', c.id, 'end'), runAt: c.endsAt })
  await fanOut(ctx)
  return outcome
}

export type CancelOutcome = { kind: 'ok', campaign: Campaign } | { kind: 'not-found' } | { kind: 'too-late', campaign: Campaign }

/** Cancelled until it runs; the slots it held go back to the library (or to the next campaign). */
export async function cancel (ctx: AppContext, id: number): Promise<CancelOutcome> {
  const now = ctx.clock.now()
  const outcome = await ctx.db.transaction(async (tx): Promise<CancelOutcome> => {
    await lockPlanner(tx)
    const cancelled = await cancelCampaign(tx, id, now)
    if (!cancelled) {
      const c = await getCampaign(tx, id)
      return c ? { kind: 'too-late', campaign: c } : { kind: 'not-found' }
    }
    await replanSlots(tx, { now, spreadSeconds: spreadSecondsOf(ctx), mode: 'keep', where: sql`cur.campaign_id = ${id}` })
    return { kind: 'ok', campaign: cancelled }
  })
  if (outcome.kind === 'ok') await fanOut(ctx)
  return outcome
}

/** The start job: approved/scheduled -> running. */
export async function onCampaignStart (ctx: AppContext, id: number): Promise<void> {
  await startCampaign(ctx.db, id, ctx.clock.now())
}

/**
 * The end job: live -> done, once (conditional update), together with its effects: a lottery's draw (seeded by the
 * run's seed and the campaign id, the seed kept on the campaign) and, per group, the outcome and when its result
 * may be posted (now, or 08:00 local after quiet hours, plus the group's spread).
 */
export async function onCampaignEnd (ctx: AppContext, id: number): Promise<void> {
  const now = ctx.clock.now()
  const ended = await ctx.db.transaction(async (tx) => {
    const c = await getCampaign(tx, id)
    if (!c) return false
    const seed = c.kind === 'lottery' ? drawSeed(ctx.seed, id) : null
    if (!(await finishCampaign(tx, id, now, seed))) return false
    if (c.kind === 'lottery') {
      const winners = drawWinners((await entriesOf(tx, id)).map((e) => e.id), c.winners ?? 0, seed!)
      for (const [i, entryId] of winners.entries()) await rankEntry(tx, entryId, i + 1)
    }
    const outcomes = []
    for (const t of await campaignGroupTallies(tx, id)) {
      const outcome = c.kind === 'lottery' && t.entries > 0 ? 'drawn' as const : c.kind === 'group_buy' && t.joins > 0 && !t.formed ? 'failed' as const : null
      if (outcome === null) continue
      const at = nextUnpromptedPostTime(now, t.timezone)
      outcomes.push({ groupId: t.groupId, outcome, announceAt: at === now ? now : new Date(at.getTime() + spreadOffsetSeconds(t.groupId, ctx.config.POST_SPREAD_MS) * 1000) })
    }
    await setOutcomes(tx, id, outcomes)
    return true
  })
  if (!ended) return
  const announcements = await pendingAnnouncements(ctx.db, { campaignId: id })
  await ctx.timers.scheduleMany(announcements.map((a) => ({
    name: 'campaign-announce' as const, data: { campaignId: a.campaignId, groupId: a.groupId }, jobId: jobId('campaign', a.campaignId, 'result', `g${a.groupId}`), runAt: a.dueAt,
  })))
}

/** The campaign as staff read it in chat: times in `timeZone` (default: the installation's). */
export function summarize (ctx: AppContext, c: Campaign, timeZone = ctx.config.DEFAULT_TIMEZONE): CampaignSummary {
  return {
    id: c.id, name: c.name, kind: c.kind, status: c.status, priority: c.priority,
    startText: shortDateTime(c.startsAt, timeZone), endText: shortDateTime(c.endsAt, timeZone),
    target: c.targetKind === 'all' ? { kind: 'all' } : c.targetKind === 'tags' ? { kind: 'tags', tags: c.targetTags } : { kind: 'list', count: c.targetGroupIds.length },
  }
}
