/**
 * Job handlers by name. Building a registry fails at boot when a job of the contracts has no handler or
 * two, so a deploy with a missing handler never starts quietly dropping work.
 */
import { jobPayloads, type JobName, type JobPayload } from './contracts.ts'

export interface JobContext {
  jobId: string
  attempt: number
}

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<void>

export type HandlerMap = { [N in JobName]: JobHandler<N> }

export class JobRegistry {
  private constructor (private readonly handlers: HandlerMap) {}

  static build (entries: Array<[JobName, JobHandler<any>]>): JobRegistry {
    const map = new Map<JobName, JobHandler<any>>()
    for (const [name, handler] of entries) {
      if (!(name in jobPayloads)) throw new Error(`handler for unknown job "${name}"`)
      if (map.has(name)) throw new Error(`two handlers for job "${name}"`)
      map.set(name, handler)
    }
    const missing = (Object.keys(jobPayloads) as JobName[]).filter((n) => !map.has(n))
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`)
    return new JobRegistry(Object.fromEntries(map) as HandlerMap)
  }

  handler<N extends JobName> (name: N): JobHandler<N> {
    return this.handlers[name]
  }
}
