/**
 * `npm run bench -- reminders [CUSTOMERS] [ORDERS]`: the daily repurchase reminder planning pass at scale.
 * In its own database (created from the migrations, dropped after), it seeds CUSTOMERS (default 1,000,000) customers
 * and ORDERS (default 3,000,000) orders with their items over the last 365 days, all with COPY, then times the
 * planning pass as the worker runs it (in a child process, whose peak memory it reports) and, beside it, one
 * equivalent SQL aggregate (the same selection, counted) run by psql on the same data. `--keep` keeps the database.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { PgDialect } from 'drizzle-orm/pg-core'
import postgres from 'postgres'
import { loadConfig } from '../../src/config.ts'
import { createDatabaseIfMissing, databaseName, dropDatabase, runMigrations } from '../../src/db/migrate.ts'
import { planSql } from '../../src/db/queries/reminders.ts'
import { planWindow } from '../../src/services/reminders.ts'

const args = process.argv.slice(2).filter((a) => a !== '--keep')
/** `--keep` keeps the bench database (its name is printed) for a look with psql. */
const keep = process.argv.includes('--keep')
const customers = Number(args[0] ?? 1_000_000)
const orderCount = Number(args[1] ?? 3_000_000)
const base = loadConfig()
const url = new URL(base.DATABASE_URL)
url.pathname = `/qunbot_bench_reminders_${randomBytes(3).toString('hex')}`
const dbUrl = url.toString()
const now = new Date()
const DAY = 86_400_000
const say = (line: string): void => { process.stdout.write(`${line}\n`) }

/** Deterministic pseudo-random numbers (mulberry32), so runs seed the same data. */
let state = 42
const rand = (): number => {
  state = (state + 0x6D2B79F5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}

/** Products: 20 with a cycle (30, 45, 60 or 90 days), 10 without. */
const PRODUCTS = Array.from({ length: 30 }, (_, i) => ({ sku: `p${i + 1}`, price: 20 + (i % 10) * 15, cycle: i < 20 ? [30, 45, 60, 90][i % 4]! : null }))

async function copyRows (sql: postgres.Sql, statement: string, total: number, row: (i: number) => string, label: string): Promise<void> {
  const started = performance.now()
  const BATCH = 5_000
  let i = 0
  const source = Readable.from((function * () {
    while (i < total) {
      const lines: string[] = []
      for (const end = Math.min(total, i + BATCH); i < end; i++) lines.push(row(i))
      if (i % 500_000 < BATCH) process.stderr.write(`  ${label}: ${i.toLocaleString('en')} / ${total.toLocaleString('en')}\n`)
      yield lines.join('')
    }
  })())
  await pipeline(source, await sql.unsafe(statement).writable())
  say(`seeded ${total.toLocaleString('en')} ${label} with COPY in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

async function seed (sql: postgres.Sql): Promise<void> {
  await sql`insert into bot_accounts (key, created_at) values ('bot', now()) on conflict do nothing`
  for (const p of PRODUCTS) await sql`insert into products (sku, name, price, cycle_days, created_at) values (${p.sku}, ${`商品${p.sku}`}, ${p.price}, ${p.cycle}, now())`
  const productIds = (await sql<Array<{ id: string, sku: string }>>`select id, sku from products order by id`).map((r) => Number(r.id))
  const iso = (ms: number): string => new Date(ms).toISOString()
  await copyRows(sql, 'copy contacts (display_name, is_friend, consent_at, first_seen_at) from stdin', customers,
    (i) => `客户${i + 1}\t${i % 3 === 0 ? 'f' : 't'}\t${i % 5 === 0 ? '\\N' : iso(now.getTime() - 400 * DAY)}\t${iso(now.getTime() - 400 * DAY)}\n`, 'customers')
  // A fifth of the customers are in one of 100 groups (their local zone comes from there).
  const [account] = await sql<Array<{ id: string }>>`select id from bot_accounts limit 1`
  await sql`insert into groups (account_id, topic, timezone, created_at) select ${account!.id}, '群' || g, case when g % 10 = 0 then 'Europe/Berlin' else 'Asia/Shanghai' end, now() from generate_series(1, 100) g`
  await copyRows(sql, 'copy memberships (group_id, contact_id, joined_at, source) from stdin', Math.floor(customers / 5),
    (i) => `${(i % 100) + 1}\t${i * 5 + 1}\t${iso(now.getTime() - 300 * DAY)}\troster\n`, 'memberships')
  // Orders over the last 365 days in the order they were paid (as a shop's orders arrive), each of one to three
  // items; the item rows follow the order ids (1..N).
  const items: number[] = []
  await copyRows(sql, 'copy orders (source, external_id, contact_id, total, paid_at, created_at) from stdin', orderCount, (i) => {
    const n = 1 + Math.floor(rand() * 2.2)
    items[i] = n
    const paid = now.getTime() - 365 * DAY + Math.floor(((i + rand()) / orderCount) * 365 * DAY)
    return `bench\tB${i + 1}\t${1 + Math.floor(rand() * customers)}\t${(n * 99).toFixed(2)}\t${iso(paid)}\t${iso(paid)}\n`
  }, 'orders')
  const itemRows = items.reduce((a, b) => a + b, 0)
  let order = 0
  let k = 0
  await copyRows(sql, 'copy order_items (order_id, product_id, qty, unit_price) from stdin', itemRows, () => {
    if (k >= items[order]!) { order++; k = 0 }
    k++
    return `${order + 1}\t${productIds[Math.floor(rand() * productIds.length)]}\t1\t99\n`
  }, 'order items')
  const started = performance.now()
  await sql`analyze`
  say(`analyzed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

/** The aggregate as one psql statement: drizzle's SQL with its parameters written in as literals. */
function literalSql (): string {
  const query = new PgDialect().sqlToQuery(planSql(planWindow(base, now), 'count'))
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = query.params[Number(n) - 1]
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`
  })
}

function psqlTimed (statement: string): { ms: number, rows: string } {
  const out = execFileSync('psql', ['-X', '-q', '-A', '-t', dbUrl, '-c', '\\timing on', '-c', statement], { encoding: 'utf8' })
  const ms = Number(/Time: ([\d.]+) ms/.exec(out)?.[1] ?? NaN)
  return { ms, rows: out.split('\n')[0] ?? '' }
}

await createDatabaseIfMissing(dbUrl)
try {
  await runMigrations(dbUrl)
  say(`bench database ${databaseName(dbUrl)}: ${customers.toLocaleString('en')} customers, ${orderCount.toLocaleString('en')} orders`)
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} })
  try { await seed(sql) } finally { await sql.end() }

  const aggregate = psqlTimed(literalSql())
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./_reminders-planner.ts', import.meta.url)), dbUrl, now.toISOString()], { encoding: 'utf8' })
  if (child.status !== 0) throw new Error(`planner failed: ${child.stderr}`)
  const pass = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number, planned: number, maxRssKb: number }
  const again = psqlTimed(literalSql())
  say('')
  say(`reminders due and not planned (psql aggregate):  ${aggregate.rows.padStart(8)}   ${aggregate.ms.toFixed(1).padStart(9)} ms`)
  say(`daily planning pass (worker code, child process): ${String(pass.planned).padStart(8)}   ${pass.ms.toFixed(1).padStart(9)} ms   peak RSS ${(pass.maxRssKb / 1024).toFixed(0)} MB`)
  say(`after the pass, the aggregate finds:             ${again.rows.padStart(8)}   ${again.ms.toFixed(1).padStart(9)} ms`)
} finally {
  if (keep) say(`kept ${dbUrl}`)
  else await dropDatabase(dbUrl)
}
