/**
 * Who may get a marketing DM, and when (SPEC 3.7): only friends who consented and did not opt out; at most one per
 * person per 24 h across all kinds, at most 4 per 30 days, and only 09:00-21:00 local. Pure: the sends so far and
 * the time are arguments.
 *
 * A person who may never get one (not a friend, no consent, opted out, erased) is a skip, recorded with its reason.
 * A person who may get one later (a cap, the hour) is a deferral to the first moment every rule allows it; the
 * sender decides whether to wait for that moment.
 */
import { nextLocalHour, localMinutesOfDay } from './time.ts'

export interface DmPolicy {
  perDay: number
  perWindow: number
  windowDays: number
  /** Allowed from this local hour (inclusive) ... */
  startHour: number
  /** ... to this one (exclusive). */
  endHour: number
}

export const DEFAULT_DM_POLICY: DmPolicy = { perDay: 1, perWindow: 4, windowDays: 30, startHour: 9, endHour: 21 }

export const DM_SKIP_REASONS = ['erased', 'not-friend', 'opted-out', 'no-consent'] as const
export type DmSkipReason = typeof DM_SKIP_REASONS[number]
export type DmDeferReason = 'daily-cap' | 'window-cap' | 'outside-hours'

export type DmVerdict =
  | { kind: 'send' }
  | { kind: 'skip', reason: DmSkipReason }
  | { kind: 'defer', until: Date, reason: DmDeferReason }

export interface DmRecipient {
  isFriend: boolean
  consented: boolean
  optedOut: boolean
  erased: boolean
}

const DAY_MS = 86_400_000

export function decideMarketingDm (input: { recipient: DmRecipient, sentAt: readonly Date[], now: Date, timeZone: string }, policy: DmPolicy = DEFAULT_DM_POLICY): DmVerdict {
  const r = input.recipient
  if (r.erased) return { kind: 'skip', reason: 'erased' }
  if (!r.isFriend) return { kind: 'skip', reason: 'not-friend' }
  if (r.optedOut) return { kind: 'skip', reason: 'opted-out' }
  if (!r.consented) return { kind: 'skip', reason: 'no-consent' }
  const sent = input.sentAt.map((d) => d.getTime()).sort((a, b) => a - b)
  let reason: DmDeferReason | null = null
  let t = input.now.getTime()
  // Each rule can only move the moment later, so a few rounds settle it (a cap lifts, then the hour is checked).
  for (let round = 0; round < 10; round++) {
    const before = t
    const daily = capLiftsAt(sent, t, DAY_MS, policy.perDay)
    if (daily !== null) { t = daily; reason ??= 'daily-cap' }
    const window = capLiftsAt(sent, t, policy.windowDays * DAY_MS, policy.perWindow)
    if (window !== null) { t = window; reason ??= 'window-cap' }
    const minutes = localMinutesOfDay(new Date(t), input.timeZone)
    if (minutes < policy.startHour * 60 || minutes >= policy.endHour * 60) {
      t = nextLocalHour(new Date(t), input.timeZone, policy.startHour).getTime()
      reason ??= 'outside-hours'
    }
    if (t === before) break
  }
  return reason === null ? { kind: 'send' } : { kind: 'defer', until: new Date(t), reason }
}

/**
 * When a cap of `limit` sends per `spanMs` lifts at `t`: null if it is not reached, else the moment enough of the
 * sends inside (t - span, t] have aged out of the span.
 */
function capLiftsAt (sent: readonly number[], t: number, spanMs: number, limit: number): number | null {
  const inside = sent.filter((s) => s > t - spanMs)
  if (inside.length < limit) return null
  return inside[inside.length - limit]! + spanMs
}
