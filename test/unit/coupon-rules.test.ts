import { describe, expect, it } from 'vitest'
import { CODE_ALPHABET, makeCheckedCode } from '../../src/domain/codes.ts'
import {
  batchCode, couponWindow, DEFAULT_LOCKOUT, endOfLocalDay, lockedUntil, readTypedCode, refusalFor,
  UNIQUE_CODE_BODY, type RedeemFacts, type RedeemRequestFacts,
} from '../../src/domain/coupons.ts'
import { seededRandom } from '../../src/domain/random.ts'

const code = makeCheckedCode(seededRandom(9), UNIQUE_CODE_BODY)
const MIN = 60_000
const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 1, 2) + minutes * MIN)

describe('reading a typed code', () => {
  it('reads a unique code whatever the case, separators and look-alikes', () => {
    const sloppy = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')
    expect(readTypedCode(sloppy)).toEqual({ kind: 'unique', code })
    expect(readTypedCode(`  ${code}  `)).toEqual({ kind: 'unique', code })
    // full-width characters a Chinese keyboard produces
    expect(readTypedCode(code.replace(/-/g, '').replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xFEE0)))).toEqual({ kind: 'unique', code })
    // the dashes a Chinese keyboard types (—— and －), an ideographic space, dots, and the label pasted from the DM
    for (const sep of ['—', '——', '－', '\u3000', '.', '·']) expect(readTypedCode(code.replace(/-/g, sep)), sep).toEqual({ kind: 'unique', code })
    expect(readTypedCode(`券码：${code}`)).toEqual({ kind: 'unique', code })
  })

  it('catches a single mistyped character by the check character, before any lookup', () => {
    const plain = code.replace(/-/g, '')
    const other = CODE_ALPHABET.split('').find((c) => c !== plain[5])!
    expect(readTypedCode(plain.slice(0, 5) + other + plain.slice(6))).toEqual({ kind: 'typo' })
  })

  it('calls a unique code with a character missing or extra a typo', () => {
    const plain = code.replace(/-/g, '')
    expect(readTypedCode(plain.slice(1))).toEqual({ kind: 'typo' })
    expect(readTypedCode(`${plain}X`)).toEqual({ kind: 'typo' })
  })

  it('reads a short word as a shared code, folded the same way (anna3o is ANNA30)', () => {
    expect(readTypedCode('anna3o')).toEqual({ kind: 'shared', key: 'ANNA30' })
    expect(readTypedCode('LILY20')).toEqual({ kind: 'shared', key: '111Y20' })
    expect(readTypedCode('lily20')).toEqual(readTypedCode('LILY20'))
  })

  it('finds nothing in symbols, a single word too short, or a paste far too long', () => {
    for (const typed of ['', '!!', 'AB', '优惠券', 'ANNA30!', 'X'.repeat(40)]) expect(readTypedCode(typed)).toEqual({ kind: 'unknown' })
  })

  it('accepts batch codes of 3-12 letters and digits, keeping their spelling for display', () => {
    expect(batchCode('anna30')).toEqual({ code: 'ANNA30', key: 'ANNA30' })
    expect(batchCode('Lily20')).toEqual({ code: 'LILY20', key: '111Y20' })
    for (const bad of ['AB', 'ANNA 30', 'ANNA-30', '主播码', 'A'.repeat(13)]) expect(batchCode(bad)).toBeNull()
  })
})

const coupon: RedeemFacts = { status: 'issued', holderId: 1, validFrom: null, expiresAt: at(60), minSpend: 199, stacks: false }
const request: RedeemRequestFacts = { customerId: 1, total: 199, onOrder: [], now: at(0) }

describe('whether a coupon may be redeemed', () => {
  it('allows the holder\'s valid coupon at exactly the minimum spend', () => {
    expect(refusalFor(coupon, request)).toBeNull()
  })

  it.each([
    ['not-yours', { ...coupon, holderId: 2 }, request],
    ['void', { ...coupon, status: 'void' as const }, request],
    ['used', { ...coupon, status: 'redeemed' as const }, request],
    ['expired', coupon, { ...request, now: at(60) }],
    ['not-yet-valid', { ...coupon, validFrom: at(1) }, request],
    ['below-min-spend', coupon, { ...request, total: 198.99 }],
    ['no-stacking', coupon, { ...request, onOrder: [true] }],
  ])('refuses as %s', (reason, facts, req) => {
    expect(refusalFor(facts, req)).toBe(reason)
  })

  it('says "not yours" before anything else about someone else\'s coupon', () => {
    expect(refusalFor({ ...coupon, holderId: 2, status: 'redeemed' }, request)).toBe('not-yours')
  })

  it('lets a shared code (no holder) be used by anyone, and skips the minimum when no total is known', () => {
    expect(refusalFor({ ...coupon, holderId: null }, { ...request, customerId: 7 })).toBeNull()
    expect(refusalFor(coupon, { ...request, total: null })).toBeNull()
  })

  it('stacks only when the coupon and every coupon already on the order stack', () => {
    const stacking = { ...coupon, stacks: true }
    expect(refusalFor(stacking, { ...request, onOrder: [true, true] })).toBeNull()
    expect(refusalFor(stacking, { ...request, onOrder: [true, false] })).toBe('no-stacking')
    expect(refusalFor(coupon, { ...request, onOrder: [true] })).toBe('no-stacking')
  })
})

