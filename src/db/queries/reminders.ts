/** Repurchase reminders (SPEC 3.7): the set-based planning pass and the state moves of one reminder. */
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { reminders } from '../schema/index.ts'
import { contactZoneSql } from './marketing.ts'

export type Reminder = typeof reminders.$inferSelect

/** A reminder is due on the day after the purchase at the earliest, however short the cycle (SPEC 3.7). */
export const MIN_WAIT_DAYS = 1

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`

export interface PlanWindow {
  now: Date
  /** Days before the end of the cycle the reminder is due (SPEC 3.7: 3). */
  leadDays: number
  /** Reminders due up to this many days ago are still planned (a pass missed, orders linked or imported late). */
  catchUpDays: number
  /** Reminders due up to this many days ahead are planned now (covers every time zone's next day). */
  aheadDays: number
  /** The zone of a customer in no group. */
  defaultZone: string
}

/**
 * The daily planning pass, one statement. For every product with a cycle, it reads the orders paid on the few days
 * whose reminders fall due in the window (orders_paid_idx, one range per distinct cycle), keeps a customer's latest
 * purchase of the product (orders_contact_paid_idx), and plans a reminder due at the start of the customer's local day
 * `purchase day + max(cycle - lead, 1)` (calendar days in the customer's zone). So the work grows with the reminders due, not with the customers. Running it twice
 * plans nothing twice (reminders_purchase_key, reminders_open_key). Returns how many it planned.
 */
export async function planDueReminders (db: DbOrTx, w: PlanWindow): Promise<number> {
  const [row] = await db.execute<{ n: number }>(planSql(w, 'insert'))
  return row?.n ?? 0
}

/**
 * The planning statement: `insert` plans and counts what it planned; `count` only counts the reminders that are due
 * and not planned yet (the same selection as one read-only aggregate, for the bench to time beside the pass).
 */
export function planSql (w: PlanWindow, mode: 'insert' | 'count'): SQL {
  const selection = sql`
      select d.contact_id, d.product_id, d.order_id, d.paid_at, d.due_at, d.due_at, ${at(w.now)}
      from due d
      where d.due_at <= ${at(w.now)} + make_interval(days => ${w.aheadDays})
        and d.due_at > ${at(w.now)} - make_interval(days => ${w.catchUpDays})
        -- the latest purchase of the product only: a later one has its own reminder
        and not exists (
          select 1 from orders o2 join order_items oi2 on oi2.order_id = o2.id
          where o2.contact_id = d.contact_id and oi2.product_id = d.product_id and o2.status = 'paid'
            and (o2.paid_at > d.paid_at or (o2.paid_at = d.paid_at and o2.id > d.order_id)))`
  const final = mode === 'insert'
    ? sql`planned as (
      insert into reminders (contact_id, product_id, order_id, purchased_at, due_at, send_after, planned_at)
      ${selection}
      order by d.due_at, d.contact_id, d.product_id
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from planned`
    : sql`selectable as (${selection}
        and not exists (select 1 from reminders r where r.contact_id = d.contact_id and r.product_id = d.product_id and r.order_id = d.order_id)
    )
    select count(*)::int as n from (select distinct contact_id, product_id, order_id from selectable) s`
  return sql`
    with cycles as (
      -- days from the purchase day to the reminder day: cycle minus lead, but never before the next day
      select distinct cycle_days, greatest(cycle_days - ${w.leadDays}, ${MIN_WAIT_DAYS}) as wait_days from products where cycle_days is not null and active
    ), candidates as (
      select o.id as order_id, o.contact_id, o.paid_at, o.product_id, c.cycle_days, c.wait_days
      from cycles c
      -- one range of orders_paid_idx per cycle, and the items of those orders only (offset 0 keeps the planner from
      -- flattening it into a scan of every item); a purchase at any time of its local day falls due that day + cycle -
      -- lead, so the range spans the window plus a day (and a day more for daylight saving)
      cross join lateral (
        select o.id, o.contact_id, o.paid_at, oi.product_id from orders o join order_items oi on oi.order_id = o.id
        where o.paid_at >= ${at(w.now)} - make_interval(days => c.wait_days + ${w.catchUpDays} + 1)
          and o.paid_at < ${at(w.now)} - make_interval(days => c.wait_days - ${w.aheadDays} - 1)
          and o.contact_id is not null and o.status = 'paid'
        offset 0
      ) o
      join products p on p.id = o.product_id and p.cycle_days = c.cycle_days and p.active
    ), due as materialized (
      select k.*, ((((k.paid_at at time zone z.tz)::date + k.wait_days)::timestamp) at time zone z.tz) as due_at
      from candidates k
      -- offset 0: the zone is looked up once per candidate, not once per use
      cross join lateral (select coalesce(${contactZoneSql(sql`k.contact_id`)}, ${w.defaultZone}) as tz offset 0) z
    ), ${final}`
}

/** Planned reminders the sender may try now, in id order after `afterId` (keyset paging). */
export async function sendableReminders (db: DbOrTx, now: Date, afterId: number, limit: number): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    select id from reminders where status = 'planned' and send_after <= ${at(now)} and id > ${afterId} order by id limit ${limit}`)
  return rows.map((r) => Number(r.id))
}

export async function getReminder (db: DbOrTx, id: number): Promise<Reminder | null> {
  const [row] = await db.select().from(reminders).where(eq(reminders.id, id))
  return row ?? null
}

/** Did the customer buy the product again after the purchase this reminder follows? */
export async function boughtAgain (db: DbOrTx, r: Reminder): Promise<boolean> {
  const rows = await db.execute(sql`
    select 1 from orders o join order_items oi on oi.order_id = o.id
    where o.contact_id = ${r.contactId} and oi.product_id = ${r.productId} and o.status = 'paid'
      and (o.paid_at > ${at(r.purchasedAt)} or (o.paid_at = ${at(r.purchasedAt)} and o.id > ${r.orderId}))
    limit 1`)
  return rows.length > 0
}

/** Conditional update of a planned reminder; false when it had left `planned` already. */
async function closePlanned (db: DbOrTx, id: number, set: Partial<Reminder>): Promise<boolean> {
  const rows = await db.update(reminders).set(set).where(and(eq(reminders.id, id), eq(reminders.status, 'planned'))).returning({ id: reminders.id })
  return rows.length > 0
}

export const markReminderSent = (db: DbOrTx, id: number, now: Date) => closePlanned(db, id, { status: 'sent', sentAt: now })
export const markReminderSkipped = (db: DbOrTx, id: number, reason: string, now: Date) => closePlanned(db, id, { status: 'skipped', reason, closedAt: now })
export const markReminderCancelled = (db: DbOrTx, id: number, now: Date) => closePlanned(db, id, { status: 'cancelled', closedAt: now })
export const deferReminder = (db: DbOrTx, id: number, until: Date) => closePlanned(db, id, { sendAfter: until })
