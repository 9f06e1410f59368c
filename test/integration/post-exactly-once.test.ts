/**
 * Exactly one post per (group, day, kind) (SPEC 3.2) on the real paths: Postgres, BullMQ queues and workers on Redis,
 * the planner and post jobs as production runs them, on a clock that starts at the slot time and runs in real time.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { contentItems, outbox, posts } from '../../src/db/schema/index.ts'
import type { App } from '../../src/main.ts'
import { createRunDatabase, type RunDatabase } from '../../src/sandbox/database.ts'
import { planningPass } from '../../src/services/content-calendar.ts'
import { addItems } from '../../src/services/content-library.ts'
import { publishPost } from '../../src/services/post-publisher.ts'
import { calendarApp, clockFrom, seedGroups } from '../helpers/calendar-app.ts'
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../helpers/env.ts'

/** 10:00:05 in Shanghai: both slots of today (10:00) are due, tomorrow's wait. */
const START = new Date('2026-12-01T10:00:05+08:00')
const TODAY = '2026-12-01'
const GROUPS = 60

const items = (n: number) => ['content', 'promo'].flatMap((kind) => Array.from({ length: n }, (_, i) => ({
  kind: kind as 'content' | 'promo', text: `${kind} ${i}`, imageUrl: null, linkUrl: null, region: null, interests: [], validFrom: null, validUntil: null,
})))

let cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function setup (): Promise<{ database: RunDatabase, prefix: string }> {
  const database = await createRunDatabase(TEST_DATABASE_URL)
  const prefix = `qunbot-test-posts-${randomBytes(4).toString('hex')}`
  cleanup.push(() => database.drop())
  return { database, prefix }
}

async function start (database: RunDatabase, prefix: string, workers: boolean): Promise<App> {
  const app = await calendarApp({ databaseUrl: database.url, prefix, clock: clockFrom(START), workers })
  cleanup.push(async () => {
    if (workers) await app.queues.scheduling.obliterate({ force: true })
    await app.shutdown()
  })
  return app
}

async function untilPosted (app: App, expected: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const done = await app.ctx.db.select({ id: posts.id }).from(posts).where(and(eq(posts.day, TODAY), eq(posts.status, 'posted')))
    if (done.length >= expected) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('posts not done within 60 s')
}

/** One group with `n` items of each kind, planned: today's content slot (due now) and the app. */
async function oneSlot (n: number) {
  const { database, prefix } = await setup()
  const app = await start(database, prefix, false)
  await seedGroups(app, 1, '10:00')
  if (n > 0) await addItems(app.ctx, items(n), { contactId: null, source: 'test' })
  await planningPass(app.ctx)
  const [slot] = await app.ctx.db.select().from(posts).where(and(eq(posts.day, TODAY), eq(posts.kind, 'content')))
  return { app, slot: slot! }
}

/** What the store and the queue hold after the posts went out. */
async function outcome (app: App) {
  const db = app.ctx.db
  const rows = await db.select().from(posts)
  const sends = await db.select({ idemKey: outbox.idemKey, purpose: outbox.purpose, groupId: outbox.groupId }).from(outbox).where(inArray(outbox.purpose, ['content-post', 'promo-post']))
  const jobs = (await app.queues.scheduling.getJobs(['completed', 'delayed', 'waiting', 'active', 'failed'])).filter((j) => j.name === 'post')
  return { rows, sends, jobs }
}

