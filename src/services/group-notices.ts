/**
 * Notices for people the bot cannot DM (not friends, or no consent): one @mention each in their group, gathered
 * for GROUP_NOTICE_WINDOW_MS into one message so a busy group is not flooded, and held past quiet hours.
 */
import type { DbOrTx } from '../db/client.ts'
import { getGroup } from '../db/queries/groups.ts'
import { addNotice, batchNotices, flushNoticeBatch, openOrJoinNoticeBatch } from '../db/queries/notices.ts'
import { nextUnpromptedPostTime } from '../domain/quiet-hours.ts'
import { jobId } from '../jobs/contracts.ts'
import type { AppContext } from './context.ts'
import { dispatch, stageAction } from './outbox.ts'

export type NoticeData = { type: 'progress', qualified: number, target: number, points: number } | { type: 'reward' }

/** A timer to set after the caller's commit, when this notice opened a new batch. */
export interface FlushTimer { batchId: number, runAt: Date }

export async function stageNotice (ctx: AppContext, tx: DbOrTx, input: { groupId: number, contactId: number, cause: string, data: NoticeData }): Promise<FlushTimer | null> {
  const now = ctx.clock.now()
  const batch = await openOrJoinNoticeBatch(tx, input.groupId, 'referral', now)
  await addNotice(tx, { batchId: batch.id, contactId: input.contactId, cause: input.cause, data: input.data, createdAt: now })
  if (!batch.opened) return null
  const group = await getGroup(tx, input.groupId)
  return { batchId: batch.id, runAt: nextUnpromptedPostTime(new Date(now.getTime() + ctx.config.GROUP_NOTICE_WINDOW_MS), group?.timezone ?? ctx.config.DEFAULT_TIMEZONE) }
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
    if (items.length === 0) return null
    // One line per person (the platform @mentions each person once): their latest progress, all their points.
    const latest = new Map<number, { contactId: number, data: Record<string, number | string> }>()
    for (const i of items) {
      if (i.data.type !== 'progress') continue
      const before = latest.get(i.contactId)
      latest.set(i.contactId, { contactId: i.contactId, data: { ...i.data, points: Number(i.data.points) + Number(before?.data.points ?? 0) } })
    }
    const progress = [...latest.values()]
    const rewarded = items.filter((i) => i.data.type === 'reward' && !latest.has(i.contactId))
    const rewardedToo = items.some((i) => i.data.type === 'reward')
    const parts: string[] = []
    if (progress.length > 0) {
      parts.push(ctx.messages.referralProgressGroup(progress.map((p) => ({ qualified: Number(p.data.qualified), target: Number(p.data.target), points: Number(p.data.points) }))))
    }
    if (rewardedToo) parts.push(ctx.messages.referralRewardGroup())
    // The platform @mentions people in this order: progress entries first, then the rewarded.
    const mentionIds = [...progress, ...rewarded].map((i) => i.contactId)
    return stageAction(ctx, tx, { kind: 'text', purpose: 'referral-notice', idemKey: `notice-${batchId}`, groupId: batch.groupId, mentionIds: [...new Set(mentionIds)], text: parts.join('\n') })
  })
  if (staged) await dispatch(ctx, staged)
}
