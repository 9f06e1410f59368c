/** The sandbox summary's `coupons` section and the coupon redemption rate (docs/COUPONS.md, docs/KPIS.md). */
import { and, count, eq, lte, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { redemptionsByStreamer } from '../db/queries/coupons.ts'
import { couponAttempts, coupons, sharedRedemptions } from '../db/schema/index.ts'

export interface CouponSummary {
  /** Unique coupons issued (welcome, trial packs, operators' and the API's issues, reissues). */
  issued: number
  /** Redemptions: unique coupons redeemed plus uses of shared codes. */
  redeemed: number
  /** Code attempts refused, with any reason (a typo, used, not yours, below the minimum spend, ...). */
  refused: number
  /** Unique coupons never redeemed or voided whose expiry had passed at the end. */
  expired: number
  /** Redemptions of batches attributed to a streamer, by streamer. */
  redeemed_by_streamer: Record<string, number>
}

export async function couponSummary (db: Db, end: Date): Promise<{ section: CouponSummary, issuedRedeemed: number }> {
  const [unique] = await db.select({
    issued: count(),
    redeemed: sql<number>`count(*) filter (where ${coupons.status} = 'redeemed')::int`,
    expired: sql<number>`count(*) filter (where ${and(eq(coupons.status, 'issued'), lte(coupons.expiresAt, end))})::int`,
  }).from(coupons)
  const [shared] = await db.select({ n: count() }).from(sharedRedemptions)
  const [refused] = await db.select({ n: count() }).from(couponAttempts).where(sql`not ${couponAttempts.ok}`)
  return {
    section: {
      issued: unique?.issued ?? 0,
      redeemed: (unique?.redeemed ?? 0) + (shared?.n ?? 0),
      refused: refused?.n ?? 0,
      expired: unique?.expired ?? 0,
      redeemed_by_streamer: Object.fromEntries((await redemptionsByStreamer(db)).map((r) => [r.streamer, r.n])),
    },
    issuedRedeemed: unique?.redeemed ?? 0,
  }
}
