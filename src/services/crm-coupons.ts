/**
 * The ONE place the CRM issues a personal coupon: the optional coupon of a repurchase reminder and the birthday
 * gift (SPEC 3.5, 3.7). Each comes from a batch marketing can retune (`REMINDER_COUPON_BATCH`, `BIRTHDAY_COUPON_BATCH`;
 * built in: REPURCHASE 满99减20 for 14 days, BIRTHDAY 30元无门槛 for 30 days); an empty setting sends the DM without
 * a coupon.
 */
import type { DbOrTx } from '../db/client.ts'
import { contactTimeZone } from '../db/queries/marketing.ts'
import { shortDateTime } from '../domain/time.ts'
import type { CouponOffer } from '../messages/index.ts'
import { batchByCode } from './coupon-batches.ts'
import type { AppContext } from './context.ts'
import { issueCoupon } from './coupons.ts'

export type PersonalCouponPurpose = 'repurchase' | 'birthday'

/**
 * Issues the coupon of a marketing DM inside the DM's transaction (it rolls back with it), once per cause
 * (coupons_cause_key). Null when coupons of this purpose are turned off, or the batch refuses (ended, at its cap,
 * the person's limit reached): the DM then goes without one.
 */
export async function personalCouponFor (ctx: AppContext, tx: DbOrTx, input: { contactId: number, purpose: PersonalCouponPurpose, cause: string }): Promise<CouponOffer | null> {
  const code = input.purpose === 'repurchase' ? ctx.config.REMINDER_COUPON_BATCH : ctx.config.BIRTHDAY_COUPON_BATCH
  if (code === '') return null
  const batch = await batchByCode(tx, code)
  if (!batch) {
    ctx.logger.warn({ batch: code, purpose: input.purpose }, 'personal coupon batch not found: the DM goes without a coupon')
    return null
  }
  const outcome = await issueCoupon(ctx, tx, { batch, contactId: input.contactId, cause: `coupon-${input.cause}`, dm: false })
  if (outcome.kind === 'refused') {
    ctx.logger.warn({ batch: code, contactId: input.contactId, reason: outcome.reason }, 'personal coupon not issued: the DM goes without one')
    return null
  }
  const zone = (await contactTimeZone(tx, input.contactId)) ?? ctx.config.DEFAULT_TIMEZONE
  return { code: outcome.coupon.code, title: ctx.messages.couponTitle(batch), expires: shortDateTime(outcome.coupon.expiresAt, zone) }
}
