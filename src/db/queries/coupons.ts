import { and, asc, count, desc, eq, gt, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { couponAttempts, couponBatches, coupons, marketingDms, sharedRedemptions } from '../schema/index.ts'

export type Batch = typeof couponBatches.$inferSelect
export type Coupon = typeof coupons.$inferSelect
export type Attempt = typeof couponAttempts.$inferSelect

export async function batchByKey (db: DbOrTx, key: string): Promise<Batch | null> {
  const [row] = await db.select().from(couponBatches).where(eq(couponBatches.codeKey, key))
  return row ?? null
}

export async function batchById (db: DbOrTx, id: number): Promise<Batch | null> {
  const [row] = await db.select().from(couponBatches).where(eq(couponBatches.id, id))
  return row ?? null
}

/** Inserts a batch; null when its code is taken (coupon_batches_code_key). */
export async function insertBatch (db: DbOrTx, values: typeof couponBatches.$inferInsert): Promise<Batch | null> {
  const [row] = await db.insert(couponBatches).values(values).onConflictDoNothing().returning()
  return row ?? null
}

export interface BatchStats { batch: Batch, issued: number, redeemed: number }

/** The newest batches with what they did: coupons issued and redeemed (unique), or uses (shared). */
export async function recentBatches (db: DbOrTx, limit: number): Promise<BatchStats[]> {
  const batches = await db.select().from(couponBatches).orderBy(desc(couponBatches.id)).limit(limit)
  if (batches.length === 0) return []
  const counts = await db.select({ batchId: coupons.batchId, issued: count(), redeemed: sql<number>`count(*) filter (where ${eq(coupons.status, 'redeemed')})::int` })
    .from(coupons).where(inArray(coupons.batchId, batches.map((b) => b.id))).groupBy(coupons.batchId)
  const of = new Map(counts.map((c) => [c.batchId, c]))
  return batches.map((batch) => ({
    batch,
    issued: of.get(batch.id)?.issued ?? 0,
    redeemed: batch.kind === 'shared' ? batch.redeemedCount : of.get(batch.id)?.redeemed ?? 0,
  }))
}

/** Conditional update: one more coupon of a capped unique batch, only while the cap allows (the cap's guard). */
export async function takeIssueSlot (db: DbOrTx, batchId: number): Promise<boolean> {
  const rows = await db.update(couponBatches).set({ issuedCount: sql`${couponBatches.issuedCount} + 1` })
    .where(and(eq(couponBatches.id, batchId), sql`(${couponBatches.cap} is null or ${couponBatches.issuedCount} < ${couponBatches.cap})`))
    .returning({ id: couponBatches.id })
  return rows.length > 0
}

/** Conditional update: one more use of a shared code, only while its cap allows (the cap's guard). */
export async function takeSharedUse (db: DbOrTx, batchId: number): Promise<boolean> {
  const rows = await db.update(couponBatches).set({ redeemedCount: sql`${couponBatches.redeemedCount} + 1` })
    .where(and(eq(couponBatches.id, batchId), sql`(${couponBatches.cap} is null or ${couponBatches.redeemedCount} < ${couponBatches.cap})`))
    .returning({ id: couponBatches.id })
  return rows.length > 0
}

/** Inserts a coupon; null when its cause, its holder's slot or (rarely) its code is taken. */
export async function insertCoupon (db: DbOrTx, values: typeof coupons.$inferInsert): Promise<Coupon | null> {
  const [row] = await db.insert(coupons).values(values).onConflictDoNothing().returning()
  return row ?? null
}

export async function couponByCause (db: DbOrTx, cause: string): Promise<Coupon | null> {
  const [row] = await db.select().from(coupons).where(eq(coupons.cause, cause))
  return row ?? null
}

export async function couponByCode (db: DbOrTx, code: string): Promise<{ coupon: Coupon, batch: Batch } | null> {
  const [row] = await db.select({ coupon: coupons, batch: couponBatches }).from(coupons)
    .innerJoin(couponBatches, eq(couponBatches.id, coupons.batchId)).where(eq(coupons.code, code))
  return row ?? null
}

export async function couponById (db: DbOrTx, id: number): Promise<Coupon | null> {
  const [row] = await db.select().from(coupons).where(eq(coupons.id, id))
  return row ?? null
}

/** The reissue of a voided coupon, if it has one (coupons_reissue_key). */
export async function reissueOf (db: DbOrTx, couponId: number): Promise<Coupon | null> {
  const [row] = await db.select().from(coupons).where(eq(coupons.reissueOf, couponId))
  return row ?? null
}

/** Conditional update: issued -> redeemed, so of two tills verifying one code at once exactly one succeeds. */
export async function markRedeemed (db: DbOrTx, couponId: number, how: { at: Date, orderId: number | null, via: string, by: number | null }): Promise<boolean> {
  const rows = await db.update(coupons)
    .set({ status: 'redeemed', redeemedAt: how.at, redeemedOrderId: how.orderId, redeemedVia: how.via, redeemedBy: how.by })
    .where(and(eq(coupons.id, couponId), eq(coupons.status, 'issued'))).returning({ id: coupons.id })
  return rows.length > 0
}

/** Conditional update: issued -> void; a redeemed coupon cannot be voided. */
export async function markVoid (db: DbOrTx, couponId: number, how: { at: Date, by: number | null, reason: string }): Promise<boolean> {
  const rows = await db.update(coupons).set({ status: 'void', voidedAt: how.at, voidedBy: how.by, voidReason: how.reason })
    .where(and(eq(coupons.id, couponId), eq(coupons.status, 'issued'))).returning({ id: coupons.id })
  return rows.length > 0
}

/**
 * Gives back the coupons an order used (a refund or cancellation): its unique coupons go redeemed -> issued, its uses
 * of shared codes are deleted and their batches' counts lowered by as many. Conditional, so a second call finds
 * nothing. Returns how many of each.
 */
export async function releaseOrderCouponRows (db: DbOrTx, orderId: number): Promise<{ unique: number[], shared: number[] }> {
  const unique = await db.update(coupons).set({ status: 'issued', redeemedAt: null, redeemedOrderId: null, redeemedVia: null, redeemedBy: null })
    .where(and(eq(coupons.redeemedOrderId, orderId), eq(coupons.status, 'redeemed'))).returning({ id: coupons.id })
  const shared = await db.delete(sharedRedemptions).where(eq(sharedRedemptions.orderId, orderId)).returning({ batchId: sharedRedemptions.batchId })
  const perBatch = new Map<number, number>()
  for (const { batchId } of shared) perBatch.set(batchId, (perBatch.get(batchId) ?? 0) + 1)
  for (const [batchId, n] of perBatch) {
    await db.update(couponBatches).set({ redeemedCount: sql`${couponBatches.redeemedCount} - ${n}` }).where(eq(couponBatches.id, batchId))
  }
  return { unique: unique.map((r) => r.id), shared: shared.map((r) => r.batchId) }
}

/** A use of a shared code in slot `seq`; false when that slot of this customer is taken. */
export async function insertSharedUse (db: DbOrTx, values: typeof sharedRedemptions.$inferInsert): Promise<boolean> {
  const rows = await db.insert(sharedRedemptions).values(values).onConflictDoNothing().returning({ id: sharedRedemptions.id })
  return rows.length > 0
}

/** When the customer used the shared code, oldest first. */
export async function sharedUsesOf (db: DbOrTx, batchId: number, contactId: number): Promise<Date[]> {
  const rows = await db.select({ at: sharedRedemptions.redeemedAt }).from(sharedRedemptions)
    .where(and(eq(sharedRedemptions.batchId, batchId), eq(sharedRedemptions.contactId, contactId))).orderBy(asc(sharedRedemptions.redeemedAt))
  return rows.map((r) => r.at)
}

/** Whether each coupon already redeemed on the order stacks (unique coupons and shared codes alike). */
export async function stackingOnOrder (db: DbOrTx, orderId: number): Promise<boolean[]> {
  const unique = await db.select({ stacks: couponBatches.stacks }).from(coupons)
    .innerJoin(couponBatches, eq(couponBatches.id, coupons.batchId)).where(eq(coupons.redeemedOrderId, orderId))
  const shared = await db.select({ stacks: couponBatches.stacks }).from(sharedRedemptions)
    .innerJoin(couponBatches, eq(couponBatches.id, sharedRedemptions.batchId)).where(eq(sharedRedemptions.orderId, orderId))
  return [...unique, ...shared].map((r) => r.stacks)
}

/** Serializes the attempts of one subject (a transaction-scoped advisory lock), so parallel guesses count one by one. */
export async function lockSubject (db: DbOrTx, subject: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`coupon-attempts:${subject}`}, 0))`)
}

export async function countedFailuresSince (db: DbOrTx, subject: string, since: Date): Promise<Date[]> {
  const rows = await db.select({ at: couponAttempts.at }).from(couponAttempts)
    .where(and(eq(couponAttempts.subject, subject), eq(couponAttempts.counted, true), gt(couponAttempts.at, since)))
  return rows.map((r) => r.at)
}

export async function insertAttempt (db: DbOrTx, values: typeof couponAttempts.$inferInsert): Promise<Attempt> {
  const [row] = await db.insert(couponAttempts).values(values).returning()
  return row!
}

/**
 * A clerk's latest successful check since `since` that no redemption attempt by them followed: what "/核销 确认"
 * confirms. Null when there is none.
 */
export async function pendingCheckBy (db: DbOrTx, actorContactId: number, since: Date): Promise<Attempt | null> {
  const [last] = await db.select().from(couponAttempts)
    .where(and(eq(couponAttempts.actorContactId, actorContactId), gte(couponAttempts.at, since)))
    .orderBy(desc(couponAttempts.id)).limit(1)
  return last?.mode === 'check' && last.ok ? last : null
}

export async function attemptsOfOrder (db: DbOrTx, orderId: number): Promise<Attempt[]> {
  return db.select().from(couponAttempts).where(eq(couponAttempts.orderId, orderId)).orderBy(asc(couponAttempts.id))
}

export async function attemptsAfter (db: DbOrTx, afterId: number): Promise<Attempt[]> {
  return db.select().from(couponAttempts).where(gt(couponAttempts.id, afterId)).orderBy(asc(couponAttempts.id))
}

export interface HeldCoupon { coupon: Coupon, batch: Batch }

/** A person's coupons, newest first. */
export async function couponsOf (db: DbOrTx, contactId: number, limit: number): Promise<HeldCoupon[]> {
  return db.select({ coupon: coupons, batch: couponBatches }).from(coupons)
    .innerJoin(couponBatches, eq(couponBatches.id, coupons.batchId))
    .where(eq(coupons.contactId, contactId)).orderBy(desc(coupons.issuedAt), desc(coupons.id)).limit(limit)
}

/** Usable coupons whose code the bot is to DM to the holder (`dm`). */
export async function couponsToDm (db: DbOrTx, contactId: number, now: Date): Promise<HeldCoupon[]> {
  return db.select({ coupon: coupons, batch: couponBatches }).from(coupons)
    .innerJoin(couponBatches, eq(couponBatches.id, coupons.batchId))
    .where(and(eq(coupons.contactId, contactId), eq(coupons.dm, true), eq(coupons.status, 'issued'), gt(coupons.expiresAt, now)))
    .orderBy(asc(coupons.id))
}

/**
 * Usable coupons expiring within `leadMs` whose reminder was not decided yet (no marketing_dms row for the cause
 * `coupon-expiry-<id>`), and that were valid for longer than the lead. Served by coupons_expiry_idx (partial on
 * `status = 'issued'`) and marketing_dms_cause_key.
 */
function remindable (now: Date, leadMs: number): SQL {
  const horizon = new Date(now.getTime() + leadMs)
  return and(
    eq(coupons.status, 'issued'), gt(coupons.expiresAt, now), lte(coupons.expiresAt, horizon),
    sql`${coupons.expiresAt} - ${coupons.issuedAt} > ${`${leadMs} milliseconds`}::interval`,
    sql`not exists (select 1 from ${marketingDms} where ${marketingDms.cause} = 'coupon-expiry-' || ${coupons.id})`,
  )!
}

/** Whether any coupon is to be reminded now: one indexed probe, so an hourly pass with nothing due costs little. */
export async function anyCouponToRemind (db: DbOrTx, now: Date, leadMs: number): Promise<boolean> {
  const rows = await db.select({ id: coupons.id }).from(coupons).where(remindable(now, leadMs)).limit(1)
  return rows.length > 0
}

/** The coupons to remind (see `remindable`), oldest first, `limit` at a time after `afterId`. */
export async function couponsToRemind (db: DbOrTx, now: Date, leadMs: number, afterId: number, limit: number): Promise<HeldCoupon[]> {
  return db.select({ coupon: coupons, batch: couponBatches }).from(coupons)
    .innerJoin(couponBatches, eq(couponBatches.id, coupons.batchId))
    .where(and(remindable(now, leadMs), gt(coupons.id, afterId)))
    .orderBy(asc(coupons.id)).limit(limit)
}

/** Redemptions per streamer (unique coupons and shared codes), for reports. */
export async function redemptionsByStreamer (db: DbOrTx): Promise<Array<{ streamer: string, n: number }>> {
  const rows = await db.execute<{ streamer: string, n: number }>(sql`
    select b.streamer, count(*)::int as n from (
      select ${coupons.batchId} as batch_id from ${coupons} where ${coupons.status} = 'redeemed'
      union all select ${sharedRedemptions.batchId} from ${sharedRedemptions}
    ) r join ${couponBatches} b on b.id = r.batch_id where b.streamer is not null group by b.streamer order by b.streamer`)
  return [...rows]
}

