/**
 * The daily cadence (SPEC 3.2) as pure rules: which slot times are allowed, each group's spread offset, local days,
 * and what a post job does when it runs. The set-based planning SQL (db/queries/post-planning.ts) applies the same
 * rules, with the constants below passed in as parameters.
 */
import { isQuietHour, nextUnpromptedPostTime, QUIET_END_HOUR, QUIET_START_HOUR } from './quiet-hours.ts'
import { formatInZone, offsetMinutes } from './time.ts'

export type PostKind = 'content' | 'promo'
export const POST_KIND_LIST: readonly PostKind[] = ['content', 'promo']

/** An item is never posted twice in the same group within this many days (before or after). */
export const NO_REPEAT_DAYS = 30
/** /计划 shows today and this many days after it. */
export const PLAN_DAYS_AHEAD = 7
/** The planner keeps today and tomorrow planned; later days are a forecast until they come within reach. */
export const PLANNED_DAYS = [0, 1] as const
/** The multiplier of the spread offset (a prime, so neighbouring group ids land far apart). */
export const SPREAD_FACTOR = 7919

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))
const clockOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/**
 * The slots an operator may choose: from the end of quiet hours (08:00) to the latest time whose post, plus the
 * widest spread offset, is still out before quiet hours begin (22:00): 21:50 with the default 10-minute spread.
 */
export function slotRange (spreadMs: number): { earliest: string, latest: string } {
  return { earliest: clockOf(QUIET_END_HOUR * 60), latest: clockOf(QUIET_START_HOUR * 60 - Math.ceil(spreadMs / 60_000)) }
}

/** Is this "HH:MM" slot allowed (outside quiet hours, including the spread)? */
export function slotAllowed (slot: string, spreadMs: number): boolean {
  const range = slotRange(spreadMs)
  const m = minutesOf(slot)
  return m >= minutesOf(range.earliest) && m <= minutesOf(range.latest)
}

/** The whole seconds a group's posts go out after their slot: fixed per group, so one account never bursts. */
export function spreadOffsetSeconds (groupId: number, spreadMs: number): number {
  const span = Math.floor(spreadMs / 1000)
  return span <= 1 ? 0 : (groupId * SPREAD_FACTOR) % span
}

/** The local calendar day of `at` in `timeZone`, "YYYY-MM-DD". */
export function localDay (at: Date, timeZone: string): string {
  return formatInZone(at, timeZone).slice(0, 10)
}

/** "YYYY-MM-DD" plus `n` days. */
export function addDays (day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** Whole days from `a` to `b` ("YYYY-MM-DD"). */
export function daysBetween (a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/** The instant of wall time `clock` on `day` in `timeZone` (the offset re-checked once across a DST change). */
export function localInstant (day: string, clock: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${clock}:00Z`)
  const guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000
  return new Date(wall - offsetMinutes(new Date(guess), timeZone) * 60_000)
}

/**
 * A typed day (an offset from today, or a month and day) as "YYYY-MM-DD" in `timeZone`; null when it is no date.
 * A month and day without a year more than half a year back means next year ("01-03" typed in December).
 */
export function resolveDay (now: Date, timeZone: string, ref: { offset: number } | { month: number, day: number, year?: number }): string | null {
  const today = localDay(now, timeZone)
  if ('offset' in ref) return addDays(today, ref.offset)
  const year = ref.year ?? Number(today.slice(0, 4))
  const text = `${year}-${String(ref.month).padStart(2, '0')}-${String(ref.day).padStart(2, '0')}`
  if (!new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)) return null
  return ref.year === undefined && daysBetween(text, today) > 180 ? `${year + 1}${text.slice(4)}` : text
}

/** Monday = 1 … Sunday = 7, for "周二" in a plan. */
export function weekday (day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

export type SkipReason = 'operator' | 'no-item' | 'joined-late' | 'missed' | 'group-inactive' | 'withdrawn'

export type PostDecision =
  | { kind: 'post' }
  | { kind: 'skip', reason: SkipReason }
  /** Too early in the local day (a timezone change moved the slot into the night): try again at this time. */
  | { kind: 'later', at: Date }

export interface PostCheck {
  /** The planned local day. */
  day: string
  now: Date
  timeZone: string
  groupActive: boolean
  /** What the slot holds: a library item, a campaign, or nothing eligible. */
  source: 'item' | 'campaign' | 'none'
  /** The item is still in the library / the campaign is still on. */
  sourceUsable: boolean
}

/**
 * What a post job does when it runs. A job runs at its due time, but a worker outage can make it late: a post is
 * never moved to another day (that day has its own) and never sent in quiet hours, so a late job on the next day
 * or after 22:00 is a skip; one that finds the local day not begun (before 08:00) waits for 08:00.
 */
export function decidePost (c: PostCheck): PostDecision {
  if (!c.groupActive) return { kind: 'skip', reason: 'group-inactive' }
  const today = localDay(c.now, c.timeZone)
  if (today > c.day) return { kind: 'skip', reason: 'missed' }
  if (today < c.day) return { kind: 'later', at: localInstant(c.day, clockOf(QUIET_END_HOUR * 60), c.timeZone) }
  if (isQuietHour(c.now, c.timeZone)) {
    const next = nextUnpromptedPostTime(c.now, c.timeZone)
    return localDay(next, c.timeZone) === c.day ? { kind: 'later', at: next } : { kind: 'skip', reason: 'missed' }
  }
  if (c.source === 'none') return { kind: 'skip', reason: 'no-item' }
  if (!c.sourceUsable) return { kind: 'skip', reason: 'withdrawn' }
  return { kind: 'post' }
}
