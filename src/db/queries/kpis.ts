/** KPIs over the store, each with its definition in docs/KPIS.md. A ratio is rounded to 4 places; null over 0. */
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`

/**
 * repurchase_rate: of the customers (matched orders, refunded and cancelled ones left out) who ordered in the period, the share whose order in the period
 * was not their first ever (they had ordered before, in the period or earlier).
 */
export async function repurchaseRate (db: DbOrTx, period: { from: Date, to: Date }): Promise<number | null> {
  const [row] = await db.execute<{ buyers: number, repeaters: number }>(sql`
    select count(distinct o.contact_id)::int as buyers,
           count(distinct o.contact_id) filter (where exists (
             select 1 from orders p where p.contact_id = o.contact_id and p.status = 'paid' and (p.paid_at < o.paid_at or (p.paid_at = o.paid_at and p.id < o.id))))::int as repeaters
    from orders o
    where o.contact_id is not null and o.status = 'paid' and o.paid_at >= ${at(period.from)} and o.paid_at <= ${at(period.to)}`)
  const buyers = row?.buyers ?? 0
  return buyers === 0 ? null : Math.round(((row?.repeaters ?? 0) / buyers) * 10_000) / 10_000
}
