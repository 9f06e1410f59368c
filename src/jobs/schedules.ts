/**
 * Every recurring job of the product, in one place: the set-based passes (planning the day's posts, reminders,
 * reports) that run on a schedule instead of one delayed job per group or customer. Worker processes register
 * them at start (an upsert: any number of workers keep one scheduler each).
 */
import type { RecurringRequest, Timers } from './timers.ts'

export const RECURRING: readonly RecurringRequest[] = [
  // CRM (docs/CRM.md): the daily reminder planning just after midnight in China (it plans a day ahead, so every
  // zone's day is covered), and the hourly marketing DM pass (the gate keeps each person's hours and caps).
  { name: 'reminders-plan', data: {}, schedulerId: 'reminders-plan', pattern: '5 0 * * *', tz: 'Asia/Shanghai' },
  { name: 'crm-dm-pass', data: {}, schedulerId: 'crm-dm-pass', pattern: '0 * * * *' },
  // Hourly: a coupon entering its last 3 days is reminded within the hour (and at 09:00 when the gate waits for it).
  { name: 'coupon-expiry-reminders', data: {}, schedulerId: 'coupon-expiry-reminders', pattern: '0 * * * *' },
  // The daily cadence (SPEC 3.2): every hour, whatever the timezones, plan today and tomorrow for every group that
  // lacks them and queue the post jobs. Hourly, so a new group, a missed run or a lost job is caught within the hour.
  { name: 'content-plan', data: {}, schedulerId: 'content-plan', pattern: '0 * * * *' },
]

export async function registerSchedules (timers: Timers, schedules: readonly RecurringRequest[] = RECURRING): Promise<void> {
  for (const s of schedules) await timers.repeat(s)
  await timers.retainSchedules(schedules.map((s) => s.schedulerId))
}
