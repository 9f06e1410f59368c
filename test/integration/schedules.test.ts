/** Recurring jobs in production are BullMQ job schedulers: registering is an upsert, and stale ones are removed. */
import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.ts'
import { createQueues, createRedis } from '../../src/jobs/queues.ts'
import { registerSchedules } from '../../src/jobs/schedules.ts'
import { bullmqTimers } from '../../src/jobs/timers.ts'
import { TEST_REDIS_URL } from '../helpers/env.ts'

const redis = createRedis(TEST_REDIS_URL)
const queues = createQueues(redis, `qunbot-test-sched-${randomBytes(4).toString('hex')}`, 'bot')
afterAll(async () => {
  await queues.scheduling.obliterate({ force: true })
  await queues.close()
  await redis.quit()
})

describe('job schedulers', () => {
  it('keeps one scheduler per id however often workers register it, and drops the ones no longer listed', async () => {
    const timers = bullmqTimers(queues, systemClock)
    const hourly = { name: 'notice-flush' as const, data: { batchId: 1 }, schedulerId: 'hourly', pattern: '0 * * * *' }
    const weekly = { ...hourly, schedulerId: 'weekly', pattern: '0 9 * * 1', tz: 'Asia/Shanghai' }
    await registerSchedules(timers, [hourly, weekly])
    await registerSchedules(timers, [hourly, weekly])
    let schedulers = await queues.scheduling.getJobSchedulers()
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz ?? null]).sort()).toEqual([['hourly', '0 * * * *', null], ['weekly', '0 9 * * 1', 'Asia/Shanghai']])
    // one waiting job per scheduler: its next occurrence
    expect(await queues.scheduling.getDelayedCount()).toBe(2)
    await registerSchedules(timers, [hourly])
    schedulers = await queues.scheduling.getJobSchedulers()
    expect(schedulers.map((s) => s.key)).toEqual(['hourly'])
  })
})
