/**
 * Every recurring job of the product, in one place: the set-based passes (planning the day's posts, reminders,
 * reports) that run on a schedule instead of one delayed job per group or customer. Worker processes register
 * them at start (an upsert: any number of workers keep one scheduler each).
 */
import type { RecurringRequest, Timers } from './timers.ts'

export const RECURRING: readonly RecurringRequest[] = [
  // Hourly: a coupon entering its last 3 days is reminded within the hour (and at 09:00 when the gate waits for it).
  { name: 'coupon-expiry-reminders', data: {}, schedulerId: 'coupon-expiry-reminders', pattern: '0 * * * *' },
]

export async function registerSchedules (timers: Timers, schedules: readonly RecurringRequest[] = RECURRING): Promise<void> {
  for (const s of schedules) await timers.repeat(s)
  await timers.retainSchedules(schedules.map((s) => s.schedulerId))
}
