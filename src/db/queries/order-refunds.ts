/**
 * What a refunded or cancelled order undoes (docs/ORDERS.md "Refunds and cancellations"). Each statement is
 * conditional, and they all run in the transaction of the status change, which happens once (`status = 'paid'`).
 */
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import type { OrderStatus } from '../schema/orders.ts'

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`

export interface OrderState { id: number, contactId: number | null, status: OrderStatus }

export async function orderByKey (db: DbOrTx, source: string, externalId: string): Promise<OrderState | null> {
  const [row] = await db.execute<{ id: string, contact_id: string | null, status: OrderStatus }>(sql`
    select id, contact_id, status from orders where source = ${source} and external_id = ${externalId}`)
  return row === undefined ? null : { id: Number(row.id), contactId: row.contact_id === null ? null : Number(row.contact_id), status: row.status }
}

/** paid -> refunded | cancelled, once. Returns the order's customer when it moved, undefined when it had left `paid`. */
export async function closeOrder (db: DbOrTx, orderId: number, status: Exclude<OrderStatus, 'paid'>, when: Date): Promise<{ contactId: number | null } | undefined> {
  const [row] = await db.execute<{ contact_id: string | null }>(sql`
    update orders set status = ${status}, refunded_at = ${at(when)} where id = ${orderId} and status = 'paid' returning contact_id`)
  return row === undefined ? undefined : { contactId: row.contact_id === null ? null : Number(row.contact_id) }
}

/** A partial refund of a paid order: its first one is recorded (`refunded_at`); true when this call recorded it. */
export async function markPartlyRefunded (db: DbOrTx, orderId: number, when: Date): Promise<boolean> {
  const rows = await db.execute(sql`
    update orders set refunded_at = ${at(when)} where id = ${orderId} and status = 'paid' and refunded_at is null returning 1`)
  return rows.length > 0
}

export interface PointsTakenBack { earned: number, taken: number, short: number }

/**
 * The points the order earned (cause `order-<id>`) are taken back (cause `order-refund-<id>`, once), but never more
 * than the balance holds: what was spent meanwhile stays spent, and `short` says how much could not be taken back.
 * The caller holds the person's lock, so the balance read here is the one the row is booked against.
 */
export async function takeBackOrderPoints (db: DbOrTx, orderId: number, contactId: number, now: Date): Promise<PointsTakenBack> {
  const [row] = await db.execute<{ earned: number, balance: number }>(sql`
    select coalesce(sum(delta) filter (where cause = ${`order-${orderId}`}), 0)::int as earned, coalesce(sum(delta), 0)::int as balance
    from points_ledger where contact_id = ${contactId}`)
  const earned = Math.max(row?.earned ?? 0, 0)
  const taken = Math.min(earned, Math.max(row?.balance ?? 0, 0))
  if (taken > 0) {
    await db.execute(sql`
      insert into points_ledger (contact_id, delta, kind, reason, cause, note, at)
      values (${contactId}, ${-taken}, 'adjust', 'refund', ${`order-refund-${orderId}`}, ${taken < earned ? `${earned - taken} of ${earned} already spent` : null}, ${at(now)})
      on conflict do nothing`)
  }
  return { earned, taken, short: earned - taken }
}

/** The order's planned (not yet sent) repurchase reminders are cancelled. Returns how many. */
export async function cancelOrderReminders (db: DbOrTx, orderId: number, now: Date): Promise<number> {
  const rows = await db.execute(sql`
    update reminders set status = 'cancelled', closed_at = ${at(now)} where order_id = ${orderId} and status = 'planned' returning 1`)
  return rows.length
}
