/**
 * The only way anything leaves the bot: an outbox row (unique per idempotency key) and a send job on the
 * account's outbox queue. Nothing calls the chat platform directly.
 *
 * Crash between the insert and the job add: the row stays pending without a job; the outbox sweep
 * (housekeeping) re-adds its job, and the job id `send-<row id>` keeps that from ever doubling.
 */
import type { DbOrTx } from '../db/client.ts'
import { insertAction, unfinishedBefore } from '../db/queries/outbox.ts'
import { jobId } from '../jobs/contracts.ts'
import type { AppContext } from './context.ts'

export type OutboxAction =
  | { kind: 'text', purpose: string, idemKey: string, groupId: number, mentionIds?: number[], text: string }
  | { kind: 'text', purpose: string, idemKey: string, contactId: number, text: string }
  | { kind: 'kick', purpose: string, idemKey: string, groupId: number, contactId: number }
  | { kind: 'accept-friend', purpose: string, idemKey: string, contactId: number, friendshipId: string }

/** Queues an action once per idempotency key; returns the new row id, or null if the key was used before. */
export async function enqueueAction (ctx: AppContext, action: OutboxAction): Promise<number | null> {
  const id = await stageAction(ctx, ctx.db, action)
  if (id !== null) await dispatch(ctx, id)
  return id
}

/**
 * Writes the outbox row inside the caller's transaction, so the action commits together with the state change
 * that caused it. The caller calls `dispatch` after the commit (a job for an uncommitted row could run first
 * and find nothing).
 */
export async function stageAction (ctx: AppContext, db: DbOrTx, action: OutboxAction): Promise<number | null> {
  const base = { accountId: ctx.account.id, idemKey: action.idemKey, kind: action.kind, purpose: action.purpose, createdAt: ctx.clock.now() }
  let id: number | null
  switch (action.kind) {
    case 'text':
      id = 'groupId' in action
        ? await insertAction(db, { ...base, groupId: action.groupId, mentionIds: action.mentionIds ?? [], text: action.text })
        : await insertAction(db, { ...base, contactId: action.contactId, text: action.text })
      break
    case 'kick':
      id = await insertAction(db, { ...base, groupId: action.groupId, contactId: action.contactId })
      break
    case 'accept-friend':
      id = await insertAction(db, { ...base, contactId: action.contactId, data: { friendshipId: action.friendshipId } })
      break
  }
  return id
}

export async function dispatch (ctx: AppContext, outboxId: number): Promise<void> {
  await ctx.timers.schedule({ name: 'send', data: { outboxId }, jobId: jobId('send', outboxId) })
}

/** Re-adds jobs for rows older than `graceMs` that are not finished. Safe to run any time, any number of times. */
export async function sweepOutbox (ctx: AppContext, graceMs = 5 * 60_000): Promise<number> {
  const rows = await unfinishedBefore(ctx.db, ctx.account.id, new Date(ctx.clock.now().getTime() - graceMs))
  for (const { id } of rows) await ctx.timers.schedule({ name: 'send', data: { outboxId: id }, jobId: jobId('send', id) })
  return rows.length
}
