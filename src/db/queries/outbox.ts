import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { messageLog, outbox } from '../schema/index.ts'

export type OutboxRow = typeof outbox.$inferSelect
export type NewOutboxRow = typeof outbox.$inferInsert

/** The row's id when this call created it; null when the idempotency key was already used. */
export async function insertAction (db: DbOrTx, values: NewOutboxRow): Promise<number | null> {
  // exactly-once: outbox_account_idem_key
  const rows = await db.insert(outbox).values(values).onConflictDoNothing({ target: [outbox.accountId, outbox.idemKey] })
    .returning({ id: outbox.id })
  return rows[0]?.id ?? null
}

export async function getAction (db: DbOrTx, id: number): Promise<OutboxRow | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id))
  return row ?? null
}

export async function getActionForUpdate (db: DbOrTx, id: number): Promise<OutboxRow | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id)).for('update')
  return row ?? null
}

export async function setReserved (db: DbOrTx, id: number, releaseAt: Date): Promise<void> {
  await db.update(outbox).set({ status: 'reserved', releaseAt }).where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
}

/** Conditional update: one caller moves a reserved row into the platform call. */
export async function markSending (db: DbOrTx, id: number, now: Date): Promise<boolean> {
  const rows = await db.update(outbox).set({ status: 'sending', sendingAt: now, attempts: sql`${outbox.attempts} + 1` })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'reserved'))).returning({ id: outbox.id })
  return rows.length > 0
}

/**
 * Conditional update sending -> sent, and the outbound message-log line with it. Called by the sender after
 * the platform call and by the echo of the bot's own message; whichever comes first records it, once.
 */
export async function completeSend (db: DbOrTx, id: number, now: Date, platformMessageId: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(outbox).set({ status: 'sent', sentAt: now })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'sending'))).returning()
    if (!row) return false
    if (row.kind === 'text') {
      await tx.insert(messageLog).values({
        accountId: row.accountId, direction: 'out', groupId: row.groupId, contactId: row.groupId ? null : row.contactId,
        text: row.text, kind: row.purpose, platformMessageId, outboxId: row.id, at: now,
      })
    }
    return true
  })
}

/**
 * The sending text row this echo is the platform's copy of: same conversation, and the echo ends with the row's
 * text (group echoes carry the "@name " prefix the platform adds for mentions). Newest first, so a row stuck in
 * `sending` by an old crash is not taken for a new message with the same text.
 */
export async function sendingRowFor (db: DbOrTx, accountId: number, target: { groupId: number } | { contactId: number }, echoText: string): Promise<number | null> {
  const where = 'groupId' in target
    ? eq(outbox.groupId, target.groupId)
    : and(eq(outbox.contactId, target.contactId), isNull(outbox.groupId))
  const rows = await db.select({ id: outbox.id, text: outbox.text }).from(outbox)
    .where(and(eq(outbox.accountId, accountId), eq(outbox.status, 'sending'), eq(outbox.kind, 'text'), where))
    .orderBy(desc(outbox.sendingAt)).limit(10)
  return rows.find((r) => r.text !== null && echoText.endsWith(r.text))?.id ?? null
}

/** Conditional update sending -> reserved, for actions that are safe to repeat (accepting a friend, a kick). */
export async function retrySending (db: DbOrTx, id: number): Promise<boolean> {
  const rows = await db.update(outbox).set({ status: 'reserved' }).where(and(eq(outbox.id, id), eq(outbox.status, 'sending'))).returning({ id: outbox.id })
  return rows.length > 0
}

/** Back to pending without counting an attempt (the platform was not asked), e.g. while logged out. */
export async function releaseSlot (db: DbOrTx, id: number): Promise<void> {
  await db.update(outbox).set({ status: 'pending', releaseAt: null })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ['reserved'])))
}

/** Back to pending: the next attempt asks the governor for a fresh slot. */
export async function returnToPending (db: DbOrTx, id: number, error: string | null): Promise<void> {
  await db.update(outbox).set({ status: 'pending', releaseAt: null, lastError: error })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ['reserved', 'sending'])))
}

export async function finish (db: DbOrTx, id: number, status: 'failed' | 'uncertain', error: string): Promise<boolean> {
  const rows = await db.update(outbox).set({ status, lastError: error })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ['pending', 'reserved', 'sending']))).returning({ id: outbox.id })
  return rows.length > 0
}

/** Rows that should have a job but may have lost it (a crash between insert and enqueue). */
export async function unfinishedBefore (db: DbOrTx, accountId: number, before: Date): Promise<Array<{ id: number }>> {
  return db.select({ id: outbox.id }).from(outbox)
    .where(and(eq(outbox.accountId, accountId), or(eq(outbox.status, 'pending'), eq(outbox.status, 'reserved'), eq(outbox.status, 'sending')),
      lt(outbox.createdAt, before)))
    .limit(1000)
}
