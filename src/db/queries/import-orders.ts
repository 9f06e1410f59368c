/**
 * The orders import, set-based over the staging table `import_stage` (one row per order item, each with its file line):
 * what the store must check (unknown skus and customer ids, rows of one order that disagree), then the orders and items
 * that are new (orders_source_external_key: a file imported twice adds nothing the second time).
 */
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import type { Rejection } from './import-customers.ts'

const ORDER_FIELDS = ['paid_at', 'total', 'phone', 'platform_id', 'customer_id', 'coupon', 'channel'] as const

export async function orderRejections (db: DbOrTx): Promise<Rejection[]> {
  await db.execute(sql`create index on import_stage (order_id, line)`)
  await db.execute(sql`analyze import_stage`)
  const rows = await db.execute<{ line: string, problem: string }>(sql`
    select s.line, 'unknown sku "' || s.sku || '"' as problem from import_stage s
    where not exists (select 1 from products p where p.sku = s.sku)
    union all
    select s.line, 'customer_id ' || s.customer_id || ' is not a customer' from import_stage s
    where s.customer_id is not null and not exists (select 1 from contacts c where c.id = s.customer_id::bigint)
    union all
    select s.line, 'order "' || s.order_id || '": ' || ${sql.raw(ORDER_FIELDS.map((f) => `case when s.${f} is distinct from f.${f} then '${f} ' else '' end`).join(' || '))} || 'differs from line ' || f.line
    from import_stage s
    join (select distinct on (order_id) * from import_stage order by order_id, line) f on f.order_id = s.order_id and f.line < s.line
    where (${sql.raw(ORDER_FIELDS.map((f) => `s.${f}`).join(', '))}) is distinct from (${sql.raw(ORDER_FIELDS.map((f) => `f.${f}`).join(', '))})`)
  return rows.map((r) => ({ line: Number(r.line), problem: r.problem }))
}

export interface OrdersApplied { orders: number, alreadyImported: number, unmatched: number, items: number }

/**
 * Inserts the orders of the file not recorded before (matched by customer id, this account's platform id, or a phone
 * exactly one live person has; else kept unmatched), and their items; the new orders' ids are left in `import_new`
 * for the order effects.
 */
export async function applyOrders (db: DbOrTx, p: { source: string, accountId: number, zone: string, now: Date }): Promise<OrdersApplied> {
  await db.execute(sql`create temp table import_new (id bigint primary key, external_id text not null) on commit drop`)
  await db.execute(sql`
    with firsts as (
      select distinct on (order_id) * from import_stage order by order_id, line
    ), new as (
      insert into orders (source, external_id, contact_id, customer_phone, customer_platform_id, total, coupon_code, channel, paid_at, created_at)
      select ${p.source}, f.order_id,
        coalesce(
          f.customer_id::bigint,
          (select l.contact_id from platform_links l where l.account_id = ${p.accountId} and l.kind = 'contact' and l.platform_id = f.platform_id),
          (select min(c.id) from contacts c where c.phone = f.phone and c.erased_at is null having count(*) = 1)),
        f.phone, f.platform_id,
        coalesce(f.total::numeric, (
          select round(sum(s.qty::int * coalesce(s.price::numeric, pr.price)), 2)
          from import_stage s join products pr on pr.sku = s.sku where s.order_id = f.order_id)),
        f.coupon, f.channel,
        case when f.paid_at ~ '(Z|[+-]\\d{2}:?\\d{2})$' then f.paid_at::timestamptz else f.paid_at::timestamp at time zone ${p.zone} end,
        ${p.now.toISOString()}::timestamptz
      from firsts f
      where not exists (select 1 from orders o where o.source = ${p.source} and o.external_id = f.order_id)
      order by f.line
      on conflict do nothing
      returning id, external_id
    )
    insert into import_new (id, external_id) select id, external_id from new`)
  const [items] = await db.execute<{ n: number }>(sql`
    with ins as (
      insert into order_items (order_id, product_id, qty, unit_price)
      select n.id, pr.id, s.qty::int, coalesce(s.price::numeric, pr.price)
      from import_new n join import_stage s on s.order_id = n.external_id join products pr on pr.sku = s.sku
      order by s.line
      returning 1
    ) select count(*)::int as n from ins`)
  const [counts] = await db.execute<{ orders: number, distinct_ids: number, unmatched: number }>(sql`
    select (select count(*) from import_new)::int as orders,
           (select count(distinct order_id) from import_stage)::int as distinct_ids,
           (select count(*) from import_new n join orders o on o.id = n.id where o.contact_id is null)::int as unmatched`)
  return { orders: counts?.orders ?? 0, alreadyImported: (counts?.distinct_ids ?? 0) - (counts?.orders ?? 0), unmatched: counts?.unmatched ?? 0, items: items?.n ?? 0 }
}
