/**
 * Coupon rules (SPEC 3.5) as pure functions: how a typed code is read, whether a coupon may be redeemed for a
 * customer now, how long a batch's coupons are valid, and the brute-force lockout. No I/O; time is an argument.
 */
import { CODE_ALPHABET, normalizeCode, readCheckedCode } from './codes.ts'
import { offsetMinutes } from './time.ts'

/** The built-in batches (created by the migration): the welcome coupon on friendship and the referral trial pack. */
export const WELCOME_BATCH = 'WELCOME'
export const TRIAL_PACK_BATCH = 'TRIALPACK'
/** Created by the migration in every database: the welcome coupon, the trial pack, and the CRM's personal coupons. */
export const BUILT_IN_BATCHES = [WELCOME_BATCH, TRIAL_PACK_BATCH, 'REPURCHASE', 'BIRTHDAY'] as const

/** Random characters of a unique code; the check character comes on top (75 bits, SPEC asks >= 50). */
export const UNIQUE_CODE_BODY = 15
export const UNIQUE_CODE_LENGTH = UNIQUE_CODE_BODY + 1

/** A shared code (ANNA30) or a batch's name: 3-12 letters and digits, so it can never be read as a unique code. */
export const BATCH_CODE_MIN = 3
export const BATCH_CODE_MAX = 12

/** What a typed code is, before any lookup. */
export type TypedCode =
  /** A unique code whose check character is right: look it up. `code` is the canonical XXXX-XXXX-XXXX-XXXX. */
  | { kind: 'unique', code: string }
  /** A short word-like code: look it up as a shared code by its folded key. */
  | { kind: 'shared', key: string }
  /** Looks like a unique code but the check character (or the length) is wrong: refused without a lookup. */
  | { kind: 'typo' }
  /** Nothing a code could be (empty, symbols, absurdly long). */
  | { kind: 'unknown' }

/**
 * Reads a typed code: folded (case, full width, spaces, dashes and dots, O->0, I/L->1, a 券码： label) for both kinds. 16 characters of the code
 * alphabet are a unique code and must pass the check character; 13-20 letters and digits are a unique code with
 * a character missing or extra (a typo); 3-12 letters and digits are a shared code.
 */
export function readTypedCode (typed: string): TypedCode {
  // A code pasted with its label from the DM ("券码：K7Q2-…") is the code.
  const folded = normalizeCode(typed.normalize('NFKC').replace(/^\s*(?:券码|优惠码|code)\s*:?/iu, ''))
  if (!/^[0-9A-Z]+$/.test(folded)) return { kind: 'unknown' }
  if (folded.length >= BATCH_CODE_MIN && folded.length <= BATCH_CODE_MAX) return { kind: 'shared', key: folded }
  if (folded.length === UNIQUE_CODE_LENGTH && [...folded].every((c) => CODE_ALPHABET.includes(c))) {
    const read = readCheckedCode(folded, UNIQUE_CODE_LENGTH)
    return read.ok ? { kind: 'unique', code: read.code } : { kind: 'typo' }
  }
  if (folded.length > BATCH_CODE_MAX && folded.length <= UNIQUE_CODE_LENGTH + 4) return { kind: 'typo' }
  return { kind: 'unknown' }
}

/** A batch's code as people write it (upper case) and the folded key it is found by; null when it is not one. */
export function batchCode (typed: string): { code: string, key: string } | null {
  const code = typed.normalize('NFKC').trim().toUpperCase()
  if (!/^[0-9A-Z]+$/.test(code)) return null
  const key = normalizeCode(code)
  return key.length >= BATCH_CODE_MIN && key.length <= BATCH_CODE_MAX ? { code, key } : null
}

/** Why a redemption (or a check at the till) was refused. */
export const REFUSALS = [
  'typo', 'unknown', 'expired', 'not-yet-valid', 'used', 'void', 'not-yours', 'below-min-spend', 'no-stacking',
  'cap-reached', 'locked', 'need-customer', 'no-customer', 'twice-on-order',
] as const
export type Refusal = typeof REFUSALS[number]

/**
 * Refusals that count towards the lockout: the store was asked about a code and it was not one this person may
 * use. A typo never reached the store (anyone can compute a check character, so counting it would only punish
 * honest slips); minimum spend, stacking and the cap are about the order or the batch, not about guessing.
 */
export const COUNTED_REFUSALS: ReadonlySet<Refusal> = new Set(['unknown', 'expired', 'not-yet-valid', 'used', 'void', 'not-yours'])

/** What the rules need to know about a coupon (a unique one, or the customer's use of a shared code). */
export interface RedeemFacts {
  status: 'issued' | 'redeemed' | 'void'
  /** The holder of a unique coupon; null for a shared code (anyone may use it). */
  holderId: number | null
  validFrom: Date | null
  expiresAt: Date
  minSpend: number
  stacks: boolean
}

