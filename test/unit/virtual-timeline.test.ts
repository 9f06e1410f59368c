/** The sandbox's timeline runs recurring jobs the way BullMQ's job schedulers do, on the virtual clock. */
import { describe, expect, it } from 'vitest'
import type { Queues } from '../../src/jobs/queues.ts'
import { VirtualClock, VirtualTimeline, nextOccurrence } from '../../src/sandbox/virtual-time.ts'

function fakeQueues (added: Array<{ name: string, jobId: string, at: string }>, clock: VirtualClock): Queues {
  const queue = { add: async (name: string, _data: unknown, opts: { jobId: string }) => { added.push({ name, jobId: opts.jobId, at: clock.now().toISOString() }) } }
  return { scheduling: queue, outbox: queue, outboxFor: () => queue, all: [], close: async () => {} } as unknown as Queues
}

async function runUntil (timeline: VirtualTimeline, clock: VirtualClock, to: Date): Promise<void> {
  for (let next = timeline.nextDue(to); next !== null; next = timeline.nextDue(to)) {
    clock.set(next)
    await timeline.releaseNext()
  }
  clock.set(to)
}

const request = { name: 'notice-flush' as const, data: { batchId: 1 }, schedulerId: 'hourly', pattern: '0 * * * *' }

describe('virtual timeline: recurring jobs', () => {
  it('fires one job per occurrence of the pattern, with the occurrence in its job id', async () => {
    const clock = new VirtualClock(new Date('2026-12-01T07:30:00Z'))
    const added: Array<{ name: string, jobId: string, at: string }> = []
    const timeline = new VirtualTimeline(fakeQueues(added, clock), clock)
    await timeline.repeat(request)
    await runUntil(timeline, clock, new Date('2026-12-01T10:15:00Z'))
    expect(added.map((a) => a.at)).toEqual(['2026-12-01T08:00:00.000Z', '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z'])
    expect(added[0]!.jobId).toBe(`repeat-hourly-${Date.parse('2026-12-01T08:00:00Z')}`)
  })

  it('keeps one scheduler per id when it is registered twice, with the latest pattern', async () => {
    const clock = new VirtualClock(new Date('2026-12-01T07:30:00Z'))
    const added: Array<{ name: string, jobId: string, at: string }> = []
    const timeline = new VirtualTimeline(fakeQueues(added, clock), clock)
    await timeline.repeat(request)
    await timeline.repeat({ ...request, pattern: '30 * * * *' })
    await runUntil(timeline, clock, new Date('2026-12-01T09:59:00Z'))
    expect(added.map((a) => a.at)).toEqual(['2026-12-01T08:30:00.000Z', '2026-12-01T09:30:00.000Z'])
  })

  it('reads the pattern in its timezone', async () => {
    const clock = new VirtualClock(new Date('2026-12-01T00:00:00Z'))
    const added: Array<{ name: string, jobId: string, at: string }> = []
    const timeline = new VirtualTimeline(fakeQueues(added, clock), clock)
    // Mondays 09:00 in Shanghai: 01:00 UTC on 2026-12-07 and 2026-12-14
    await timeline.repeat({ ...request, schedulerId: 'weekly', pattern: '0 9 * * 1', tz: 'Asia/Shanghai' })
    await runUntil(timeline, clock, new Date('2026-12-15T00:00:00Z'))
    expect(added.map((a) => a.at)).toEqual(['2026-12-07T01:00:00.000Z', '2026-12-14T01:00:00.000Z'])
  })

  it('stops a scheduler that is no longer retained, and leaves one-off jobs alone', async () => {
    const clock = new VirtualClock(new Date('2026-12-01T07:30:00Z'))
    const added: Array<{ name: string, jobId: string, at: string }> = []
    const timeline = new VirtualTimeline(fakeQueues(added, clock), clock)
    await timeline.repeat(request)
    await timeline.schedule({ name: 'notice-flush', data: { batchId: 2 }, jobId: 'once', runAt: new Date('2026-12-01T08:10:00Z') })
    await timeline.retainSchedules([])
    await runUntil(timeline, clock, new Date('2026-12-01T12:00:00Z'))
    expect(added.map((a) => a.jobId)).toEqual(['once'])
  })

  it('computes occurrences strictly after the given time', () => {
    const at = Date.parse('2026-12-01T08:00:00Z')
    expect(nextOccurrence('0 * * * *', at)).toBe(Date.parse('2026-12-01T09:00:00Z'))
  })
})
