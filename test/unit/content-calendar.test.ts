import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, decidePost, localDay, localInstant, NO_REPEAT_DAYS, resolveDay, slotAllowed, slotRange, spreadOffsetSeconds, type PostCheck } from '../../src/domain/content-calendar.ts'

const TEN_MINUTES = 10 * 60_000

describe('slots and quiet hours (22:00-08:00)', () => {
  it('allows slots from 08:00 to 21:50 with the default 10-minute spread', () => {
    expect(slotRange(TEN_MINUTES)).toEqual({ earliest: '08:00', latest: '21:50' })
    for (const ok of ['08:00', '10:00', '20:00', '21:50']) expect(slotAllowed(ok, TEN_MINUTES), ok).toBe(true)
    for (const quiet of ['07:59', '00:00', '21:51', '22:00', '23:30']) expect(slotAllowed(quiet, TEN_MINUTES), quiet).toBe(false)
  })

  it('moves the latest slot with the spread', () => {
    expect(slotRange(0).latest).toBe('22:00')
    expect(slotRange(30 * 60_000).latest).toBe('21:30')
    expect(slotAllowed('21:45', 30 * 60_000)).toBe(false)
  })

  it('gives each group a fixed offset below the spread, different for neighbours', () => {
    const offsets = Array.from({ length: 50 }, (_, i) => spreadOffsetSeconds(i + 1, TEN_MINUTES))
    expect(offsets.every((s) => s >= 0 && s < 600)).toBe(true)
    expect(new Set(offsets).size).toBeGreaterThan(45)
    expect(spreadOffsetSeconds(42, TEN_MINUTES)).toBe(spreadOffsetSeconds(42, TEN_MINUTES))
    expect(spreadOffsetSeconds(42, 0)).toBe(0)
  })
})

describe('local days', () => {
  it('reads the local calendar day in the group\'s timezone', () => {
    const at = new Date('2026-12-01T20:30:00Z')
    expect(localDay(at, 'Asia/Shanghai')).toBe('2026-12-02')
    expect(localDay(at, 'Europe/London')).toBe('2026-12-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(daysBetween('2026-12-01', '2026-12-31')).toBe(30)
  })

  it('finds the instant of a wall time, across a DST change', () => {
    expect(localInstant('2026-12-01', '10:00', 'Asia/Shanghai').toISOString()).toBe('2026-12-01T02:00:00.000Z')
    expect(localInstant('2026-03-28', '10:00', 'Europe/London').toISOString()).toBe('2026-03-28T10:00:00.000Z')
    expect(localInstant('2026-03-30', '10:00', 'Europe/London').toISOString()).toBe('2026-03-30T09:00:00.000Z')
  })

  it('resolves typed days, rolling a month-day more than half a year back into next year', () => {
    const now = new Date('2026-12-20T12:00:00+08:00')
    expect(resolveDay(now, 'Asia/Shanghai', { offset: 1 })).toBe('2026-12-21')
    expect(resolveDay(now, 'Asia/Shanghai', { month: 12, day: 25 })).toBe('2026-12-25')
    expect(resolveDay(now, 'Asia/Shanghai', { month: 1, day: 3 })).toBe('2027-01-03')
    expect(resolveDay(now, 'Asia/Shanghai', { month: 12, day: 1 })).toBe('2026-12-01')
    expect(resolveDay(now, 'Asia/Shanghai', { month: 2, day: 30 })).toBeNull()
    expect(resolveDay(now, 'Asia/Shanghai', { month: 2, day: 29, year: 2028 })).toBe('2028-02-29')
  })

  it('never repeats an item within 30 days', () => {
    expect(NO_REPEAT_DAYS).toBe(30)
  })
})

describe('what a post job does when it runs', () => {
  const base: PostCheck = { day: '2026-12-01', now: new Date('2026-12-01T10:00:00+08:00'), timeZone: 'Asia/Shanghai', groupActive: true, source: 'item', sourceUsable: true }

  it('posts an item or a campaign on its day, outside quiet hours', () => {
    expect(decidePost(base)).toEqual({ kind: 'post' })
    expect(decidePost({ ...base, source: 'campaign', now: new Date('2026-12-01T21:59:00+08:00') })).toEqual({ kind: 'post' })
  })

  it('skips a slot with nothing to post, a withdrawn item, an inactive group', () => {
    expect(decidePost({ ...base, source: 'none', sourceUsable: false })).toEqual({ kind: 'skip', reason: 'no-item' })
    expect(decidePost({ ...base, sourceUsable: false })).toEqual({ kind: 'skip', reason: 'withdrawn' })
    expect(decidePost({ ...base, groupActive: false })).toEqual({ kind: 'skip', reason: 'group-inactive' })
  })

  it('never posts late into quiet hours or the next day, and waits for 08:00 when run before it', () => {
    expect(decidePost({ ...base, now: new Date('2026-12-01T22:00:00+08:00') })).toEqual({ kind: 'skip', reason: 'missed' })
    expect(decidePost({ ...base, now: new Date('2026-12-02T10:00:00+08:00') })).toEqual({ kind: 'skip', reason: 'missed' })
    expect(decidePost({ ...base, now: new Date('2026-12-01T07:59:00+08:00') })).toEqual({ kind: 'later', at: new Date('2026-12-01T08:00:00+08:00') })
    expect(decidePost({ ...base, now: new Date('2026-11-30T20:00:00+08:00') })).toEqual({ kind: 'later', at: new Date('2026-12-01T08:00:00+08:00') })
  })
})
