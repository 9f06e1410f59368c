/**
 * `npm run bench -- content-planner [--groups 10000] [--items 300]`: the daily-cadence planning pass over N groups
 * seeded in a database of its own, timed with its fan-out (the real pass: plan today and tomorrow for every group
 * in one transaction, then addBulk the post jobs and mark them queued), beside a raw BullMQ addBulk of the same
 * number of jobs on the same Redis. Creates and drops its database and its queue prefix.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { Queue } from 'bullmq'
import { pino } from 'pino'
import { sql } from 'drizzle-orm'
import { systemClock } from '../../src/clock.ts'
import { loadConfig } from '../../src/config.ts'
import { dropDatabase, runMigrations } from '../../src/db/migrate.ts'
import { createRedis, DEFAULT_JOB_OPTIONS } from '../../src/jobs/queues.ts'
import { wireApp } from '../../src/main.ts'
import { planningPass } from '../../src/services/content-calendar.ts'

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const GROUPS = arg('groups', 10_000)
const ITEMS = arg('items', 300)

const base = loadConfig()
const url = new URL(base.DATABASE_URL)
url.pathname = `/qunbot_bench_${process.pid}_${randomBytes(3).toString('hex')}`
const prefix = `qunbot-bench-${randomBytes(4).toString('hex')}`
const config = { ...base, DATABASE_URL: url.toString(), QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' as const }
const seconds = (ms: number): string => (ms / 1000).toFixed(2)

await runMigrations(config.DATABASE_URL)
const app = await wireApp({ config, logger: pino({ level: 'warn' }), clock: systemClock, seed: 'bench', roles: { bot: false, workers: false, http: false } })
const rawRedis = createRedis(config.REDIS_URL)
// The same job defaults as the product's queues, so both add the same job shape.
const raw = new Queue('bench-raw', { connection: rawRedis, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })
try {
  const db = app.ctx.db
  const t0 = performance.now()
  // Set-based seeding: groups in three timezones with a region and one or two interests; a tagged library.
  await db.execute(sql`
    insert into groups (account_id, topic, region, interests, timezone, content_slot, promo_slot, created_at)
    select ${app.ctx.account.id}, '群' || n, (array['成都', '上海', '伦敦', '纽约'])[1 + n % 4],
      case when n % 5 = 0 then array[(array['育儿', '美食', '美妆'])[1 + n % 3], '旅行'] else array[(array['育儿', '美食', '美妆'])[1 + n % 3]] end,
      (array['Asia/Shanghai', 'Europe/London', 'America/New_York'])[1 + n % 3], '10:00', '20:00', now() - interval '2 days'
    from generate_series(1, ${GROUPS}) n`)
  await db.execute(sql`
    insert into content_items (kind, text, region, interests, source, fingerprint, created_at)
    select (array['content', 'promo'])[1 + n % 2], '条目 ' || n,
      case when n % 7 = 0 then (array['成都', '上海', '伦敦', '纽约'])[1 + n % 4] end,
      case when n % 4 = 0 then '{}'::text[] else array[(array['育儿', '美食', '美妆', '旅行'])[1 + n % 4]] end,
      'bench', md5('bench' || n), now()
    from generate_series(1, ${ITEMS}) n`)
  process.stdout.write(`seeded ${GROUPS} groups and ${ITEMS} items in ${seconds(performance.now() - t0)} s\n`)

  const t1 = performance.now()
  const pass = await planningPass(app.ctx)
  const passMs = performance.now() - t1
  process.stdout.write(`planning pass: ${pass.planned} slots planned (today and tomorrow), ${pass.queued} post jobs queued in ${seconds(passMs)} s = ${Math.round(pass.queued / (passMs / 1000))} jobs/s\n`)

  const t2 = performance.now()
  const again = await planningPass(app.ctx)
  process.stdout.write(`second pass (nothing missing): ${again.planned} planned, ${again.queued} queued in ${seconds(performance.now() - t2)} s\n`)

  const now = Date.now()
  const t3 = performance.now()
  for (let i = 0; i < pass.queued; i += 1000) {
    await raw.addBulk(Array.from({ length: Math.min(1000, pass.queued - i) }, (_, j) => ({
      name: 'post', data: { postId: i + j + 1, dueAt: now + 3_600_000 }, opts: { jobId: `post-g${i + j}-2026-12-01-content-at-${now + 3_600_000}`, delay: 3_600_000 },
    })))
  }
  const rawMs = performance.now() - t3
  process.stdout.write(`raw BullMQ addBulk of the same ${pass.queued} jobs: ${seconds(rawMs)} s = ${Math.round(pass.queued / (rawMs / 1000))} jobs/s\n`)
} finally {
  await raw.obliterate({ force: true })
  await raw.close()
  await rawRedis.quit()
  await app.queues.scheduling.obliterate({ force: true })
  await app.shutdown()
  await dropDatabase(config.DATABASE_URL)
}
