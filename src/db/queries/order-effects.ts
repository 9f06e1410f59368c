/**
 * What orders cause in the CRM, set-based: each function takes `orders`, an SQL subquery that yields order ids
 * (`select <id>::bigint` for one order from the API, the staging table of a CSV import, the orders just linked to a
 * contact), so one order and three million take the same statements.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'

const at = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`

async function count (db: DbOrTx, statement: SQL): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`with done as (${statement}) select count(*)::int as n from done`)
  return row?.n ?? 0
}

/**
 * Points for purchases (SPEC 3.6): floor(total x rate) per matched order, once per order (points_ledger_cause_key,
 * cause `order-<id>`). Returns the rows booked.
 */
export function bookOrderPoints (db: DbOrTx, orders: SQL, perYuan: number, now: Date): Promise<number> {
  if (perYuan <= 0) return Promise.resolve(0)
  return count(db, sql`
    insert into points_ledger (contact_id, delta, kind, reason, cause, at)
    select o.contact_id, floor(o.total * ${perYuan})::int, 'earn', 'order', 'order-' || o.id, ${at(now)}
    from orders o
    where o.id in (${orders}) and o.contact_id is not null and o.status = 'paid' and floor(o.total * ${perYuan}) >= 1
    on conflict do nothing
    returning 1`)
}

/**
 * A purchase cancels the planned (not yet sent) reminder of the same customer and product that follows an earlier
 * purchase (a conditional update: only `planned` rows move). Returns the reminders cancelled.
 */
export function cancelSupersededReminders (db: DbOrTx, orders: SQL, now: Date): Promise<number> {
  return count(db, sql`
    update reminders r set status = 'cancelled', closed_at = ${at(now)}
    from (
      select o.contact_id, oi.product_id, max(o.paid_at) as paid_at
      from orders o join order_items oi on oi.order_id = o.id
      where o.id in (${orders}) and o.contact_id is not null and o.status = 'paid'
      group by o.contact_id, oi.product_id
    ) n
    where r.status = 'planned' and r.contact_id = n.contact_id and r.product_id = n.product_id and r.purchased_at < n.paid_at
    returning 1`)
}

/**
 * A sent reminder is converted when its customer buys the product within `days` after it was sent; the first such
 * order is credited (a conditional update: only `sent` rows move). Returns the reminders converted.
 */
export function convertReminders (db: DbOrTx, orders: SQL, days: number): Promise<number> {
  return count(db, sql`
    update reminders r set status = 'converted', converted_order_id = n.order_id, converted_at = n.paid_at
    from (
      select distinct on (s.id) s.id as reminder_id, o.id as order_id, o.paid_at
      from orders o
      join order_items oi on oi.order_id = o.id
      join reminders s on s.status = 'sent' and s.contact_id = o.contact_id and s.product_id = oi.product_id
      where o.id in (${orders}) and o.contact_id is not null and o.status = 'paid'
        and o.paid_at >= s.sent_at and o.paid_at <= s.sent_at + make_interval(days => ${days})
      order by s.id, o.paid_at, o.id
    ) n
    where r.id = n.reminder_id and r.status = 'sent'
    returning 1`)
}

/** An order is the customer's own activity: reactivation counts silence from the latest one. */
export async function touchLastActiveByOrders (db: DbOrTx, orders: SQL): Promise<void> {
  await db.execute(sql`
    update contacts c set last_active_at = n.paid_at
    from (select o.contact_id, max(o.paid_at) as paid_at from orders o where o.id in (${orders}) and o.contact_id is not null group by o.contact_id) n
    where c.id = n.contact_id and (c.last_active_at is null or c.last_active_at < n.paid_at)`)
}

/**
 * Unmatched orders that name this platform id belong to the contact now linked to it. A conditional update
 * (`contact_id is null`), so each order is linked once. Returns the ids of the orders linked.
 */
export async function linkOrdersByPlatformId (db: DbOrTx, contactId: number, platformId: string): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    update orders set contact_id = ${contactId} where contact_id is null and customer_platform_id = ${platformId} returning id`)
  return rows.map((r) => Number(r.id))
}

/**
 * Unmatched orders whose phone now belongs to exactly one live contact among `contacts` (an SQL subquery of contact
 * ids) are linked to that contact; a phone several people share links nothing. Conditional on `contact_id is null`,
 * so each order is linked once. Returns the ids of the orders linked.
 */
export async function linkOrdersByPhone (db: DbOrTx, contacts: SQL): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    with owners as (
      select c.phone, min(c.id) as contact_id from contacts c
      where c.erased_at is null and c.phone in (select phone from contacts where id in (${contacts}) and phone is not null)
      group by c.phone having count(*) = 1
    )
    update orders o set contact_id = owners.contact_id from owners
    where o.contact_id is null and o.customer_phone = owners.phone
    returning o.id`)
  return rows.map((r) => Number(r.id))
}

/** An SQL subquery over a list of ids, for the functions above. */
export function idList (ids: readonly number[]): SQL {
  return sql`select unnest(${`{${ids.join(',')}}`}::bigint[])`
}
