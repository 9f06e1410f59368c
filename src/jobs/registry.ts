/**
 * Job handlers by name. Building a registry fails at boot when a job of the queues this process consumes has
 * no handler, or two, so a deploy with a missing handler never starts quietly dropping work. (The send job
 * needs the account's puppet, so only the bot process registers it.)
 */
import { jobPayloads, jobQueueKind, type JobName, type JobPayload } from './contracts.ts'

export interface JobContext {
  jobId: string
  attempt: number
}

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<void>

export type QueueKind = (typeof jobQueueKind)[JobName]

export class JobRegistry {
  private constructor (private readonly handlers: Map<JobName, JobHandler<any>>) {}

  static build (entries: Array<[JobName, JobHandler<any>]>, consumes: QueueKind[]): JobRegistry {
    const map = new Map<JobName, JobHandler<any>>()
    for (const [name, handler] of entries) {
      if (!(name in jobPayloads)) throw new Error(`handler for unknown job "${name}"`)
      if (map.has(name)) throw new Error(`two handlers for job "${name}"`)
      map.set(name, handler)
    }
    const needed = (Object.keys(jobPayloads) as JobName[]).filter((n) => consumes.includes(jobQueueKind[n]))
    const missing = needed.filter((n) => !map.has(n))
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`)
    return new JobRegistry(map)
  }

  handler<N extends JobName> (name: N): JobHandler<N> {
    const handler = this.handlers.get(name)
    // A job of a queue this process does not consume cannot reach here; guard anyway with a clear message.
    if (!handler) throw new Error(`no handler for job "${name}" in this process`)
    return handler
  }
}
