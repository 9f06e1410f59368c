/**
 * The only way anything leaves the bot: an outbox row (unique per idempotency key) and a send job on the
 * account's outbox queue. Nothing calls the chat platform directly.
 *
 * Crash between the insert and the job add: the row stays pending without a job; the outbox sweep
 * (housekeeping) re-adds its job, and the job id `send-<row id>` keeps that from ever doubling.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../db/client.ts'
import { accountKeyOf } from '../db/queries/accounts.ts'
import { insertAction, unfinishedBefore } from '../db/queries/outbox.ts'
import { contacts, groups, platformLinks } from '../db/schema/index.ts'
import { jobId } from '../jobs/contracts.ts'
import type { AppContext } from './context.ts'

export type OutboxAction =
  | { kind: 'text', purpose: string, idemKey: string, groupId: number, mentionIds?: number[], text: string }
  | { kind: 'text', purpose: string, idemKey: string, contactId: number, text: string }
  | { kind: 'kick', purpose: string, idemKey: string, groupId: number, contactId: number }
  | { kind: 'accept-friend', purpose: string, idemKey: string, contactId: number, friendshipId: string }

/** A staged row and the account whose puppet will send it. */
export interface Staged { outboxId: number, accountId: number }

/** Queues an action once per idempotency key; returns the new row id, or null if the key was used before. */
export async function enqueueAction (ctx: AppContext, action: OutboxAction): Promise<number | null> {
  const staged = await stageAction(ctx, ctx.db, action)
  if (staged !== null) await dispatch(ctx, staged)
  return staged?.outboxId ?? null
}

/**
 * Writes the outbox row inside the caller's transaction, so the action commits together with the state change
 * that caused it. The caller calls `dispatch` after the commit (a job for an uncommitted row could run first
 * and find nothing).
 */
export async function stageAction (ctx: AppContext, db: DbOrTx, action: OutboxAction): Promise<Staged | null> {
  // A group is reached through the account that is in it; a DM through the account the person is a friend of
  // (whichever process stages it: the hourly CRM pass runs on any account's worker).
  // Accepting a friend request is done by the account that received it.
  let accountId: number
  if ('groupId' in action) accountId = await groupAccount(db, action.groupId)
  else if (action.kind === 'accept-friend') accountId = ctx.account.id
  else {
    const [c] = await db.select({ isFriend: contacts.isFriend, friendAccountId: contacts.friendAccountId }).from(contacts).where(eq(contacts.id, action.contactId))
    // The platform lets the bot DM only its friends (SPEC 1); a DM to anyone else is not even queued.
    if (!c?.isFriend) {
      ctx.logger.info({ contactId: action.contactId, purpose: action.purpose }, 'dm not queued: not a friend')
      return null
    }
    accountId = c?.friendAccountId ?? await contactAccount(db, action.contactId, ctx.account.id)
  }
  const base = { accountId, idemKey: action.idemKey, kind: action.kind, purpose: action.purpose, createdAt: ctx.clock.now() }
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
  return id === null ? null : { outboxId: id, accountId }
}

/**
 * A person with no friend account on record (a friend from before it was recorded): the caller's
 * account if it knows them, else the account that linked them last.
 */
async function contactAccount (db: DbOrTx, contactId: number, preferred: number): Promise<number> {
  const [row] = await db.select({ accountId: platformLinks.accountId }).from(platformLinks)
    .where(and(eq(platformLinks.kind, 'contact'), eq(platformLinks.contactId, contactId)))
    .orderBy(sql`${platformLinks.accountId} = ${preferred} desc`, desc(platformLinks.linkedAt)).limit(1)
  return row?.accountId ?? preferred
}

async function groupAccount (db: DbOrTx, groupId: number): Promise<number> {
  const [row] = await db.select({ accountId: groups.accountId }).from(groups).where(eq(groups.id, groupId))
  if (!row) throw new Error(`no group ${groupId}`)
  return row.accountId
}

export async function dispatch (ctx: AppContext, staged: Staged, jobKey: string = jobId('send', staged.outboxId)): Promise<void> {
  const account = staged.accountId === ctx.account.id ? ctx.account.key : await accountKeyOf(ctx.db, staged.accountId)
  await ctx.timers.schedule({ name: 'send', data: { outboxId: staged.outboxId, account }, jobId: jobKey })
}

/**
 * Re-adds jobs for rows older than `graceMs` that are not finished. Each sweep uses its own job id: a job that
 * failed for good keeps its id for days, and re-adding that id would do nothing. The send handler is idempotent,
 * so a row with a job still waiting is safe to give a second one.
 */
export async function sweepOutbox (ctx: AppContext, graceMs = 5 * 60_000): Promise<number> {
  const now = ctx.clock.now()
  const rows = await unfinishedBefore(ctx.db, ctx.account.id, new Date(now.getTime() - graceMs))
  for (const { id } of rows) await dispatch(ctx, { outboxId: id, accountId: ctx.account.id }, jobId('send', id, 'sweep', Math.floor(now.getTime() / 60_000)))
  return rows.length
}
