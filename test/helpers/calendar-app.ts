/**
 * A real app (Postgres database of its own, BullMQ queues under their own prefix) whose clock starts at a chosen
 * instant and runs at real speed, for tests of the content calendar's jobs on the real BullMQ paths.
 */
import { pino } from 'pino'
import type { Clock } from '../../src/clock.ts'
import { linkRoom } from '../../src/db/queries/links.ts'
import { insertGroup } from '../../src/db/queries/groups.ts'
import { wireApp, type App } from '../../src/main.ts'
import type { Timers } from '../../src/jobs/timers.ts'
import { bullmqTimers } from '../../src/jobs/timers.ts'
import type { Queues } from '../../src/jobs/queues.ts'
import { testConfig } from './env.ts'

/** A clock that reads `start` now and moves on with real time. */
export function clockFrom (start: Date): Clock {
  const t0 = Date.now()
  return { now: () => new Date(start.getTime() + Date.now() - t0) }
}

export interface CalendarAppOptions {
  databaseUrl: string
  prefix: string
  clock: Clock
  workers: boolean
  /** Wraps the production timers (e.g. to die in the middle of a fan-out). */
  wrapTimers?: (timers: Timers) => Timers
}

export async function calendarApp (o: CalendarAppOptions): Promise<App> {
  return wireApp({
    config: testConfig({ DATABASE_URL: o.databaseUrl, QUEUE_PREFIX: o.prefix, POST_SPREAD_MS: '0' }),
    logger: pino({ level: 'silent' }),
    clock: o.clock,
    seed: 'calendar-test',
    roles: { bot: false, workers: o.workers, http: false },
    makeTimers: (queues: Queues) => (o.wrapTimers ?? ((t) => t))(bullmqTimers(queues, o.clock)),
    workerConcurrency: 4,
    housekeeping: false,
  })
}

/** `n` groups whose content and promo slots are both at `slot`, registered a day before `now`. */
export async function seedGroups (app: App, n: number, slot: string): Promise<number[]> {
  const ctx = app.ctx
  const ids: number[] = []
  const createdAt = new Date(ctx.clock.now().getTime() - 86_400_000)
  for (let i = 0; i < n; i++) {
    const g = await insertGroup(ctx.db, { accountId: ctx.account.id, topic: `群${i}`, timezone: 'Asia/Shanghai', contentSlot: slot, promoSlot: slot, createdAt })
    await linkRoom(ctx.db, ctx.account.id, `room-${i}@chatroom`, g.id, createdAt)
    ids.push(g.id)
  }
  return ids
}
