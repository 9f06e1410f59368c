/**
 * Repurchase reminders (SPEC 3.7, docs/CRM.md). Two recurring passes, never a job per customer:
 * - planning (daily, `reminders-plan`): one set-based statement plans a reminder for every customer whose latest
 *   purchase of a product with a cycle falls due (cycle minus lead days after it, on their local calendar);
 * - sending (hourly, part of `crm-dm-pass`): every planned reminder whose time has come asks the marketing DM gate,
 *   one transaction per reminder; the answer moves it to sent or skipped, or moves its `send_after` on.
 *
 * Crash semantics: a reminder's decision (gate row, outbox row, coupon, reminder status) commits in one transaction;
 * a crash before the commit leaves it planned and the next pass asks again; after the commit, only the outbox job add
 * can be lost, and the outbox sweep re-adds it. Run twice, a pass plans nothing twice (reminders_purchase_key) and
 * sends nothing twice (the reminder leaves `planned` by a conditional update; marketing_dms_cause_key).
 */
import { eq } from 'drizzle-orm'
import { boughtAgain, deferReminder, getReminder, markReminderCancelled, markReminderSent, markReminderSkipped, planDueReminders, sendableReminders, type PlanWindow } from '../db/queries/reminders.ts'
import type { Config } from '../config.ts'
import { contactTimeZone, dmDecisionFor } from '../db/queries/marketing.ts'
import { lockPerson } from '../db/queries/points.ts'
import { products } from '../db/schema/index.ts'
import { daysBetween, stillTimely } from '../domain/crm-timing.ts'
import type { AppContext } from './context.ts'
import { personalCouponFor } from './crm-coupons.ts'
import { recordDmSkip, stageMarketingDm } from './marketing-dms.ts'
import { dispatch, type Staged } from './outbox.ts'

/** Reminders due up to this many days ahead are planned today, so every time zone's next day is covered. */
const PLAN_AHEAD_DAYS = 1
/** Reminders due up to this many days ago are still planned: a pass or two missed, orders linked or imported late. */
const PLAN_CATCH_UP_DAYS = 2
const SEND_BATCH = 500

export type ReminderOutcome = 'sent' | 'skipped' | 'deferred' | 'cancelled' | 'gone'

/** The window of the planning pass at `now`. */
export function planWindow (config: Config, now: Date): PlanWindow {
  return { now, leadDays: config.REMINDER_LEAD_DAYS, catchUpDays: PLAN_CATCH_UP_DAYS, aheadDays: PLAN_AHEAD_DAYS, defaultZone: config.DEFAULT_TIMEZONE }
}

/** The daily planning pass; returns how many reminders it planned. */
export async function planReminders (ctx: AppContext): Promise<number> {
  const planned = await planDueReminders(ctx.db, planWindow(ctx.config, ctx.clock.now()))
  ctx.logger.info({ planned }, 'repurchase reminders planned')
  return planned
}

/** Asks the gate for every planned reminder whose time has come; returns the outcomes by kind. */
export async function sendDueReminders (ctx: AppContext): Promise<Record<ReminderOutcome, number>> {
  const counts: Record<ReminderOutcome, number> = { sent: 0, skipped: 0, deferred: 0, cancelled: 0, gone: 0 }
  const now = ctx.clock.now()
  for (let after = 0; ;) {
    const ids = await sendableReminders(ctx.db, now, after, SEND_BATCH)
    for (const id of ids) counts[await sendReminder(ctx, id)]++
    if (ids.length < SEND_BATCH) break
    after = ids[ids.length - 1]!
  }
  return counts
}

/**
 * One reminder: the customer is locked (so a purchase in flight either lands before, and cancels it, or after, and
 * converts it), then bought-again, staleness and the gate decide, all in one transaction.
 */
export async function sendReminder (ctx: AppContext, reminderId: number): Promise<ReminderOutcome> {
  let staged: Staged | null = null
  const outcome = await ctx.db.transaction(async (tx): Promise<ReminderOutcome> => {
    const first = await getReminder(tx, reminderId)
    if (!first || first.status !== 'planned') return 'gone'
    await lockPerson(tx, first.contactId)
    const r = await getReminder(tx, reminderId)
    if (!r || r.status !== 'planned') return 'gone'
    const now = ctx.clock.now()
    // A purchase the planner could not see yet (it committed during the pass) makes this reminder pointless.
    if (await boughtAgain(tx, r)) return (await markReminderCancelled(tx, r.id, now)) ? 'cancelled' : 'gone'
    const request = { contactId: r.contactId, kind: 'repurchase', cause: `reminder-${r.id}` }
    const stale = async (): Promise<ReminderOutcome> => {
      await recordDmSkip(ctx, tx, request, 'stale')
      await markReminderSkipped(tx, r.id, 'stale', now)
      return 'skipped'
    }
    if (!stillTimely(r.dueAt, now, ctx.config.REMINDER_STALE_DAYS)) return stale()
    const [product] = await tx.select({ name: products.name }).from(products).where(eq(products.id, r.productId))
    const decision = await stageMarketingDm(ctx, tx, {
      ...request,
      text: async (inner) => ctx.messages.repurchaseReminder({
        productName: product?.name ?? '',
        daysSince: daysBetween(r.purchasedAt, now, (await contactTimeZone(inner, r.contactId)) ?? ctx.config.DEFAULT_TIMEZONE),
        coupon: await personalCouponFor(ctx, inner, { contactId: r.contactId, purpose: 'repurchase', cause: request.cause }),
      }),
    })
    switch (decision.kind) {
      case 'queued':
        staged = decision.staged
        await markReminderSent(tx, r.id, now)
        return 'sent'
      case 'skipped':
        await markReminderSkipped(tx, r.id, decision.reason, now)
        return 'skipped'
      case 'deferred':
        // Two reminders due the same day: the gate lets one through and puts the other off 24 h; the next pass
        // after `until` asks again. Past the stale limit there is no point in waiting.
        if (!stillTimely(r.dueAt, decision.until, ctx.config.REMINDER_STALE_DAYS)) return stale()
        await deferReminder(tx, r.id, decision.until)
        return 'deferred'
      case 'decided-before': {
        // Only if the reminder row and the gate disagree (a hand edit): align the reminder with the gate's record.
        const previous = await dmDecisionFor(tx, request.cause)
        if (decision.status === 'sent') await markReminderSent(tx, r.id, previous?.decidedAt ?? now)
        else await markReminderSkipped(tx, r.id, previous?.reason ?? 'decided-before', now)
        return decision.status === 'sent' ? 'sent' : 'skipped'
      }
    }
  })
  if (staged) await dispatch(ctx, staged)
  return outcome
}
