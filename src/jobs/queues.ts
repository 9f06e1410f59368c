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
  /** This process's own account's outbox. */
  outbox: Queue
  /** The outbox of any account (a worker flushing a welcome sends through the group's account). */
  outboxFor: (accountKey: string) => Queue
  /** Every queue opened so far. */
  all: Queue[]
  close: () => Promise<void>
}

export function createQueues (connection: Redis, prefix: string, accountKey: string): Queues {
  const make = (name: string): Queue => new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })
  const scheduling = make(SCHEDULING_QUEUE)
  const outboxes = new Map<string, Queue>([[accountKey, make(outboxQueueName(accountKey))]])
  const all = [scheduling, outboxes.get(accountKey)!]
  return {
    scheduling,
    outbox: outboxes.get(accountKey)!,
    outboxFor: (key) => {
      let q = outboxes.get(key)
      if (!q) {
        q = make(outboxQueueName(key))
        outboxes.set(key, q)
        all.push(q)
      }
      return q
    },
    all,
    close: async () => {
      // Queue.close() leaves open the job scheduler it made for upsertJobScheduler (bullmq 5.81), and that one's
      // connection errors out (uncaught) when Redis is quit after: close it first.
      await Promise.all(all.map(async (q) => {
        await (q as unknown as { _jobScheduler?: { close: () => Promise<void> } })._jobScheduler?.close()
        await q.close()
      }))
    },
  }
}
