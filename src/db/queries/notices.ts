import { and, asc, eq, lt, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { noticeBatches, notices } from '../schema/index.ts'

/**
 * The open batch of a group and kind, opening one if none is open. Call inside the transaction that adds the
 * notice: joining an existing batch locks its row, so a flush running at the same moment either sees this notice or
 * has already closed the batch (then we loop and open a new one). Nothing falls between two batches.
 */
export async function openOrJoinNoticeBatch (db: DbOrTx, groupId: number, kind: string, now: Date): Promise<{ id: number, openedAt: Date, opened: boolean }> {
  for (;;) {
    // exactly-once: notice_batches_open_key
    const inserted = await db.insert(noticeBatches).values({ groupId, kind, openedAt: now })
      .onConflictDoNothing({ target: [noticeBatches.groupId, noticeBatches.kind], where: sql`status = 'open'` })
      .returning({ id: noticeBatches.id, openedAt: noticeBatches.openedAt })
    if (inserted[0]) return { ...inserted[0], opened: true }
    const [open] = await db.select({ id: noticeBatches.id, openedAt: noticeBatches.openedAt }).from(noticeBatches)
      .where(and(eq(noticeBatches.groupId, groupId), eq(noticeBatches.kind, kind), eq(noticeBatches.status, 'open'))).for('update')
    if (open) return { ...open, opened: false }
  }
}

/** One notice per cause (notices_cause_key); false when it was added before. */
export async function addNotice (db: DbOrTx, values: typeof notices.$inferInsert): Promise<boolean> {
  const rows = await db.insert(notices).values(values).onConflictDoNothing().returning({ id: notices.id })
  return rows.length > 0
}

/** Conditional update: only the first flush gets the batch. */
export async function flushNoticeBatch (db: DbOrTx, batchId: number, now: Date): Promise<{ groupId: number, kind: string } | null> {
  const rows = await db.update(noticeBatches).set({ status: 'flushed', flushedAt: now })
    .where(and(eq(noticeBatches.id, batchId), eq(noticeBatches.status, 'open'))).returning({ groupId: noticeBatches.groupId, kind: noticeBatches.kind })
  return rows[0] ?? null
}

export async function batchNotices (db: DbOrTx, batchId: number): Promise<Array<{ contactId: number, data: Record<string, number | string> }>> {
  return db.select({ contactId: notices.contactId, data: notices.data }).from(notices).where(eq(notices.batchId, batchId)).orderBy(asc(notices.id))
}

/** Open batches of a kind opened before `before`: their flush should have happened (a lost or failed job). */
export async function overdueNoticeBatches (db: DbOrTx, kind: string, before: Date): Promise<number[]> {
  const rows = await db.select({ id: noticeBatches.id }).from(noticeBatches)
    .where(and(eq(noticeBatches.kind, kind), eq(noticeBatches.status, 'open'), lt(noticeBatches.openedAt, before))).limit(1000)
  return rows.map((r) => r.id)
}