describe('one post per group, day and kind', () => {
  it('posts each slot once when the planner fires twice at once and once more', async () => {
    const { database, prefix } = await setup()
    const app = await start(database, prefix, true)
    const groupIds = await seedGroups(app, GROUPS, '10:00')
    await addItems(app.ctx, items(3), { contactId: null, source: 'test' })

    await Promise.all([planningPass(app.ctx), planningPass(app.ctx)])
    await planningPass(app.ctx)
    await untilPosted(app, GROUPS * 2)

    const { rows, sends, jobs } = await outcome(app)
    // today and tomorrow, both kinds, once each (posts_group_day_kind_key)
    expect(rows).toHaveLength(GROUPS * 4)
    const today = rows.filter((r) => r.day === TODAY)
    expect(today.every((r) => r.status === 'posted' && r.outboxId !== null)).toBe(true)
    expect(sends).toHaveLength(GROUPS * 2)
    expect(new Set(sends.map((s) => s.idemKey)).size).toBe(GROUPS * 2)
    for (const g of groupIds) expect(sends.filter((s) => s.groupId === g).map((s) => s.purpose).sort()).toEqual(['content-post', 'promo-post'])
    // one job per slot: the second and third passes added nothing BullMQ did not already hold
    expect(jobs).toHaveLength(GROUPS * 4)
  })

  it('posts each slot once when a worker dies in the middle of the fan-out and the pass runs again after a restart', async () => {
    const { database, prefix } = await setup()
    const seeder = await start(database, prefix, false)
    await seedGroups(seeder, GROUPS, '10:00')
    await addItems(seeder.ctx, items(3), { contactId: null, source: 'test' })

    const killAfter = GROUPS + 7
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../helpers/fanout-crash.ts', import.meta.url))], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, CLOCK_START: START.toISOString(), KILL_AFTER: String(killAfter) },
    })
    let output = ''
    child.stdout.on('data', (d) => { output += d })
    child.stderr.on('data', (d) => { output += d })
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)))
    expect(signal, output).toBe('SIGKILL')

    // The crash left the plan committed, part of the jobs in Redis and no row marked as queued.
    const planned = await seeder.ctx.db.select().from(posts)
    expect(planned).toHaveLength(GROUPS * 4)
    expect(planned.filter((r) => r.queuedAt !== null)).toHaveLength(0)
    expect((await seeder.queues.scheduling.getJobs(['waiting', 'delayed'])).filter((j) => j.name === 'post')).toHaveLength(killAfter)

    // Restart: a worker comes up and the pass runs again (as its next occurrence or its retry would).
    const app = await start(database, prefix, true)
    await planningPass(app.ctx)
    await untilPosted(app, GROUPS * 2)

    const { rows, sends, jobs } = await outcome(app)
    expect(rows).toHaveLength(GROUPS * 4)
    // every slot still to come has its job (one posted before the mark came may carry none: it needs none)
    expect(rows.filter((r) => r.status === 'planned' && r.queuedAt === null)).toHaveLength(0)
    expect(rows.filter((r) => r.day === TODAY && r.status === 'posted')).toHaveLength(GROUPS * 2)
    expect(sends).toHaveLength(GROUPS * 2)
    expect(new Set(sends.map((s) => s.idemKey)).size).toBe(GROUPS * 2)
    expect(jobs).toHaveLength(GROUPS * 4)
  })

  it('posts once when the post job runs twice, at the same moment and again later', async () => {
    const { app, slot } = await oneSlot(1)
    await Promise.all([publishPost(app.ctx, slot.id, slot.dueAt.getTime()), publishPost(app.ctx, slot.id, slot.dueAt.getTime())])
    await publishPost(app.ctx, slot.id, slot.dueAt.getTime())
    const sends = await app.ctx.db.select().from(outbox).where(eq(outbox.purpose, 'content-post'))
    expect(sends).toHaveLength(1)
    const [after] = await app.ctx.db.select().from(posts).where(eq(posts.id, slot.id))
    expect(after).toMatchObject({ status: 'posted', outboxId: sends[0]!.id })
  })

  it('gives a slot planned with nothing the item that fits by the time it is due', async () => {
    const { app, slot } = await oneSlot(0)
    expect(slot.itemId).toBeNull()
    // an item that reached the library without refilling the slot (as an item freed by a late skip would)
    await app.ctx.db.insert(contentItems).values({ kind: 'content', text: '来得正好', source: 'test', fingerprint: 'late', createdAt: START })
    await publishPost(app.ctx, slot.id, slot.dueAt.getTime())
    const [send] = await app.ctx.db.select().from(outbox).where(eq(outbox.purpose, 'content-post'))
    expect(send?.text).toBe('来得正好')
  })

  it('skips a slot whose item stopped being valid between its due time and a late job, rather than post it', async () => {
    const { app, slot } = await oneSlot(1)
    expect(slot.itemId).not.toBeNull()
    // valid until a second after the slot's time; the job runs at START (5 s after it) or later
    await app.ctx.db.update(contentItems).set({ validUntil: new Date(slot.dueAt.getTime() + 1000) }).where(eq(contentItems.id, slot.itemId!))
    await publishPost(app.ctx, slot.id, slot.dueAt.getTime())
    const [after] = await app.ctx.db.select().from(posts).where(eq(posts.id, slot.id))
    expect(after).toMatchObject({ status: 'skipped', skipReason: 'withdrawn' })
    expect(await app.ctx.db.select().from(outbox).where(eq(outbox.purpose, 'content-post'))).toHaveLength(0)
  })

  it('does nothing with a job queued for a time the slot has moved away from', async () => {
    const { app, slot } = await oneSlot(1)
    await publishPost(app.ctx, slot.id, slot.dueAt.getTime() - 3_600_000)
    const [after] = await app.ctx.db.select().from(posts).where(and(eq(posts.id, slot.id), isNull(posts.outboxId)))
    expect(after?.status).toBe('planned')
  })
})
