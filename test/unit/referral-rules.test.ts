import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { isQuietHour, nextUnpromptedPostTime } from '../../src/domain/quiet-hours.ts'
import { classifyJoin, exceedsBurst, fraudSignals, weekStart } from '../../src/domain/referrals.ts'

const t = (iso: string): Date => new Date(iso)
const limits = { burstLimit: 10, burstWindowMs: 3_600_000, silentLeaveMs: 86_400_000 }

describe('referral defaults (SPEC 3.4)', () => {
  it('qualifies after 24 h, rewards at 3, pays 10 points each, holds above 10 invites an hour', () => {
    const c = loadConfig({})
    expect(c.REFERRAL_QUALIFY_MS).toBe(24 * 3_600_000)
    expect(c.REFERRAL_TARGET).toBe(3)
    expect(c.REFERRAL_POINTS).toBe(10)
    expect(c.REFERRAL_BURST_LIMIT).toBe(10)
    expect(c.REFERRAL_BURST_WINDOW_MS).toBe(3_600_000)
  })
})

describe('classifyJoin', () => {
  const fresh = { invitedBy: 'member' as const, inviteeIsNew: true, alreadyReferred: false }
  it('records a new invitee of a member as pending', () => {
    expect(classifyJoin(fresh)).toEqual({ status: 'pending' })
  })
  it.each([
    [{ ...fresh, invitedBy: 'bot' as const }, 'bot'],
    [{ ...fresh, invitedBy: 'self' as const }, 'self'],
    [{ ...fresh, alreadyReferred: true }, 'already-referred'],
    [{ ...fresh, inviteeIsNew: false }, 'not-new'],
  ])('rejects %o as %s', (facts, reason) => {
    expect(classifyJoin(facts)).toEqual({ status: 'rejected', reason })
  })
})

describe('fraud signals', () => {
  const base = t('2026-12-01T10:00:00Z').getTime()
  const times = (n: number, spacingMs: number) => Array.from({ length: n }, (_, i) => new Date(base + i * spacingMs))

  it('holds more than 10 invites inside one hour, not 10', () => {
    expect(exceedsBurst(times(10, 60_000), 10, 3_600_000)).toBe(false)
    expect(exceedsBurst(times(11, 60_000), 10, 3_600_000)).toBe(true)
    // 11 invites spread over more than an hour are not a burst
    expect(exceedsBurst(times(11, 6 * 60_000 + 1), 10, 3_600_000)).toBe(false)
  })

  it('holds when a qualified invitee never spoke and left within 24 h of qualifying', () => {
    const qualifiedAt = t('2026-12-02T10:00:00Z')
    const silentLeaver = { spoke: false, qualifiedAt, leftAt: new Date(qualifiedAt.getTime() + 86_400_000) }
    expect(fraudSignals({ inviteTimes: [], qualified: [silentLeaver] }, limits)).toEqual(['silent-invitees'])
    expect(fraudSignals({ inviteTimes: [], qualified: [{ ...silentLeaver, leftAt: new Date(qualifiedAt.getTime() + 86_400_001) }] }, limits)).toEqual([])
    expect(fraudSignals({ inviteTimes: [], qualified: [{ ...silentLeaver, spoke: true }] }, limits)).toEqual([])
    expect(fraudSignals({ inviteTimes: [], qualified: [{ ...silentLeaver, leftAt: null }] }, limits)).toEqual([])
  })
})

describe('weekStart', () => {
  it('is Monday 00:00 local', () => {
    // Sunday 2026-12-06 23:30 in Shanghai belongs to the week of Monday 2026-11-30
    expect(weekStart(t('2026-12-06T15:30:00Z'), 480)).toEqual(t('2026-11-29T16:00:00Z'))
    // Monday 00:10 local starts a new week
    expect(weekStart(t('2026-12-06T16:10:00Z'), 480)).toEqual(t('2026-12-06T16:00:00Z'))
  })
})

describe('quiet hours (22:00-08:00 local)', () => {
  it('knows the edges', () => {
    expect(isQuietHour(t('2026-12-01T13:59:59Z'), 'Asia/Shanghai')).toBe(false) // 21:59:59
    expect(isQuietHour(t('2026-12-01T14:00:00Z'), 'Asia/Shanghai')).toBe(true) // 22:00
    expect(isQuietHour(t('2026-12-01T23:59:59Z'), 'Asia/Shanghai')).toBe(true) // 07:59:59
    expect(isQuietHour(t('2026-12-02T00:00:00Z'), 'Asia/Shanghai')).toBe(false) // 08:00
  })
  it('moves a notice in quiet hours to the next 08:00 local', () => {
    expect(nextUnpromptedPostTime(t('2026-12-01T15:10:00Z'), 'Asia/Shanghai')).toEqual(t('2026-12-02T00:00:00Z'))
    expect(nextUnpromptedPostTime(t('2026-12-01T19:00:00Z'), 'Asia/Shanghai')).toEqual(t('2026-12-02T00:00:00Z'))
    expect(nextUnpromptedPostTime(t('2026-12-01T05:00:00Z'), 'Asia/Shanghai')).toEqual(t('2026-12-01T05:00:00Z'))
    expect(nextUnpromptedPostTime(t('2026-12-01T04:00:00Z'), 'America/New_York')).toEqual(t('2026-12-01T13:00:00Z'))
  })
})
