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
 * Marketing DMs queued (outbox pending or reserved) for a person who is erased or opted out (TD) are voided: the
 * outbox row becomes `voided` (its text dropped) and the decision a skip with that reason. Either all the person's
 * queued ones (on delete-my-data) or one row (the sender's check at send time). Returns the outbox ids voided.
 */
export async function voidUndeliverableDms (db: DbOrTx, which: { contactId: number } | { outboxId: number }): Promise<number[]> {
  const filter = 'contactId' in which ? sql`d.contact_id = ${which.contactId}` : sql`o.id = ${which.outboxId}`
  const rows = await db.execute<{ outbox_id: number }>(sql`
    with target as (
      select d.id as dm_id, o.id as outbox_id, case when c.erased_at is not null then 'erased' else 'opted-out' end as reason
      from outbox o
      -- a queued DM's decision is 'sent' (marketing_dms_sent_idx finds it by the person)
      join marketing_dms d on d.outbox_id = o.id and d.contact_id = o.contact_id and d.status = 'sent'
      join contacts c on c.id = d.contact_id
      where ${filter} and o.status in ('pending', 'reserved') and (c.erased_at is not null or c.opted_out_at is not null)
      for update of o
    ), voided as (
      update outbox set status = 'voided', text = null, release_at = null, last_error = 'not sent: ' || t.reason
      from target t where outbox.id = t.outbox_id returning outbox.id
    )
    update marketing_dms d set status = 'skipped', reason = t.reason
    from target t where d.id = t.dm_id and t.outbox_id in (select id from voided)
    returning t.outbox_id`)
  return [...rows].map((r) => Number(r.outbox_id))
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
