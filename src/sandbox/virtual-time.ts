/**
 * The sandbox's virtual clock and timeline. Jobs due now go straight to BullMQ (real queues, real workers);
 * jobs due later wait here until the runner moves the clock to their time.
 */
import type { Clock } from '../clock.ts'
import type { Queues } from '../jobs/queues.ts'
import { queueFor, type TimerRequest, type Timers } from '../jobs/timers.ts'

export class VirtualClock implements Clock {
  constructor (private current: Date) {}
  now (): Date { return new Date(this.current) }
  set (to: Date): void {
    if (to.getTime() < this.current.getTime()) throw new Error(`the virtual clock never goes back (${to.toISOString()} < ${this.current.toISOString()})`)
    this.current = new Date(to)
  }
}

interface Entry { runAt: number, seq: number, request: TimerRequest }

export class VirtualTimeline implements Timers {
  private entries: Entry[] = []
  private seq = 0
  private readonly seen = new Set<string>()

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
    this.entries.push({ runAt, seq: this.seq++, request })
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
    await this.add(first.request)
    return true
  }

  pending (): number { return this.entries.length }

  private async add (request: TimerRequest): Promise<void> {
    await queueFor(this.queues, request.name, request.data).add(request.name, request.data, { jobId: request.jobId })
  }
}
