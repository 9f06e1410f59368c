/** SPEC 3.7: marketing DMs to consenting friends only, at most 1 per 24 h and 4 per 30 days, 09:00-21:00 local. */
import { describe, expect, it } from 'vitest'
import { decideMarketingDm, type DmRecipient } from '../../src/domain/marketing-policy.ts'
import { nextLocalHour } from '../../src/domain/time.ts'

const OK: DmRecipient = { isFriend: true, consented: true, optedOut: false, erased: false }
const SH = 'Asia/Shanghai'
const at = (iso: string) => new Date(iso)
const decide = (now: string, sentAt: string[] = [], recipient: DmRecipient = OK, timeZone = SH) =>
  decideMarketingDm({ recipient, sentAt: sentAt.map(at), now: at(now), timeZone })

describe('who may get a marketing DM', () => {
  it('sends to a consenting friend inside the hours with nothing sent before', () => {
    expect(decide('2026-12-01T10:00:00+08:00')).toEqual({ kind: 'send' })
  })

  it('skips, with the reason, a person who is not a friend, did not consent, opted out or erased their data', () => {
    expect(decide('2026-12-01T10:00:00+08:00', [], { ...OK, isFriend: false })).toEqual({ kind: 'skip', reason: 'not-friend' })
    expect(decide('2026-12-01T10:00:00+08:00', [], { ...OK, consented: false })).toEqual({ kind: 'skip', reason: 'no-consent' })
    expect(decide('2026-12-01T10:00:00+08:00', [], { ...OK, optedOut: true })).toEqual({ kind: 'skip', reason: 'opted-out' })
    expect(decide('2026-12-01T10:00:00+08:00', [], { ...OK, erased: true, isFriend: false })).toEqual({ kind: 'skip', reason: 'erased' })
  })
})

describe('frequency caps', () => {
  it('allows one per 24 h: a second waits until 24 h after the first', () => {
    expect(decide('2026-12-02T09:59:59+08:00', ['2026-12-01T10:00:00+08:00'])).toEqual({ kind: 'defer', until: at('2026-12-02T10:00:00+08:00'), reason: 'daily-cap' })
    expect(decide('2026-12-02T10:00:00+08:00', ['2026-12-01T10:00:00+08:00'])).toEqual({ kind: 'send' })
  })

  it('allows four per 30 days: the fifth waits until the oldest of the four is 30 days old', () => {
    const four = ['2026-12-01T10:00:00+08:00', '2026-12-05T10:00:00+08:00', '2026-12-10T10:00:00+08:00', '2026-12-20T10:00:00+08:00']
    expect(decide('2026-12-25T10:00:00+08:00', four)).toEqual({ kind: 'defer', until: at('2026-12-31T10:00:00+08:00'), reason: 'window-cap' })
    expect(decide('2026-12-31T10:00:00+08:00', four)).toEqual({ kind: 'send' })
    expect(decide('2026-12-25T10:00:00+08:00', four.slice(1))).toEqual({ kind: 'send' })
  })

  it('only between 09:00 and 21:00 local, in the person\'s own zone', () => {
    expect(decide('2026-12-01T08:59:00+08:00')).toEqual({ kind: 'defer', until: at('2026-12-01T09:00:00+08:00'), reason: 'outside-hours' })
    expect(decide('2026-12-01T09:00:00+08:00')).toEqual({ kind: 'send' })
    expect(decide('2026-12-01T20:59:59+08:00')).toEqual({ kind: 'send' })
    expect(decide('2026-12-01T21:00:00+08:00')).toEqual({ kind: 'defer', until: at('2026-12-02T09:00:00+08:00'), reason: 'outside-hours' })
    // 10:00 in Shanghai is 03:00 in Berlin
    expect(decide('2026-12-01T10:00:00+08:00', [], OK, 'Europe/Berlin')).toEqual({ kind: 'defer', until: at('2026-12-01T09:00:00+01:00'), reason: 'outside-hours' })
  })

  it('moves a deferral out of the night when the cap lifts at night', () => {
    // the daily cap lifts at 22:30, outside the hours: the next allowed moment is 09:00 the day after
    expect(decide('2026-12-02T12:00:00+08:00', ['2026-12-01T22:30:00+08:00'])).toEqual({ kind: 'defer', until: at('2026-12-03T09:00:00+08:00'), reason: 'daily-cap' })
  })

  it('follows configured caps', () => {
    const policy = { perDay: 2, perWindow: 10, windowDays: 30, startHour: 8, endHour: 22 }
    expect(decideMarketingDm({ recipient: OK, sentAt: [at('2026-12-01T10:00:00+08:00')], now: at('2026-12-01T21:30:00+08:00'), timeZone: SH }, policy)).toEqual({ kind: 'send' })
  })
})

describe('nextLocalHour', () => {
  it('finds the next local hour across a DST change', () => {
    // Berlin moves to summer time on 2027-03-28 at 02:00
    expect(nextLocalHour(at('2027-03-27T22:00:00+01:00'), 'Europe/Berlin', 9)).toEqual(at('2027-03-28T09:00:00+02:00'))
    expect(nextLocalHour(at('2026-12-01T09:00:00+08:00'), SH, 9)).toEqual(at('2026-12-01T09:00:00+08:00'))
  })
})
