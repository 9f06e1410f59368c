/**
 * The customers and products imports, set-based over the staging table `import_stage` (each row with its file line).
 * Customers are matched to the CRM by this account's platform id, else by a phone exactly one live person has; the
 * import fills only what the CRM does not know yet (a person's own answers win) and never touches an erased person.
 * Products are upserted by sku.
 */
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'

export interface Rejection { line: number, problem: string }

/** Lines that repeat a key of an earlier line of the file. */
export async function duplicateRejections (db: DbOrTx, column: 'phone' | 'platform_id' | 'sku'): Promise<Rejection[]> {
  const rows = await db.execute<{ line: string, problem: string }>(sql`
    select s.line, ${column} || ' "' || s.${sql.raw(column)} || '" is also on line ' || f.line as problem
    from import_stage s
    join (select ${sql.raw(column)} as k, min(line) as line from import_stage where ${sql.raw(column)} is not null group by 1 having count(*) > 1) f
      on f.k = s.${sql.raw(column)} and s.line > f.line`)
  return rows.map((r) => ({ line: Number(r.line), problem: r.problem }))
}

export interface CustomersApplied { created: number, updated: number }

/** Matches, updates and creates contacts; `import_stage.contact_id` holds each row's contact afterwards. */
export async function applyCustomers (db: DbOrTx, p: { accountId: number, now: Date }): Promise<CustomersApplied> {
  await db.execute(sql`alter table import_stage add column contact_id bigint, add column created boolean not null default false`)
  await db.execute(sql`
    update import_stage s set contact_id = l.contact_id
    from platform_links l where l.account_id = ${p.accountId} and l.kind = 'contact' and l.platform_id = s.platform_id`)
  await db.execute(sql`
    update import_stage s set contact_id = o.id
    from (
      select c.phone, min(c.id) as id from contacts c
      where c.erased_at is null and c.phone in (select phone from import_stage where phone is not null)
      group by c.phone having count(*) = 1
    ) o
    where s.contact_id is null and s.phone = o.phone`)
  const [updated] = await db.execute<{ n: number }>(sql`
    with done as (
      update contacts c set
        phone = coalesce(c.phone, s.phone),
        display_name = coalesce(c.display_name, s.name),
        city = coalesce(c.city, s.city),
        interests = case when cardinality(c.interests) = 0 and s.interests is not null then s.interests::text[] else c.interests end,
        birthday = coalesce(c.birthday, s.birthday::date),
        age_range = coalesce(c.age_range, s.age_range),
        source_channel = coalesce(c.source_channel, s.source)
      from import_stage s where c.id = s.contact_id and c.erased_at is null
      returning 1
    ) select count(*)::int as n from done`)
  // New people: their ids are drawn first, so each staged row knows its contact (for the platform link).
  await db.execute(sql`update import_stage set contact_id = nextval(pg_get_serial_sequence('contacts', 'id')), created = true where contact_id is null`)
  const [created] = await db.execute<{ n: number }>(sql`
    with ins as (
      insert into contacts (id, display_name, city, interests, birthday, age_range, phone, source_channel, first_seen_at)
      overriding system value
      select contact_id, name, city, coalesce(interests::text[], '{}'), birthday::date, age_range, phone, source, ${p.now.toISOString()}::timestamptz
      from import_stage where created order by line
      returning 1
    ) select count(*)::int as n from ins`)
  await db.execute(sql`
    insert into platform_links (account_id, kind, platform_id, contact_id, linked_at)
    select ${p.accountId}, 'contact', platform_id, contact_id, ${p.now.toISOString()}::timestamptz from import_stage
    where created and platform_id is not null
    on conflict do nothing`)
  return { created: created?.n ?? 0, updated: updated?.n ?? 0 }
}

/** Unmatched orders that name the platform id of one of these contacts (an SQL subquery of ids) are theirs now. */
export async function linkOrdersByPlatformIds (db: DbOrTx, accountId: number): Promise<number[]> {
  const rows = await db.execute<{ id: string }>(sql`
    update orders o set contact_id = l.contact_id
    from platform_links l
    where o.contact_id is null and l.account_id = ${accountId} and l.kind = 'contact' and l.platform_id = o.customer_platform_id
      and l.contact_id in (select contact_id from import_stage)
    returning o.id`)
  return rows.map((r) => Number(r.id))
}

export interface ProductsApplied { created: number, updated: number }

export async function applyProducts (db: DbOrTx, now: Date): Promise<ProductsApplied> {
  const rows = await db.execute<{ created: boolean }>(sql`
    insert into products (sku, name, price, cycle_days, created_at)
    select sku, name, price::numeric, cycle_days::int, ${now.toISOString()}::timestamptz from import_stage order by line
    on conflict (sku) do update set name = excluded.name, price = excluded.price, cycle_days = excluded.cycle_days, active = true
    returning (xmax = 0) as created`)
  const created = rows.filter((r) => r.created).length
  return { created, updated: rows.length - created }
}
