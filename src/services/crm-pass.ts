/**
 * The hourly marketing DM pass of the CRM (`crm-dm-pass`): birthdays first (they have one day), then repurchase
 * reminders, post-purchase care and reactivation. The gate serializes a person's DMs, so what comes first on a busy
 * day wins the day's slot and the rest waits for the next allowed moment. Works from the state of the store: an
 * occurrence missed or run twice changes nothing (see the crash notes of reminders.ts and lifecycle.ts).
 */
import type { AppContext } from './context.ts'
import { sendBirthdays, sendCare, sendReactivations } from './lifecycle.ts'
import { sendDueReminders } from './reminders.ts'

export async function runCrmDmPass (ctx: AppContext): Promise<void> {
  const birthdays = await sendBirthdays(ctx)
  const reminders = await sendDueReminders(ctx)
  const care = await sendCare(ctx)
  const reactivations = await sendReactivations(ctx)
  // Hourly: a line only when the pass did something, so a quiet day does not fill the log.
  const busy = birthdays + care + reactivations + Object.values(reminders).reduce((a, b) => a + b, 0) > 0
  ctx.logger[busy ? 'info' : 'debug']({ birthdays, reminders, care, reactivations }, 'crm dm pass done')
}
