/**
 * The timers port: "run this job at that time", and "run this job on a schedule". Production hands BullMQ a
 * delay from the system clock and a job scheduler (upsertJobScheduler); the sandbox keeps future jobs and
 * schedules on a virtual timeline and hands each job to BullMQ when the virtual clock gets there, so the same
 * queues, workers and handlers run in both.
 */
import type { Clock } from '../clock.ts'
import { jobQueueKind, type JobName, type JobPayload } from './contracts.ts'
import type { Queues } from './queues.ts'

export interface TimerRequest<N extends JobName = JobName> {
  name: N
  data: JobPayload<N>
  /** A business key; a second request with the same id while the job is kept is a no-op. */
  jobId: string
  /** Omit to run as soon as a worker is free. */
  runAt?: Date
}

/**
 * A recurring job: BullMQ's job scheduler `schedulerId` produces one job per occurrence of the cron `pattern`
 * (in `tz`, UTC when omitted), with job id `repeat:<schedulerId>:<occurrence ms>`. Registering the same id again
 * replaces the schedule; there is never more than one scheduler per id, however many workers register it.
 * Handlers read the occurrence's time from the clock and must tolerate missed occurrences (a scheduler does not
 * pile up jobs while no worker runs), so they work from the state of the store, not from "since the last run".
 */
export interface RecurringRequest<N extends JobName = JobName> {
  name: N
  data: JobPayload<N>
  schedulerId: string
  /** Five-field cron pattern, e.g. "0 9 * * 1" (Mondays 09:00). */
  pattern: string
  tz?: string
}

export interface Timers {
  schedule: <N extends JobName>(request: TimerRequest<N>) => Promise<void>
  /** Many jobs at once (a fan-out): production adds them with BullMQ addBulk, in chunks; same semantics as schedule. */
  scheduleMany: (requests: readonly TimerRequest[]) => Promise<void>
  repeat: <N extends JobName>(request: RecurringRequest<N>) => Promise<void>
  /** Removes every scheduler whose id is not in `schedulerIds`: a recurring job taken out of the code stops. */
  retainSchedules: (schedulerIds: readonly string[]) => Promise<void>
}

export function queueFor<N extends JobName> (queues: Queues, name: N, data: JobPayload<N>) {
  return jobQueueKind[name] === 'outbox' ? queues.outboxFor((data as JobPayload<'send'>).account) : queues.scheduling
}

/** Jobs per addBulk call: one Redis round trip each, without one huge transaction. */
const BULK_CHUNK = 1000

export function bullmqTimers (queues: Queues, clock: Clock): Timers {
  return {
    schedule: async ({ name, data, jobId, runAt }) => {
      const delay = runAt ? Math.max(0, runAt.getTime() - clock.now().getTime()) : 0
      await queueFor(queues, name, data).add(name, data, { jobId, delay })
    },
    scheduleMany: async (requests) => {
      const now = clock.now().getTime()
      const byQueue = new Map<ReturnType<typeof queueFor>, TimerRequest[]>()
      for (const r of requests) {
        const q = queueFor(queues, r.name, r.data)
        byQueue.set(q, [...(byQueue.get(q) ?? []), r])
      }
      for (const [queue, list] of byQueue) {
        for (let i = 0; i < list.length; i += BULK_CHUNK) {
          await queue.addBulk(list.slice(i, i + BULK_CHUNK).map((r) => ({
            name: r.name, data: r.data, opts: { jobId: r.jobId, delay: r.runAt ? Math.max(0, r.runAt.getTime() - now) : 0 },
          })))
        }
      }
    },
    repeat: async ({ name, data, schedulerId, pattern, tz }) => {
      await queueFor(queues, name, data).upsertJobScheduler(schedulerId, { pattern, ...(tz ? { tz } : {}) }, { name, data })
    },
    retainSchedules: async (schedulerIds) => {
      // Recurring jobs all run on the scheduling queue (an outbox send is never recurring).
      const keep = new Set(schedulerIds)
      for (const s of await queues.scheduling.getJobSchedulers()) {
        if (s.key && !keep.has(s.key)) await queues.scheduling.removeJobScheduler(s.key)
      }
    },
  }
}
