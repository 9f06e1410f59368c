import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { groups, marketingDms, memberships } from '../schema/index.ts'

export type MarketingDm = typeof marketingDms.$inferSelect

export async function dmDecisionFor (db: DbOrTx, cause: string): Promise<MarketingDm | null> {
  const [row] = await db.select().from(marketingDms).where(eq(marketingDms.cause, cause))
  return row ?? null
}

/** When the person's marketing DMs since `since` were queued (what the caps count). */
export async function dmsSentSince (db: DbOrTx, contactId: number, since: Date): Promise<Date[]> {
  const rows = await db.select({ at: marketingDms.decidedAt }).from(marketingDms)
    .where(and(eq(marketingDms.contactId, contactId), eq(marketingDms.status, 'sent'), gt(marketingDms.decidedAt, since)))
  return rows.map((r) => r.at)
}

/** Records a decision; false when the cause was decided before (marketing_dms_cause_key). */
export async function recordDmDecision (db: DbOrTx, row: typeof marketingDms.$inferInsert): Promise<boolean> {
  const rows = await db.insert(marketingDms).values(row).onConflictDoNothing().returning({ id: marketingDms.id })
  return rows.length > 0
}

/** The person's local zone: that of the group they joined last and are still in; null when they are in none. */
export async function contactTimeZone (db: DbOrTx, contactId: number): Promise<string | null> {
  const [row] = await db.select({ timezone: groups.timezone }).from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(memberships.contactId, contactId), isNull(memberships.leftAt)))
    .orderBy(desc(memberships.joinedAt), desc(memberships.id)).limit(1)
  return row?.timezone ?? null
}
