/**
 * `npm run bench -- coupons [--coupons N] [--clients C] [--seconds S]`: verifications per second through the real
 * redemption path (verifyCode: the subject's advisory lock and lockout check, the code's lookup, the rules, the
 * conditional `issued -> redeemed` update and the attempt row, in one transaction), then pgbench running the same
 * conditional UPDATE with the same number of clients for the same time, on the same database and data. Each
 * verification (and each pgbench transaction) redeems a fresh coupon, so neither side measures no-op updates.
 * Works in a database of its own (cloned from the migrated template), dropped at the end.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { pino } from 'pino'
import { systemClock } from '../../src/clock.ts'
import { loadConfig } from '../../src/config.ts'
import { createStore } from '../../src/db/client.ts'
import { ensureAccount } from '../../src/db/queries/accounts.ts'
import { batchByKey } from '../../src/db/queries/coupons.ts'
import { coupons } from '../../src/db/schema/index.ts'
import { makeCheckedCode } from '../../src/domain/codes.ts'
import { UNIQUE_CODE_BODY } from '../../src/domain/coupons.ts'
import { seededRandom } from '../../src/domain/random.ts'
import { messagesFor } from '../../src/messages/index.ts'
import { createRunDatabase } from '../../src/sandbox/database.ts'
import type { AppContext } from '../../src/services/context.ts'
import { batchInput, createBatch } from '../../src/services/coupon-batches.ts'
import { verifyCode } from '../../src/services/coupon-redemption.ts'

const { values: args } = parseArgs({ options: { coupons: { type: 'string', default: '60000' }, clients: { type: 'string', default: '8' }, seconds: { type: 'string', default: '10' } } })
const COUPONS = Number(args.coupons)
const CLIENTS = Number(args.clients)
const SECONDS = Number(args.seconds)

const config = loadConfig()
const database = await createRunDatabase(config.DATABASE_URL)
const store = createStore(database.url, { max: CLIENTS + 2 })
const log = (line: string): void => { process.stdout.write(`${line}\n`) }

try {
  const { db, sql } = store
  const account = await ensureAccount(db, 'bench')
  const notTimers = (): never => { throw new Error('the bench schedules nothing') }
  const ctx: AppContext = {
    db, config, logger: pino({ level: 'silent' }), clock: systemClock, timers: { schedule: notTimers, scheduleMany: notTimers, repeat: notTimers, retainSchedules: notTimers },
    messages: messagesFor('zh-CN'), account, seed: 'bench', unguessable: () => 0,
  }
  const created = await createBatch({ db, now: systemClock.now() }, batchInput.parse({ code: 'BENCH50', amount: 50, valid_days: 30 }), { contactId: null, via: 'bench' })
  if (created.kind !== 'created') throw new Error('bench batch not created')
  const batch = (await batchByKey(db, 'BENCH50'))!

  // N customers with one coupon each, in id order (coupon i belongs to contact i).
  const random = seededRandom(42)
  const codes = Array.from({ length: COUPONS }, () => makeCheckedCode(random, UNIQUE_CODE_BODY))
  await sql`insert into contacts (display_name, first_seen_at) select 'bench-' || i, now() from generate_series(1, ${COUPONS}) i`
  const firstContact = Number((await sql`select min(id) as id from contacts where display_name like 'bench-%'`)[0]!.id)
  for (let i = 0; i < COUPONS; i += 5000) {
    await db.insert(coupons).values(codes.slice(i, i + 5000).map((code, j) => ({
      code, kind: 'amount' as const, batchId: batch.id, value: 50, contactId: firstContact + i + j, seq: 1, cause: `bench-${i + j}`,
      issuedAt: new Date(), expiresAt: new Date(Date.now() + 30 * 86_400_000),
    })))
  }
  await sql`analyze`
  log(`coupons bench: ${COUPONS} unique coupons, ${CLIENTS} clients, ${SECONDS} s each, database ${database.url.replace(/^.*\//, '')}`)

  // 1. The real path: C clients, each verifying the next fresh coupon until time is up.
  let next = 0
  let ok = 0
  const latencies: number[] = []
  const until = Date.now() + SECONDS * 1000
  const started = Date.now()
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < until && next < COUPONS) {
      const i = next++
      const t0 = performance.now()
      const result = await verifyCode(ctx, { typed: codes[i]!, mode: 'redeem', actor: { via: 'api:bench', contactId: null }, customerId: firstContact + i, total: null, orderId: null })
      latencies.push(performance.now() - t0)
      if (result.ok) ok++
    }
  }))
  const elapsed = (Date.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number): string => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1)
  log(`real path (verifyCode, one transaction each): ${(latencies.length / elapsed).toFixed(0)} verifications/s, ${ok} of ${latencies.length} redeemed, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`)
  if (next >= COUPONS) log('  (ran out of coupons before the time was up: raise --coupons)')

  // 2. pgbench: the same conditional UPDATE on the coupons not yet redeemed, one fresh coupon per transaction.
  await sql.unsafe(`create sequence bench_next start with ${next + 1}`)
  const minCoupon = Number((await sql`select min(id) as id from coupons where batch_id = ${batch.id}`)[0]!.id)
  const dir = mkdtempSync(join(tmpdir(), 'qunbot-bench-'))
  const script = join(dir, 'redeem.sql')
  writeFileSync(script, [
    '-- the conditional update of markRedeemed (src/db/queries/coupons.ts), on the next fresh coupon',
    `with n as (select nextval('bench_next') + ${minCoupon - 1} as id)`,
    "update coupons c set status = 'redeemed', redeemed_at = now(), redeemed_via = 'pgbench' from n where c.id = n.id and c.status = 'issued' returning c.id;",
    '',
  ].join('\n'))
  const pgbench = ['/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench'].find(existsSync) ?? 'pgbench'
  const url = new URL(database.url)
  const run = spawnSync(pgbench, ['-n', '-c', String(CLIENTS), '-j', String(Math.min(CLIENTS, 2)), '-T', String(SECONDS), '-f', script,
    '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), url.pathname.slice(1)], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } })
  rmSync(dir, { recursive: true, force: true })
  if (run.status !== 0) {
    log(`pgbench failed: ${run.error?.message ?? run.stderr.trim().split('\n').at(-1)}`)
  } else {
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1] ?? '?'
    const latency = /latency average = ([\d.]+) ms/.exec(run.stdout)?.[1] ?? '?'
    const redeemed = Number((await sql`select count(*) as n from coupons where redeemed_via = 'pgbench'`)[0]!.n)
    log(`pgbench (the same conditional UPDATE, ${CLIENTS} clients): ${Number(tps).toFixed(0)} tps, ${redeemed} redeemed, latency average ${latency} ms`)
    if (redeemed + next >= COUPONS) log('  (pgbench ran out of fresh coupons: raise --coupons)')
  }
} finally {
  await store.close()
  await database.drop()
}
