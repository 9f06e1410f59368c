/**
 * The ONE place the CRM issues a personal coupon: the optional coupon of a repurchase reminder and the birthday
 * gift (SPEC 3.5, 3.7). It calls the gift-coupon issuer of today; when the coupons capability brings batches, only
 * this call moves to the batch API.
 */
import type { DbOrTx } from '../db/client.ts'
import type { CouponOffer } from '../messages/index.ts'
import type { AppContext } from './context.ts'
import { issueGiftCoupon } from './coupons.ts'

export type PersonalCouponPurpose = 'repurchase' | 'birthday'

/**
 * Issues the coupon of a marketing DM inside the DM's transaction (it rolls back with it), once per cause
 * (coupons_cause_key). Null when coupons of this purpose are turned off (validity 0 days).
 */
export async function personalCouponFor (ctx: AppContext, tx: DbOrTx, input: { contactId: number, purpose: PersonalCouponPurpose, cause: string }): Promise<CouponOffer | null> {
  const validDays = input.purpose === 'repurchase' ? ctx.config.REMINDER_COUPON_VALID_DAYS : ctx.config.BIRTHDAY_COUPON_VALID_DAYS
  if (validDays === 0) return null
  const code = await issueGiftCoupon(ctx, tx, { contactId: input.contactId, batch: input.purpose, cause: `coupon-${input.cause}`, validDays })
  return code === null ? null : { code, validDays }
}
