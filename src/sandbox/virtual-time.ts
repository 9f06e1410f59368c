/**
 * The sandbox's virtual clock and timeline. Jobs due now go straight to BullMQ (real queues, real workers);
 * jobs due later, and the occurrences of recurring jobs, wait here until the runner moves the clock to their time.
 */
import cronParser from 'cron-parser'
import type { Clock } from '../clock.ts'
import { jobId } from '../jobs/contracts.ts'
import type { Queues } from '../jobs/queues.ts'
import { queueFor, type RecurringRequest, type TimerRequest, type Timers } from '../jobs/timers.ts'

export class VirtualClock implements Clock {
  constructor (private current: Date) {}
  now (): Date { return new Date(this.current) }
  set (to: Date): void {
    if (to.getTime() < this.current.getTime()) throw new Error(`the virtual clock never goes back (${to.toISOString()} < ${this.current.toISOString()})`)
    this.current = new Date(to)
  }
}

interface Entry { runAt: number, seq: number, request: TimerRequest, schedulerId?: string }

/** The first occurrence of a cron pattern strictly after `after`, as BullMQ's default repeat strategy computes it. */
export function nextOccurrence (pattern: string, after: number, tz?: string): number {
  return cronParser.parseExpression(pattern, { currentDate: new Date(after), ...(tz ? { tz } : {}) }).next().getTime()
}

export class VirtualTimeline implements Timers {
  private entries: Entry[] = []
  private seq = 0
  private readonly seen = new Set<string>()
  private readonly schedulers = new Map<string, RecurringRequest>()

  constructor (private readonly queues: Queues, private readonly clock: VirtualClock) {}

  async schedule (request: TimerRequest): Promise<void> {
    const runAt = request.runAt?.getTime() ?? -Infinity
    if (runAt <= this.clock.now().getTime()) {
      await this.add(request)
      return
    }
    // A job id is a business key: asking twice for the same future job keeps one, as BullMQ would.
    if (this.seen.has(request.jobId)) return
    this.seen.add(request.jobId)
    this.insert({ runAt, seq: this.seq++, request })
  }

  async scheduleMany (requests: readonly TimerRequest[]): Promise<void> {
    for (const r of requests) await this.schedule(r)
  }

  /** Like BullMQ's upsertJobScheduler: one scheduler per id, whose next occurrence waits on the timeline. */
  async repeat (request: RecurringRequest): Promise<void> {
    this.schedulers.set(request.schedulerId, request)
    this.entries = this.entries.filter((e) => e.schedulerId !== request.schedulerId)
    this.plan(request, this.clock.now().getTime())
  }

  async retainSchedules (schedulerIds: readonly string[]): Promise<void> {
    const keep = new Set(schedulerIds)
    for (const id of [...this.schedulers.keys()]) if (!keep.has(id)) this.schedulers.delete(id)
    this.entries = this.entries.filter((e) => e.schedulerId === undefined || keep.has(e.schedulerId))
  }

  private plan (scheduler: RecurringRequest, after: number): void {
    const runAt = nextOccurrence(scheduler.pattern, after, scheduler.tz)
    const request: TimerRequest = { name: scheduler.name, data: scheduler.data, jobId: jobId('repeat', scheduler.schedulerId, runAt) }
    this.insert({ runAt, seq: this.seq++, request, schedulerId: scheduler.schedulerId })
  }

  private insert (entry: Entry): void {
    this.entries.push(entry)
    this.entries.sort((a, b) => a.runAt - b.runAt || a.seq - b.seq)
  }

  /** The time of the next job on the timeline, if it is due at or before `limit`. */
  nextDue (limit: Date): Date | null {
    const first = this.entries[0]
    return first && first.runAt <= limit.getTime() ? new Date(first.runAt) : null
  }

  /** Hands the first job due at the current virtual time to BullMQ; false when none is due. */
  async releaseNext (): Promise<boolean> {
    const first = this.entries[0]
    if (!first || first.runAt > this.clock.now().getTime()) return false
    this.entries.shift()
    // As in BullMQ, the next occurrence is planned when this one is handed over.
    const scheduler = first.schedulerId === undefined ? undefined : this.schedulers.get(first.schedulerId)
    if (scheduler) this.plan(scheduler, first.runAt)
    await this.add(first.request)
    return true
  }

  pending (): number { return this.entries.length }

  private async add (request: TimerRequest): Promise<void> {
    await queueFor(this.queues, request.name, request.data).add(request.name, request.data, { jobId: request.jobId })
  }
}
