import { describe, expect, it } from 'vitest'
import { daysBetween, stillTimely } from '../../src/domain/crm-timing.ts'

describe('CRM timing', () => {
  it('counts calendar days in the person\'s zone, not 24-hour periods', () => {
    // bought at 23:00 on Nov 4 in Shanghai, reminded at 09:00 on Dec 1: 27 calendar days (26.4 × 24 h)
    expect(daysBetween(new Date('2026-11-04T23:00:00+08:00'), new Date('2026-12-01T09:00:00+08:00'), 'Asia/Shanghai')).toBe(27)
    // the same instants in Berlin are Nov 4 16:00 and Dec 1 02:00: still 27 days there
    expect(daysBetween(new Date('2026-11-04T23:00:00+08:00'), new Date('2026-12-01T09:00:00+08:00'), 'Europe/Berlin')).toBe(27)
    // 00:30 local on the next day is one day later, though only 1.5 hours passed
    expect(daysBetween(new Date('2026-11-30T23:00:00+08:00'), new Date('2026-12-01T00:30:00+08:00'), 'Asia/Shanghai')).toBe(1)
    // across the end of daylight saving (Berlin, Oct 25 2026) a day of 25 hours is one day
    expect(daysBetween(new Date('2026-10-24T12:00:00+02:00'), new Date('2026-10-26T12:00:00+01:00'), 'Europe/Berlin')).toBe(2)
    expect(daysBetween(new Date('2026-12-02T00:00:00Z'), new Date('2026-12-01T00:00:00Z'), 'UTC')).toBe(0)
  })

  it('keeps a DM timely up to the stale limit after it was due, not a moment later', () => {
    const due = new Date('2026-12-01T00:00:00Z')
    expect(stillTimely(due, new Date('2026-12-04T00:00:00Z'), 3)).toBe(true)
    expect(stillTimely(due, new Date('2026-12-04T00:00:01Z'), 3)).toBe(false)
  })
})
