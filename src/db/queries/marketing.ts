import { and, eq, gt, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { marketingDms } from '../schema/index.ts'

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

/**
 * The person's local zone as SQL, for set-based passes: that of the group they joined last and are still in; null
 * when they are in none. `contactId` is an SQL expression (a column of the outer query, or a parameter).
 */
export function contactZoneSql (contactId: SQL): SQL {
  return sql`(select g.timezone from memberships m join groups g on g.id = m.group_id where m.contact_id = ${contactId} and m.left_at is null order by m.joined_at desc, m.id desc limit 1)`
}

/** The person's local zone (contactZoneSql); null when they are in no group. */
export async function contactTimeZone (db: DbOrTx, contactId: number): Promise<string | null> {
  const [row] = await db.execute<{ tz: string | null }>(sql`select ${contactZoneSql(sql`${contactId}::bigint`)} as tz`)
  return row?.tz ?? null
}
