import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { memberships } from '../schema/index.ts'

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

/** Which of these stays are still open (the person is still in the group). */
export async function openStays (db: DbOrTx, membershipIds: number[]): Promise<Set<number>> {
  if (membershipIds.length === 0) return new Set()
  const rows = await db.select({ id: memberships.id }).from(memberships).where(and(inArray(memberships.id, membershipIds), isNull(memberships.leftAt)))
  return new Set(rows.map((r) => r.id))
}

export async function groupsOfContact (db: DbOrTx, contactId: number): Promise<number[]> {
  const rows = await db.select({ groupId: memberships.groupId }).from(memberships)
    .where(and(eq(memberships.contactId, contactId), isNull(memberships.leftAt)))
  return rows.map((r) => r.groupId)
}
