/**
 * Quiet hours (SPEC 3.2): 22:00-08:00 local, the bot posts nothing unprompted to groups. A notice that falls
 * inside them waits for 08:00 local.
 */
import { offsetMinutes } from './time.ts'

export const QUIET_START_HOUR = 22
export const QUIET_END_HOUR = 8

function localHour (at: Date, timeZone: string): { hour: number, minutesIntoDay: number } {
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000)
  const minutesIntoDay = local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60
  return { hour: local.getUTCHours(), minutesIntoDay }
}

export function isQuietHour (at: Date, timeZone: string): boolean {
  const { hour } = localHour(at, timeZone)
  return hour >= QUIET_START_HOUR || hour < QUIET_END_HOUR
}

/** `at` itself when allowed, else the next 08:00 local. */
export function nextUnpromptedPostTime (at: Date, timeZone: string): Date {
  if (!isQuietHour(at, timeZone)) return at
  const { minutesIntoDay } = localHour(at, timeZone)
  const minutesUntil8 = minutesIntoDay < QUIET_END_HOUR * 60
    ? QUIET_END_HOUR * 60 - minutesIntoDay
    : 24 * 60 - minutesIntoDay + QUIET_END_HOUR * 60
  // Whole seconds keep the result on the minute; a DST change inside the gap is corrected by one re-check.
  const candidate = new Date(Math.round((at.getTime() + minutesUntil8 * 60_000) / 1000) * 1000)
  return isQuietHour(candidate, timeZone) ? nextUnpromptedPostTime(new Date(candidate.getTime() + 3600_000), timeZone) : candidate
}
