/**
 * Candidates of the lifecycle DMs (SPEC 3.7), set-based and bounded by what is due: orders paid in the last few days
 * (post-purchase care, orders_paid_idx), people whose birthday is today somewhere (contacts_birthday_md_idx), people
 * who fell silent on the days that make them due (contacts_silent_since_idx). A candidate whose cause the gate has
 * decided (marketing_dms_cause_key) is left out, so the passes can run any number of times.
 */
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { contactZoneSql } from './marketing.ts'

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`
const DAY_MS = 86_400_000

export interface CareCandidate { orderId: number, contactId: number, dueAt: Date }

/** Matched orders paid (not refunded or cancelled) in the last `windowDays` whose care DM (the customer's next local day) is due and undecided. */
export async function careCandidates (db: DbOrTx, now: Date, windowDays: number, defaultZone: string): Promise<CareCandidate[]> {
  const rows = await db.execute<{ order_id: string, contact_id: string, due_at: string }>(sql`
    select o.id as order_id, o.contact_id, d.due_at
    from orders o
    cross join lateral (select coalesce(${contactZoneSql(sql`o.contact_id`)}, ${defaultZone}) as tz) z
    cross join lateral (select ((((o.paid_at at time zone z.tz)::date + 1)::timestamp) at time zone z.tz) as due_at) d
    where o.paid_at >= ${at(new Date(now.getTime() - (windowDays + 2) * DAY_MS))} and o.paid_at <= ${at(now)}
      and o.contact_id is not null and o.status = 'paid' and d.due_at <= ${at(now)}
      and not exists (select 1 from marketing_dms m where m.cause = 'care-' || o.id)
    order by o.id`)
  return rows.map((r) => ({ orderId: Number(r.order_id), contactId: Number(r.contact_id), dueAt: new Date(r.due_at) }))
}

/** Not refunded or cancelled in full (a care DM's cause still stands). */
export async function orderIsPaid (db: DbOrTx, orderId: number): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from orders where id = ${orderId} and status = 'paid'`)
  return rows.length > 0
}

export async function orderProductNames (db: DbOrTx, orderId: number): Promise<string[]> {
  const rows = await db.execute<{ name: string }>(sql`
    select p.name from order_items oi join products p on p.id = oi.product_id where oi.order_id = ${orderId} group by p.name order by min(oi.id)`)
  return rows.map((r) => r.name)
}

export interface BirthdayCandidate { contactId: number, name: string | null, zone: string, localDay: string }

/**
 * Friends (not staff, not erased) whose birthday is today in their local zone and whose greeting this year is
 * undecided. Someone born on 02-29 is greeted on 02-28 in other years.
 */
export async function birthdayCandidates (db: DbOrTx, now: Date, defaultZone: string): Promise<BirthdayCandidate[]> {
  // The local dates somewhere on earth right now: yesterday, today or tomorrow in UTC.
  const mmdd = new Set<number>()
  for (const shift of [-1, 0, 1]) {
    const d = new Date(now.getTime() + shift * DAY_MS)
    mmdd.add((d.getUTCMonth() + 1) * 100 + d.getUTCDate())
  }
  if (mmdd.has(228)) mmdd.add(229)
  const rows = await db.execute<{ id: string, name: string | null, tz: string, local_day: string }>(sql`
    select c.id, c.display_name as name, z.tz, to_char(l.day, 'YYYY-MM-DD') as local_day
    from contacts c
    cross join lateral (select coalesce(${contactZoneSql(sql`c.id`)}, ${defaultZone}) as tz) z
    cross join lateral (select (${at(now)} at time zone z.tz)::date as day) l
    where c.birthday is not null
      and ((extract(month from c.birthday) * 100 + extract(day from c.birthday))::int) in (${sql.join([...mmdd].map((n) => sql`${n}`), sql`, `)})
      and c.erased_at is null and c.is_friend
      and not exists (select 1 from staff_members s where s.contact_id = c.id)
      and (to_char(c.birthday, 'MM-DD') = to_char(l.day, 'MM-DD')
        or (to_char(c.birthday, 'MM-DD') = '02-29' and to_char(l.day, 'MM-DD') = '02-28'
          and to_char(make_date(extract(year from l.day)::int, 3, 1) - 1, 'DD') = '28'))
      and not exists (select 1 from marketing_dms m where m.cause = 'birthday-' || c.id || '-' || extract(year from l.day)::int)
    order by c.id`)
  return rows.map((r) => ({ contactId: Number(r.id), name: r.name, zone: r.tz, localDay: r.local_day }))
}

export interface SilentCandidate { contactId: number, name: string | null, silentSince: Date }

/**
 * Friends (not staff, not erased) whose last own activity (a message, an order; first sight when none) was between
 * `silentDays + windowDays` and `silentDays` ago, who got no reactivation in the last `everyDays`, and whose
 * reactivation for this silence is undecided.
 */
export async function silentCandidates (db: DbOrTx, now: Date, p: { silentDays: number, windowDays: number, everyDays: number }): Promise<SilentCandidate[]> {
  const rows = await db.execute<{ id: string, name: string | null, silent_since: string }>(sql`
    select c.id, c.display_name as name, coalesce(c.last_active_at, c.first_seen_at) as silent_since
    from contacts c
    where coalesce(c.last_active_at, c.first_seen_at) <= ${at(new Date(now.getTime() - p.silentDays * DAY_MS))}
      and coalesce(c.last_active_at, c.first_seen_at) > ${at(new Date(now.getTime() - (p.silentDays + p.windowDays) * DAY_MS))}
      and c.erased_at is null and c.is_friend
      and not exists (select 1 from staff_members s where s.contact_id = c.id)
      and not exists (
        select 1 from marketing_dms m where m.contact_id = c.id and m.kind = 'reactivation'
          and ((m.status = 'sent' and m.decided_at > ${at(new Date(now.getTime() - p.everyDays * DAY_MS))})
            or m.cause = 'reactivation-' || c.id || '-' || to_char(coalesce(c.last_active_at, c.first_seen_at) at time zone 'UTC', 'YYYYMMDD"T"HH24MISS')))
    order by c.id`)
  return rows.map((r) => ({ contactId: Number(r.id), name: r.name, silentSince: new Date(r.silent_since) }))
}
