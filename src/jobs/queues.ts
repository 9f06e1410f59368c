/** Queue and connection factories, with the job defaults in one place. */
import { Queue, type DefaultJobOptions } from 'bullmq'
import { Redis } from 'ioredis'
import { outboxQueueName, SCHEDULING_QUEUE } from './contracts.ts'

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
}

/** Workers block on Redis, so their connection must never give up on a request. */
export function createRedis (url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true })
}

export interface Queues {
  scheduling: Queue
  outbox: Queue
  all: Queue[]
  byName: (name: string) => Queue
  close: () => Promise<void>
}

export function createQueues (connection: Redis, prefix: string, accountKey: string): Queues {
  const scheduling = new Queue(SCHEDULING_QUEUE, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })
  const outbox = new Queue(outboxQueueName(accountKey), { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })
  const all = [scheduling, outbox]
  return {
    scheduling,
    outbox,
    all,
    byName: (name) => {
      const q = all.find((x) => x.name === name)
      if (!q) throw new Error(`no queue named ${name}`)
      return q
    },
    close: async () => { await Promise.all(all.map((q) => q.close())) },
  }
}
