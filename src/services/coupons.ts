/**
 * Gift coupons, minimal: the referral trial pack. Codes are 15 characters of Crockford base32 (75 random bits) from
 * the unguessable source, plus a check character (XXXX-XXXX-XXXX-XXXX). The coupons capability builds batches,
 * redemption and expiry on this table.
 */
import { eq } from 'drizzle-orm'
import { coupons } from '../db/schema/index.ts'
import type { DbOrTx } from '../db/client.ts'
import { makeCheckedCode } from '../domain/codes.ts'
import type { AppContext } from './context.ts'

/** Random characters of a code; the check character comes on top. */
export const GIFT_CODE_BODY = 15

/** Issues one gift coupon per cause (coupons_cause_key); returns the code, or null if the cause had one already. */
export async function issueGiftCoupon (ctx: AppContext, db: DbOrTx, input: { contactId: number, batch: string, cause: string, validDays: number }): Promise<string | null> {
  const now = ctx.clock.now()
  for (let attempt = 0; attempt < 5; attempt++) {
    let i = 0
    const code = makeCheckedCode(() => ctx.unguessable(`${input.cause}#${attempt}#${i++}`), GIFT_CODE_BODY)
    const rows = await db.insert(coupons).values({
      code, kind: 'gift', batch: input.batch, contactId: input.contactId, cause: input.cause, issuedAt: now,
      expiresAt: new Date(now.getTime() + input.validDays * 86_400_000),
    }).onConflictDoNothing().returning({ code: coupons.code, cause: coupons.cause })
    if (rows[0]) return rows[0].code
    // Either the cause already has its coupon (done) or, in 2^-60 odds, the code was taken (try another).
    const [existing] = await db.select({ id: coupons.id }).from(coupons).where(eq(coupons.cause, input.cause))
    if (existing) return null
  }
  throw new Error('could not find a free coupon code')
}
