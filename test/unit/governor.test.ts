import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { findViolations, pauseForRateLimit, recordSuccess, reserveRelease, type GovernorLimits, type GovernorMemory } from '../../src/domain/governor.ts'
import { seededRandom } from '../../src/domain/random.ts'
import { governorLimits } from '../../src/services/context.ts'

const limits: GovernorLimits = governorLimits(loadConfig({}))
const empty = (): GovernorMemory => ({ recent: [], pausedUntil: null, backoffLevel: 0, incidentSince: null })
const t0 = new Date('2026-12-01T10:00:00+08:00')

function reserveAll (n: number, arrivals: (i: number) => Date, l = limits, rand = seededRandom(1)): Date[] {
  let memory = empty()
  const out: Date[] = []
  for (let i = 0; i < n; i++) {
    const r = reserveRelease(memory, arrivals(i), l, rand())
    memory = r.memory
    out.push(r.releaseAt)
  }
  return out
}

describe('send governor defaults (SPEC 3.10)', () => {
  it('defaults to a 3 s gap, 20 per minute and 300 per hour', () => {
    expect(limits.minGapMs).toBe(3000)
    expect(limits.perMinute).toBe(20)
    expect(limits.perHour).toBe(300)
  })
})

describe('reserveRelease', () => {
  it('keeps at least the minimum gap between two releases, jitter only adding to it', () => {
    const releases = reserveAll(50, () => t0)
    for (let i = 1; i < releases.length; i++) {
      const gap = releases[i]!.getTime() - releases[i - 1]!.getTime()
      expect(gap).toBeGreaterThanOrEqual(3000)
      expect(gap).toBeLessThan(3000 + limits.jitterMs)
    }
  })

  it('releases no more than 20 in any minute when the gap alone would allow more', () => {
    const fast = { ...limits, minGapMs: 1000, jitterMs: 0 }
    const releases = reserveAll(25, () => t0, fast)
    // 20 go out a second apart; the 21st waits until the first has left the 60 s window
    expect(releases[19]!.getTime() - t0.getTime()).toBe(19_000)
    expect(releases[20]!.getTime() - releases[0]!.getTime()).toBe(60_000)
    expect(findViolations(releases, fast)).toEqual([])
  })

  it('releases no more than 300 in any hour', () => {
    const fast = { ...limits, minGapMs: 0, jitterMs: 0, perMinute: 1000 }
    const releases = reserveAll(301, () => t0, fast)
    expect(releases[299]!.getTime()).toBe(t0.getTime())
    expect(releases[300]!.getTime() - t0.getTime()).toBe(3_600_000)
  })

  it('never releases before now', () => {
    const later = new Date(t0.getTime() + 3_600_000)
    const memory = reserveRelease(empty(), t0, limits, 0).memory
    expect(reserveRelease(memory, later, limits, 0).releaseAt.getTime()).toBeGreaterThanOrEqual(later.getTime())
  })

  it('holds 500 queued sends from 20 groups within the gap and both caps', () => {
    const rand = seededRandom(99)
    // 20 groups each queue 25 sends at random moments over 10 minutes
    const arrivals = Array.from({ length: 500 }, () => new Date(t0.getTime() + Math.floor(rand() * 600_000))).sort((a, b) => a.getTime() - b.getTime())
    const releases = reserveAll(500, (i) => arrivals[i]!, limits, rand)
    expect(findViolations(releases, limits)).toEqual([])
    expect(new Set(releases.map((d) => d.getTime())).size).toBe(500)
  })
})

describe('rate-limit pause', () => {
  it('pauses with exponential backoff from the base, capped, and resets after a success', () => {
    let memory = empty()
    memory = pauseForRateLimit(memory, t0, limits)
    expect(memory.pausedUntil!.getTime() - t0.getTime()).toBe(60_000)
    memory = pauseForRateLimit(memory, t0, limits)
    expect(memory.pausedUntil!.getTime() - t0.getTime()).toBe(120_000)
    for (let i = 0; i < 20; i++) memory = pauseForRateLimit(memory, t0, limits)
    expect(memory.pausedUntil!.getTime() - t0.getTime()).toBe(limits.backoffMaxMs)
    expect(reserveRelease(memory, t0, limits, 0).releaseAt.getTime()).toBeGreaterThanOrEqual(memory.pausedUntil!.getTime())
    expect(memory.incidentSince).toEqual(t0)
    const during = new Date(memory.pausedUntil!.getTime() - 1)
    expect(recordSuccess(memory, during).endedIncident).toBeNull()
    const after = new Date(memory.pausedUntil!.getTime() + 1)
    const { memory: reset, endedIncident } = recordSuccess(memory, after)
    expect(reset).toMatchObject({ pausedUntil: null, backoffLevel: 0, incidentSince: null })
    expect(endedIncident).toEqual({ since: t0, until: after })
  })

  it('keeps reservations after the pause, so new slots keep their distance from them', () => {
    const memory = { ...empty(), recent: [new Date(t0.getTime() - 1000), new Date(t0.getTime() + 30_000), new Date(t0.getTime() + 120_000)] }
    const paused = pauseForRateLimit(memory, t0, limits) // pause of 60 s
    expect(paused.recent.map((d) => d.getTime() - t0.getTime())).toEqual([-1000, 120_000])
    const next = reserveRelease(paused, t0, { ...limits, jitterMs: 0 }, 0)
    expect(next.releaseAt.getTime() - t0.getTime()).toBe(120_000 + limits.minGapMs)
  })

  it('voids future reservations made before the pause', () => {
    const r = reserveRelease(empty(), t0, { ...limits, jitterMs: 0 }, 0)
    const paused = pauseForRateLimit({ ...r.memory, recent: [...r.memory.recent, new Date(t0.getTime() + 9000)] }, t0, limits)
    expect(paused.recent.every((d) => d.getTime() <= t0.getTime())).toBe(true)
  })
})

describe('findViolations', () => {
  it('reports a gap below the minimum', () => {
    expect(findViolations([t0, new Date(t0.getTime() + 2999)], limits)).toHaveLength(1)
  })
})
