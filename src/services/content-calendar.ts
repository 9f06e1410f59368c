/**
 * The daily cadence (SPEC 3.2): a recurring, set-based planning pass keeps today and tomorrow planned for every
 * active group (one row per group, local day and kind), then fans the post jobs out with addBulk, each delayed to
 * its slot and keyed by its business key. The post job (post-publisher.ts) claims the row and stages the send.
 *
 * Crash semantics of the pass: the plan commits in one transaction (every group's rows, or none). Jobs are added
 * after the commit and a row is marked queued only once its job is in Redis, so a crash in the middle of the
 * fan-out leaves the rest unmarked: the retry of the pass (or the next one) adds them again under the same job ids,
 * which BullMQ ignores while it holds them, and the post job's claim is conditional anyway. Jobs that failed for
 * good are replaced by the sweep at the end of each pass. Run twice, one plan and one job per slot.
 */
import { sql } from 'drizzle-orm'
import { addTargetGroups, markScheduled, overdueCampaigns, pendingAnnouncements } from '../db/queries/campaigns.ts'
import { lockPlanner, markQueued, overdueSlots, planDay, planningWork, replanSlots, unqueuedSlots, type SlotRow } from '../db/queries/post-planning.ts'
import { PLANNED_DAYS } from '../domain/content-calendar.ts'
import { jobId } from '../jobs/contracts.ts'
import type { TimerRequest } from '../jobs/timers.ts'
import type { AppContext } from './context.ts'

/** Rows queued per round of the fan-out (each round: one select, addBulk in chunks, one update). */
const FANOUT_BATCH = 5000
const SWEEP_GRACE_MS = 5 * 60_000

export const spreadSecondsOf = (ctx: AppContext): number => Math.floor(ctx.config.POST_SPREAD_MS / 1000)

export interface PassResult { planned: number, queued: number, swept: number }

/** The recurring pass: plan what is missing, queue what has no job, re-queue what was lost. */
export async function planningPass (ctx: AppContext, days: readonly number[] = PLANNED_DAYS): Promise<PassResult> {
  const now = ctx.clock.now()
  // Most passes have nothing to do: one query says so, and the planner's lock and statements are skipped.
  const work = await planningWork(ctx.db, now, days, new Date(now.getTime() - SWEEP_GRACE_MS))
  const planned = !work.plan ? 0 : await ctx.db.transaction(async (tx) => {
    await lockPlanner(tx)
    // A group tagged after a campaign was approved joins it while it has not ended.
    await addTargetGroups(tx, now, null)
    let n = 0
    // Day by day: tomorrow's picks see today's, so the 30-day rule holds between them.
    for (const offset of days) n += (await planDay(tx, { now, offset, spreadSeconds: spreadSecondsOf(ctx) })).length
    await markScheduled(tx)
    return n
  })
  const queued = work.plan || work.queue ? await fanOut(ctx) : 0
  const swept = work.sweep ? await sweepCalendar(ctx) : 0
  if (planned > 0 || swept > 0) ctx.logger.info({ planned, queued, swept }, 'content planned')
  return { planned, queued, swept }
}

export function postJob (row: Pick<SlotRow, 'id' | 'groupId' | 'day' | 'kind' | 'dueAt'>, suffix: Array<string | number> = []): TimerRequest<'post'> {
  return {
    name: 'post',
    data: { postId: row.id, dueAt: row.dueAt.getTime() },
    jobId: jobId('post', `g${row.groupId}`, row.day, row.kind, 'at', row.dueAt.getTime(), ...suffix),
    runAt: row.dueAt,
  }
}

/** Queues a job for every planned row without one (addBulk), then marks those rows; returns how many it marked. */
export async function fanOut (ctx: AppContext): Promise<number> {
  let total = 0
  for (;;) {
    const rows = await unqueuedSlots(ctx.db, FANOUT_BATCH)
    if (rows.length === 0) return total
    await ctx.timers.scheduleMany(rows.map((r) => postJob(r)))
    const marked = await markQueued(ctx.db, rows, ctx.clock.now())
    total += marked
    // A row re-planned between the select and the mark keeps no mark and comes back next round, with its new time.
    if (rows.length < FANOUT_BATCH || marked === 0) return total
  }
}

/**
 * Heals what lost or failed jobs leave behind: posts still planned after their time, campaigns whose start or end
 * passed without their job, results not announced. Fresh job ids per sweep (an id that failed for good stays taken).
 */
export async function sweepCalendar (ctx: AppContext, graceMs = SWEEP_GRACE_MS): Promise<number> {
  const now = ctx.clock.now()
  const before = new Date(now.getTime() - graceMs)
  const minute = Math.floor(now.getTime() / 60_000)
  const requests: TimerRequest[] = (await overdueSlots(ctx.db, before, 10_000)).map((r) => ({ ...postJob(r, ['sweep', minute]), runAt: undefined }))
  const campaigns = await overdueCampaigns(ctx.db, before)
  for (const campaignId of campaigns.starts) requests.push({ name: 'campaign-start', data: { campaignId }, jobId: jobId('campaign', campaignId, 'start', 'sweep', minute) })
  for (const campaignId of campaigns.ends) requests.push({ name: 'campaign-end', data: { campaignId }, jobId: jobId('campaign', campaignId, 'end', 'sweep', minute) })
  for (const a of await pendingAnnouncements(ctx.db, { dueBefore: before })) {
    requests.push({ name: 'campaign-announce', data: { campaignId: a.campaignId, groupId: a.groupId }, jobId: jobId('campaign', a.campaignId, 'result', `g${a.groupId}`, 'sweep', minute) })
  }
  if (requests.length > 0) await ctx.timers.scheduleMany(requests)
  return requests.length
}

/** A group's slots or timezone changed: its planned rows move to the new times (items kept), and are re-queued. */
export async function onScheduleChanged (ctx: AppContext, groupId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockPlanner(tx)
    await replanSlots(tx, { now: ctx.clock.now(), spreadSeconds: spreadSecondsOf(ctx), mode: 'keep', where: sql`cur.group_id = ${groupId}` })
  })
  await fanOut(ctx)
}
