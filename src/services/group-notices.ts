/**
 * Group messages that @mention several people at once, gathered per group and kind into one message so a busy
 * group is not flooded (SPEC 3.3, 3.4):
 * - `welcome`: everyone who joined within WELCOME_WINDOW_MS of the first join, still in the group at the flush.
 *   A welcome answers a join, so quiet hours do not hold it.
 * - `referral`: progress and rewards of inviters the bot cannot DM, for GROUP_NOTICE_WINDOW_MS, held past quiet
 *   hours (unprompted group posts).
 */
import type { DbOrTx } from '../db/client.ts'
import { getGroup } from '../db/queries/groups.ts'
import { openStays } from '../db/queries/memberships.ts'
import { addNotice, batchNotices, flushNoticeBatch, openOrJoinNoticeBatch, overdueNoticeBatches } from '../db/queries/notices.ts'
import { nextUnpromptedPostTime } from '../domain/quiet-hours.ts'
import { jobId } from '../jobs/contracts.ts'
import type { AppContext } from './context.ts'
import { dispatch, stageAction, type OutboxAction } from './outbox.ts'

export type NoticeKind = 'welcome' | 'referral'
export type NoticeData =
  | { type: 'welcome', membershipId: number }
  | { type: 'progress', qualified: number, target: number, points: number }
  | { type: 'reward' }

type Item = { contactId: number, data: Record<string, number | string> }

/** A timer to set after the caller's commit, when this notice opened a new batch. */
export interface FlushTimer { batchId: number, runAt: Date }

function gathering (ctx: AppContext, kind: NoticeKind): { windowMs: number, quietHours: boolean } {
  return kind === 'welcome'
    ? { windowMs: ctx.config.WELCOME_WINDOW_MS, quietHours: false }
    : { windowMs: ctx.config.GROUP_NOTICE_WINDOW_MS, quietHours: true }
}

export async function stageNotice (ctx: AppContext, tx: DbOrTx, input: { groupId: number, kind: NoticeKind, contactId: number, cause: string, data: NoticeData }): Promise<FlushTimer | null> {
  const now = ctx.clock.now()
  const batch = await openOrJoinNoticeBatch(tx, input.groupId, input.kind, now)
  await addNotice(tx, { batchId: batch.id, contactId: input.contactId, cause: input.cause, data: input.data, createdAt: now })
  if (!batch.opened) return null
  const { windowMs, quietHours } = gathering(ctx, input.kind)
  const due = new Date(now.getTime() + windowMs)
  if (!quietHours) return { batchId: batch.id, runAt: due }
  const group = await getGroup(tx, input.groupId)
  return { batchId: batch.id, runAt: nextUnpromptedPostTime(due, group?.timezone ?? ctx.config.DEFAULT_TIMEZONE) }
}

export async function scheduleFlush (ctx: AppContext, timer: FlushTimer): Promise<void> {
  await ctx.timers.schedule({ name: 'notice-flush', data: { batchId: timer.batchId }, jobId: jobId('notice', timer.batchId), runAt: timer.runAt })
}

/**
 * The flush job: closes the batch and stages one group message in the same transaction (both or neither).
 * Run twice, it finds the batch closed and does nothing.
 */
export async function flushNotices (ctx: AppContext, batchId: number): Promise<void> {
  const staged = await ctx.db.transaction(async (tx) => {
    const batch = await flushNoticeBatch(tx, batchId, ctx.clock.now())
    if (!batch) return null
    const items = await batchNotices(tx, batchId)
    const message = batch.kind === 'welcome' ? await welcomeMessage(ctx, tx, items) : referralMessage(ctx, items)
    if (!message) return null
    const action: OutboxAction = { kind: 'text', purpose: batch.kind === 'welcome' ? 'welcome' : 'referral-notice', idemKey: `notice-${batchId}`, groupId: batch.groupId, ...message }
    return stageAction(ctx, tx, action)
  })
  if (staged) await dispatch(ctx, staged)
}

/** Everyone of the batch still in the group, in join order; nobody left, no welcome. */
async function welcomeMessage (ctx: AppContext, tx: DbOrTx, items: Item[]): Promise<{ mentionIds: number[], text: string } | null> {
  const open = await openStays(tx, items.map((i) => Number(i.data.membershipId)))
  const stay = items.filter((i) => open.has(Number(i.data.membershipId)))
  if (stay.length === 0) return null
  return { mentionIds: stay.map((i) => i.contactId), text: ctx.messages.welcome(stay.length) }
}

/** One line per person (the platform @mentions each person once): their latest progress, all their points. */
function referralMessage (ctx: AppContext, items: Item[]): { mentionIds: number[], text: string } | null {
  if (items.length === 0) return null
  const latest = new Map<number, Item>()
  for (const i of items) {
    if (i.data.type !== 'progress') continue
    const before = latest.get(i.contactId)
    latest.set(i.contactId, { contactId: i.contactId, data: { ...i.data, points: Number(i.data.points) + Number(before?.data.points ?? 0) } })
  }
  const progress = [...latest.values()]
  const rewarded = items.filter((i) => i.data.type === 'reward' && !latest.has(i.contactId))
  const parts: string[] = []
  if (progress.length > 0) {
    parts.push(ctx.messages.referralProgressGroup(progress.map((p) => ({ qualified: Number(p.data.qualified), target: Number(p.data.target), points: Number(p.data.points) }))))
  }
  if (items.some((i) => i.data.type === 'reward')) parts.push(ctx.messages.referralRewardGroup())
  // The platform @mentions people in this order: progress entries first, then the rewarded.
  return { mentionIds: [...new Set([...progress, ...rewarded].map((i) => i.contactId))], text: parts.join('\n') }
}

/**
 * Housekeeping: batches whose flush job was lost or failed for good are flushed again, under a fresh job id.
 * A welcome is late after its window; a referral notice may wait a night of quiet hours first.
 */
export async function sweepNotices (ctx: AppContext, graceMs = 5 * 60_000): Promise<void> {
  const now = ctx.clock.now()
  const minute = Math.floor(now.getTime() / 60_000)
  for (const kind of ['welcome', 'referral'] as const) {
    const { windowMs, quietHours } = gathering(ctx, kind)
    const overdue = new Date(now.getTime() - graceMs - windowMs - (quietHours ? 10 * 3_600_000 : 0))
    for (const batchId of await overdueNoticeBatches(ctx.db, kind, overdue)) {
      await ctx.timers.schedule({ name: 'notice-flush', data: { batchId }, jobId: jobId('notice', batchId, 'sweep', minute) })
    }
  }
}
