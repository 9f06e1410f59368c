/**
 * The timers port: "run this job at that time". Production hands BullMQ a delay from the system clock;
 * the sandbox keeps future jobs on a virtual timeline and hands them to BullMQ when the virtual clock
 * gets there, so the same queues, workers and handlers run in both.
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

export interface Timers {
  schedule: <N extends JobName>(request: TimerRequest<N>) => Promise<void>
}

export function queueFor<N extends JobName> (queues: Queues, name: N, data: JobPayload<N>) {
  return jobQueueKind[name] === 'outbox' ? queues.outboxFor((data as JobPayload<'send'>).account) : queues.scheduling
}

export function bullmqTimers (queues: Queues, clock: Clock): Timers {
  return {
    schedule: async ({ name, data, jobId, runAt }) => {
      const delay = runAt ? Math.max(0, runAt.getTime() - clock.now().getTime()) : 0
      await queueFor(queues, name, data).add(name, data, { jobId, delay })
    },
  }
}
