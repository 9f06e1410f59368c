import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { contacts, groups, memberships, welcomeBatches } from '../schema/index.ts'

/** Opens a stay; null when the contact is already in the group (a duplicate room-join event). */
export async function openMembership (db: DbOrTx, values: { groupId: number, contactId: number, joinedAt: Date, inviterId: number | null, source: string }): Promise<number | null> {
  // exactly-once: memberships_open_key (one open stay per group and contact)
  const rows = await db.insert(memberships).values(values)
    .onConflictDoNothing({ target: [memberships.groupId, memberships.contactId], where: sql`left_at is null` })
    .returning({ id: memberships.id })
  return rows[0]?.id ?? null
}

/** Conditional update: ends the open stay; its id, or null when there was none (a duplicate leave event). */
export async function closeMembership (db: DbOrTx, groupId: number, contactId: number, leftAt: Date): Promise<number | null> {
  const rows = await db.update(memberships).set({ leftAt })
    .where(and(eq(memberships.groupId, groupId), eq(memberships.contactId, contactId), isNull(memberships.leftAt)))
    .returning({ id: memberships.id })
  return rows[0]?.id ?? null
}

/**
 * The group's open welcome batch, opening one if none is open. Call inside the transaction that attaches the
 * member: joining an existing batch locks its row, so a flush running at the same moment either sees this
 * member or has already closed the batch (then we loop and open a new one). Nobody falls between two batches.
 */
export async function openOrJoinWelcomeBatch (db: DbOrTx, groupId: number, now: Date): Promise<{ id: number, openedAt: Date, opened: boolean }> {
  for (;;) {
    // exactly-once: welcome_batches_open_group_key; the loser of a race joins the winner's batch
    const inserted = await db.insert(welcomeBatches).values({ groupId, openedAt: now })
      .onConflictDoNothing({ target: welcomeBatches.groupId, where: sql`status = 'open'` })
      .returning({ id: welcomeBatches.id, openedAt: welcomeBatches.openedAt })
    if (inserted[0]) return { ...inserted[0], opened: true }
    const [open] = await db.select({ id: welcomeBatches.id, openedAt: welcomeBatches.openedAt }).from(welcomeBatches)
      .where(and(eq(welcomeBatches.groupId, groupId), eq(welcomeBatches.status, 'open'))).for('update')
    if (open) return { ...open, opened: false }
  }
}

export async function attachToWelcomeBatch (db: DbOrTx, membershipId: number, batchId: number): Promise<void> {
  await db.update(memberships).set({ welcomeBatchId: batchId }).where(eq(memberships.id, membershipId))
}

/** Conditional update: only the first flush of a batch gets its members back. */
export async function flushWelcomeBatch (db: DbOrTx, batchId: number, now: Date): Promise<{ groupId: number } | null> {
  const rows = await db.update(welcomeBatches).set({ status: 'flushed', flushedAt: now })
    .where(and(eq(welcomeBatches.id, batchId), eq(welcomeBatches.status, 'open')))
    .returning({ groupId: welcomeBatches.groupId })
  return rows[0] ?? null
}

/** Members of a batch still in the group, in join order. */
export async function welcomeBatchMembers (db: DbOrTx, batchId: number): Promise<Array<{ contactId: number, name: string | null }>> {
  return db.select({ contactId: memberships.contactId, name: contacts.displayName }).from(memberships)
    .innerJoin(contacts, eq(contacts.id, memberships.contactId))
    .where(and(eq(memberships.welcomeBatchId, batchId), isNull(memberships.leftAt)))
    .orderBy(asc(memberships.joinedAt), asc(memberships.id))
}

export async function openBatchesOlderThan (db: DbOrTx, accountId: number, before: Date): Promise<number[]> {
  const rows = await db.select({ id: welcomeBatches.id }).from(welcomeBatches)
    .innerJoin(groups, eq(groups.id, welcomeBatches.groupId))
    .where(and(eq(groups.accountId, accountId), eq(welcomeBatches.status, 'open'), lt(welcomeBatches.openedAt, before)))
  return rows.map((r) => r.id)
}

export async function groupsOfContact (db: DbOrTx, contactId: number): Promise<number[]> {
  const rows = await db.select({ groupId: memberships.groupId }).from(memberships)
    .where(and(eq(memberships.contactId, contactId), isNull(memberships.leftAt)))
  return rows.map((r) => r.groupId)
}
