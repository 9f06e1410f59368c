/**
 * When a marketing DM of the CRM still makes sense (SPEC 3.7). Pure: times are arguments. The gate may put a DM off
 * (a cap, the hour); a sender waits for that moment only while the message still matters, and otherwise records
 * a skip with the reason `stale` (never a silent retry).
 */
import { daysBetween as calendarDaysBetween, localDay } from './content-calendar.ts'

const DAY_MS = 86_400_000

/** Whether a DM due at `dueAt` may still go out at `at`, given it goes stale `staleDays` after it was due. */
export function stillTimely (dueAt: Date, at: Date, staleDays: number): boolean {
  return at.getTime() <= dueAt.getTime() + staleDays * DAY_MS
}

/**
 * Calendar days from `from` to `to` in the person's zone (a reminder says "you bought it 27 days ago": bought at 23:00
 * on the 4th, it is 27 days on the 1st at 09:00, though fewer than 27 × 24 hours have passed).
 */
export function daysBetween (from: Date, to: Date, timeZone: string): number {
  return Math.max(0, calendarDaysBetween(localDay(from, timeZone), localDay(to, timeZone)))
}
