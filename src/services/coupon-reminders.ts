/**
 * The expiry reminder (SPEC 3.5: a reminder DM 3 days before expiry, once): a recurring set-based pass over the
 * coupons that expire within COUPON_EXPIRY_REMINDER_MS and whose reminder was not decided yet. Each one asks the
 * marketing DM gate (kind `coupon-expiry`, cause `coupon-expiry-<coupon id>`): queued, skipped with the gate's
 * reason, or deferred (a cap or the hour). A deferral decides nothing, so the next pass asks again; a coupon that
 * would expire before the deferral ends is recorded as skipped (`expires-first`).
 *
 * Crash in the middle: each coupon's decision commits on its own with the gate's record and the DM's outbox row;
 * the coupons not reached yet are found by the next pass. Run twice: a decided cause is not selected again, and the
 * gate answers `decided-before` to a racing pass (marketing_dms_cause_key).
 */
import { anyCouponToRemind, couponsToRemind } from '../db/queries/coupons.ts'
import { lockPerson } from '../db/queries/points.ts'
import { coupons } from '../db/schema/index.ts'
import { eq } from 'drizzle-orm'
import { shortDateTime } from '../domain/time.ts'
import type { AppContext } from './context.ts'
import { zoneOf } from './coupons.ts'
import { recordDmSkip, stageMarketingDm } from './marketing-dms.ts'
import { dispatch } from './outbox.ts'

export const COUPON_EXPIRY_KIND = 'coupon-expiry'
const PAGE = 200

export interface ReminderPass { queued: number, skipped: number, deferred: number }

export async function remindExpiringCoupons (ctx: AppContext): Promise<ReminderPass> {
  const now = ctx.clock.now()
  const pass: ReminderPass = { queued: 0, skipped: 0, deferred: 0 }
  // Most hours nothing is due: one indexed probe answers that before any page is read.
  if (!(await anyCouponToRemind(ctx.db, now, ctx.config.COUPON_EXPIRY_REMINDER_MS))) return pass
  let after = 0
  for (let page = await couponsToRemind(ctx.db, now, ctx.config.COUPON_EXPIRY_REMINDER_MS, after, PAGE); page.length > 0; page = await couponsToRemind(ctx.db, now, ctx.config.COUPON_EXPIRY_REMINDER_MS, after, PAGE)) {
    for (const { coupon, batch } of page) {
      after = coupon.id
      const request = {
        contactId: coupon.contactId, kind: COUPON_EXPIRY_KIND, cause: `coupon-expiry-${coupon.id}`,
        text: ctx.messages.couponExpiryDm({ title: ctx.messages.couponTitle(batch), code: coupon.code, expires: shortDateTime(coupon.expiresAt, await zoneOf(ctx, coupon.contactId)) }),
      }
      const outcome = await ctx.db.transaction(async (tx) => {
        // Lock order as everywhere: the person first (the gate locks them; an order holds them while it redeems),
        // then the coupon, so a redemption at this moment either comes first (no reminder) or waits for the decision.
        await lockPerson(tx, coupon.contactId)
        const [row] = await tx.select({ status: coupons.status }).from(coupons).where(eq(coupons.id, coupon.id)).for('update')
        if (row?.status !== 'issued') return null
        const decided = await stageMarketingDm(ctx, tx, request)
        if (decided.kind === 'deferred' && decided.until >= coupon.expiresAt) {
          await recordDmSkip(ctx, tx, request, 'expires-first')
          return { kind: 'skipped' as const }
        }
        return decided
      })
      if (outcome?.kind === 'queued') {
        pass.queued++
        if (outcome.staged) await dispatch(ctx, outcome.staged)
      } else if (outcome?.kind === 'skipped') pass.skipped++
      else if (outcome?.kind === 'deferred') pass.deferred++
    }
  }
  if (pass.queued + pass.skipped > 0) ctx.logger.info(pass, 'coupon expiry reminders')
  return pass
}