export interface RedeemRequestFacts {
  /** Who it is redeemed for. */
  customerId: number
  /** The order's total, when there is an order (or the clerk said it); null skips the minimum spend. */
  total: number | null
  /** Coupons already on this order: whether each stacks. */
  onOrder: readonly boolean[]
  now: Date
}

/**
 * The first reason the coupon may not be redeemed, or null. Whose it is comes first, so a stranger learns nothing
 * about someone else's coupon; the store's conditional updates are the final word on `used` and the cap.
 */
export function refusalFor (coupon: RedeemFacts, request: RedeemRequestFacts): Refusal | null {
  if (coupon.holderId !== null && coupon.holderId !== request.customerId) return 'not-yours'
  if (coupon.status === 'void') return 'void'
  if (coupon.status === 'redeemed') return 'used'
  if (coupon.expiresAt.getTime() <= request.now.getTime()) return 'expired'
  if (coupon.validFrom !== null && coupon.validFrom.getTime() > request.now.getTime()) return 'not-yet-valid'
  if (request.total !== null && request.total < coupon.minSpend) return 'below-min-spend'
  // One coupon per order unless both it and every coupon already on the order stack.
  if (request.onOrder.length > 0 && !(coupon.stacks && request.onOrder.every((s) => s))) return 'no-stacking'
  return null
}

/** A batch's validity: days from issue, a fixed window, or both (the earlier end wins). */
export interface Validity {
  validDays: number | null
  startsAt: Date | null
  endsAt: Date | null
}

/** When a coupon issued at `issuedAt` starts and stops being valid. */
export function couponWindow (batch: Validity, issuedAt: Date, validDaysOverride?: number): { validFrom: Date | null, expiresAt: Date } {
  const days = validDaysOverride ?? batch.validDays
  const byDays = days === null ? Infinity : issuedAt.getTime() + days * 86_400_000
  const end = Math.min(byDays, batch.endsAt?.getTime() ?? Infinity)
  if (!Number.isFinite(end)) throw new Error('a batch needs valid days or an end')
  return { validFrom: batch.startsAt !== null && batch.startsAt > issuedAt ? batch.startsAt : null, expiresAt: new Date(end) }
}

export interface LockoutPolicy {
  /** This many counted failures ... */
  failures: number
  /** ... within this span ... */
  windowMs: number
  /** ... lock the subject out of redemption for this long. */
  lockMs: number
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { failures: 5, windowMs: 10 * 60_000, lockMs: 30 * 60_000 }

/**
 * Until when a subject is locked out, given its counted failures (any order), or null when it is not locked now.
 * The failure that makes `failures` within the window starts the lock; a lock starts the count afresh, and a
 * failure during a lock (there are none normally: attempts are refused as locked first) is ignored.
 */
export function lockedUntil (failureTimes: readonly Date[], now: Date, policy: LockoutPolicy = DEFAULT_LOCKOUT): Date | null {
  let lockEnd = -Infinity
  let counted: number[] = []
  for (const f of failureTimes.map((d) => d.getTime()).sort((a, b) => a - b)) {
    if (f < lockEnd) continue
    counted = counted.filter((c) => c > f - policy.windowMs)
    counted.push(f)
    if (counted.length >= policy.failures) {
      lockEnd = f + policy.lockMs
      counted = []
    }
  }
  return lockEnd > now.getTime() ? new Date(lockEnd) : null
}

/**
 * "12-31" or "2026-12-31" as the last instant of that local day in the zone (a batch valid "至12-31"). Without a
 * year: this year's, or next year's when this year's is over. Null for a date that does not exist.
 */
export function endOfLocalDay (text: string, now: Date, timeZone: string): Date | null {
  const m = /^(?:(\d{4})-)?(\d{1,2})-(\d{1,2})$/.exec(text)
  if (m === null) return null
  const local = new Date(now.getTime() + offsetMinutes(now, timeZone) * 60_000)
  const at = (year: number): Date | null => {
    const month = Number(m[2]) - 1
    const day = Number(m[3])
    const probe = new Date(Date.UTC(year, month, day))
    if (probe.getUTCMonth() !== month || probe.getUTCDate() !== day) return null
    const next = Date.UTC(year, month, day + 1)
    // The zone's midnight after that day, less a millisecond.
    return new Date(next - offsetMinutes(new Date(next), timeZone) * 60_000 - 1)
  }
  if (m[1] !== undefined) return at(Number(m[1]))
  const thisYear = at(local.getUTCFullYear())
  return thisYear === null || thisYear.getTime() > now.getTime() ? thisYear : at(local.getUTCFullYear() + 1)
}