describe('brute-force lockout (5 failures in 10 minutes lock for 30 minutes)', () => {
  const failures = (...minutes: number[]): Date[] => minutes.map(at)

  it('does not lock at 4 failures, and locks at the 5th', () => {
    expect(lockedUntil(failures(0, 1, 2, 3), at(4))).toBeNull()
    expect(lockedUntil(failures(0, 1, 2, 3, 4), at(4))).toEqual(at(34))
  })

  it('lifts exactly 30 minutes after the 5th failure', () => {
    expect(lockedUntil(failures(0, 1, 2, 3, 4), at(33.99))).toEqual(at(34))
    expect(lockedUntil(failures(0, 1, 2, 3, 4), at(34))).toBeNull()
  })

  it('does not lock 5 failures spread over more than 10 minutes', () => {
    expect(lockedUntil(failures(0, 3, 6, 9, 10), at(10))).toBeNull()
    expect(lockedUntil(failures(0, 3, 6, 9, 9.99), at(10))).toEqual(at(39.99))
  })

  it('starts counting afresh after a lock', () => {
    expect(lockedUntil(failures(0, 1, 2, 3, 4, 35), at(35))).toBeNull()
  })

  it('takes the number of failures from the policy', () => {
    const policy = { ...DEFAULT_LOCKOUT, failures: 3 }
    expect(lockedUntil(failures(0, 1), at(2), policy)).toBeNull()
    expect(lockedUntil(failures(0, 1, 2), at(2), policy)).toEqual(at(32))
  })

  it('takes the window from the policy', () => {
    const policy = { ...DEFAULT_LOCKOUT, windowMs: 5 * MIN }
    expect(lockedUntil(failures(0, 2, 4, 6, 8), at(8), policy)).toBeNull()
    expect(lockedUntil(failures(0, 1, 2, 3, 4), at(8), policy)).toEqual(at(34))
  })

  it('takes the length of the lock from the policy', () => {
    const policy = { ...DEFAULT_LOCKOUT, lockMs: 10 * MIN }
    expect(lockedUntil(failures(0, 1, 2, 3, 4), at(13), policy)).toEqual(at(14))
    expect(lockedUntil(failures(0, 1, 2, 3, 4), at(14), policy)).toBeNull()
  })
})

describe('validity', () => {
  it('runs a coupon the batch\'s days from its issue, or to the batch\'s end when that comes first', () => {
    expect(couponWindow({ validDays: 30, startsAt: null, endsAt: null }, at(0))).toEqual({ validFrom: null, expiresAt: new Date(at(0).getTime() + 30 * 86_400_000) })
    expect(couponWindow({ validDays: 30, startsAt: null, endsAt: at(90) }, at(0)).expiresAt).toEqual(at(90))
    expect(couponWindow({ validDays: 30, startsAt: null, endsAt: null }, at(0), 7).expiresAt).toEqual(new Date(at(0).getTime() + 7 * 86_400_000))
  })

  it('starts a coupon issued before the batch\'s window at the window', () => {
    expect(couponWindow({ validDays: null, startsAt: at(60), endsAt: at(120) }, at(0))).toEqual({ validFrom: at(60), expiresAt: at(120) })
  })

  it('reads 至12-31 as the end of that day in the zone, this year or next', () => {
    expect(endOfLocalDay('12-31', at(0), 'Asia/Shanghai')).toEqual(new Date('2026-12-31T15:59:59.999Z'))
    expect(endOfLocalDay('11-30', at(0), 'Asia/Shanghai')).toEqual(new Date('2027-11-30T15:59:59.999Z'))
    expect(endOfLocalDay('2026-12-05', at(0), 'Asia/Shanghai')).toEqual(new Date('2026-12-05T15:59:59.999Z'))
    expect(endOfLocalDay('02-30', at(0), 'Asia/Shanghai')).toBeNull()
  })

})
