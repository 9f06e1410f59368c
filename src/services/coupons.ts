/**
 * Unique coupons (SPEC 3.5): issued from a batch to one customer, voided and reissued by operators, and their codes
 * DMed to the holder. Codes are 15 characters of Crockford base32 (75 random bits) from the unguessable source plus
 * a check character (XXXX-XXXX-XXXX-XXXX).
 *
 * Exactly once: one coupon per cause (coupons_cause_key: a welcome, a reward grant, an operator's message); at most
 * `per_customer` coupons of a batch per holder (coupons_batch_holder_key, slot 1..n); a capped batch counts its
 * coupons with a conditional update; a voided coupon is reissued once (coupons_reissue_key). The code DM has its
 * own idempotency key (`coupon-<id>`), so it is queued once however often delivery is asked for.
 */
import { writeAudit } from '../db/queries/audit.ts'
import { batchByKey, couponByCause, couponByCode, couponsToDm, insertCoupon, markVoid, reissueOf, takeIssueSlot, type Batch, type Coupon } from '../db/queries/coupons.ts'
import { contactTimeZone } from '../db/queries/marketing.ts'
import type { DbOrTx } from '../db/client.ts'
import { makeCheckedCode } from '../domain/codes.ts'
import { couponWindow, readTypedCode, UNIQUE_CODE_BODY } from '../domain/coupons.ts'
import { shortDateTime } from '../domain/time.ts'
import type { AppContext } from './context.ts'
import { batchByCode, WELCOME_BATCH, type CreatedBy } from './coupon-batches.ts'
import { enqueueAction } from './outbox.ts'

export type IssueRefusal = 'shared' | 'ended' | 'limit' | 'cap-reached'

export type IssueOutcome =
  | { kind: 'issued', coupon: Coupon }
  /** This cause had its coupon already. */
  | { kind: 'duplicate', coupon: Coupon }
  | { kind: 'refused', reason: IssueRefusal }

export interface IssueInput {
  batch: Batch
  contactId: number
  cause: string
  /** DM the code to the holder (now, or once they are a friend): see `deliverCouponDms`. */
  dm: boolean
  /** Overrides the batch's days (the trial pack's TRIAL_PACK_VALID_DAYS). */
  validDays?: number
}

class CapReached extends Error {}

/** Issues one coupon of the batch to the customer, inside the caller's transaction (or on its own). */
export async function issueCoupon (ctx: AppContext, db: DbOrTx, input: IssueInput): Promise<IssueOutcome> {
  const now = ctx.clock.now()
  const before = await couponByCause(db, input.cause)
  if (before) return { kind: 'duplicate', coupon: before }
  const batch = input.batch
  if (batch.kind === 'shared') return { kind: 'refused', reason: 'shared' }
  if (batch.endsAt !== null && batch.endsAt <= now) return { kind: 'refused', reason: 'ended' }
  const window = couponWindow(batch, now, input.validDays)
  const values = {
    kind: batch.amount === null ? 'gift' as const : 'amount' as const, batchId: batch.id, value: batch.amount, contactId: input.contactId,
    cause: input.cause, dm: input.dm, issuedAt: now, validFrom: window.validFrom, expiresAt: window.expiresAt,
  }
  // Slot 1..per_customer: a taken slot (coupons_batch_holder_key) moves on to the next; none left is the limit.
  for (let seq = 1; seq <= batch.perCustomer; seq++) {
    let placed: Coupon | 'taken'
    try {
      placed = batch.cap === null
        ? await placeWithFreshCode(ctx, db, { ...values, seq }, slotKey(batch.id, input.contactId, seq))
        // A capped batch: the coupon and its count commit together, or neither (a savepoint).
        : await db.transaction(async (sp) => {
          const coupon = await placeWithFreshCode(ctx, sp, { ...values, seq }, slotKey(batch.id, input.contactId, seq))
          if (coupon !== 'taken' && !(await takeIssueSlot(sp, batch.id))) throw new CapReached()
          return coupon
        })
    } catch (err) {
      if (err instanceof CapReached) return { kind: 'refused', reason: 'cap-reached' }
      throw err
    }
    if (placed !== 'taken') return { kind: 'issued', coupon: placed }
    const raced = await couponByCause(db, input.cause)
    if (raced) return { kind: 'duplicate', coupon: raced }
  }
  return { kind: 'refused', reason: 'limit' }
}

type CouponValues = Omit<Parameters<typeof insertCoupon>[1], 'code'>

const slotKey = (batchId: number, contactId: number, seq: number): string => `coupon-${batchId}-${contactId}-${seq}`

/**
 * Inserts the coupon with a fresh code; 'taken' when its cause or slot is taken. A code collision (2^-75 per pair)
 * draws another code. `drawKey` names the draw for the sandbox, whose codes derive from its seed: the holder's slot
 * (or the coupon replaced), never the cause, which may carry a platform message id that differs run to run.
 */
async function placeWithFreshCode (ctx: AppContext, db: DbOrTx, values: CouponValues, drawKey: string): Promise<Coupon | 'taken'> {
  for (let attempt = 0; attempt < 5; attempt++) {
    let i = 0
    const code = makeCheckedCode(() => ctx.unguessable(`${drawKey}#${attempt}#${i++}`), UNIQUE_CODE_BODY)
    const coupon = await insertCoupon(db, { ...values, code })
    if (coupon) return coupon
    if ((await couponByCode(db, code)) === null) return 'taken'
  }
  throw new Error('could not find a free coupon code')
}

/** The referral trial pack (a gift): one per cause; returns the code, or null if the cause had one already. */
export async function issueGiftCoupon (ctx: AppContext, db: DbOrTx, input: { contactId: number, batch: string, cause: string, validDays: number }): Promise<string | null> {
  const batch = await batchByCode(db, input.batch)
  if (!batch) throw new Error(`no coupon batch ${input.batch}`)
  const outcome = await issueCoupon(ctx, db, { batch, contactId: input.contactId, cause: input.cause, dm: false, validDays: input.validDays })
  if (outcome.kind === 'refused') ctx.logger.warn({ contactId: input.contactId, batch: input.batch, reason: outcome.reason }, 'gift coupon not issued')
  return outcome.kind === 'issued' ? outcome.coupon.code : null
}


/**
 * The welcome coupon on friendship (SPEC 3.3, 3.5): once per customer ever (cause `welcome-<contact>` and the
 * batch's one slot per holder), however often the friendship event arrives or the person re-adds the bot. Not
 * marketing: the group welcome promised it.
 */
export async function issueWelcomeCoupon (ctx: AppContext, contactId: number): Promise<IssueOutcome> {
  const batch = await batchByCode(ctx.db, WELCOME_BATCH)
  if (!batch) throw new Error('the WELCOME coupon batch is missing (migration coupons)')
  return issueCoupon(ctx, ctx.db, { batch, contactId, cause: `welcome-${contactId}`, dm: true })
}

/**
 * DMs the codes of the person's usable coupons that are to be DMed and were not yet (outbox key `coupon-<id>`).
 * Called after an issue and when the person becomes a friend, so a coupon issued to a non-friend arrives later.
 */
export async function deliverCouponDms (ctx: AppContext, contactId: number): Promise<void> {
  const now = ctx.clock.now()
  const zone = await zoneOf(ctx, contactId)
  for (const { coupon, batch } of await couponsToDm(ctx.db, contactId, now)) {
    await enqueueAction(ctx, {
      kind: 'text', purpose: 'coupon', idemKey: `coupon-${coupon.id}`, contactId,
      text: ctx.messages.couponDm({ title: ctx.messages.couponTitle(batch), code: coupon.code, expires: shortDateTime(coupon.expiresAt, zone), minSpend: batch.minSpend, welcome: batch.code === WELCOME_BATCH, reissue: coupon.reissueOf !== null }),
    })
  }
}

export type BatchIssueOutcome = IssueOutcome | { kind: 'unknown-batch' }

/**
 * An operator's or an integration's issue of a batch to a person, by the batch's code: audited, and the code DMed
 * when `dm` (now if they are a friend, else once they become one).
 */
export async function issueFromBatch (ctx: AppContext, input: { batch: string, contactId: number, cause: string, dm: boolean, by: CreatedBy }): Promise<BatchIssueOutcome> {
  const batch = await batchByCode(ctx.db, input.batch)
  const outcome: BatchIssueOutcome = batch === null
    ? { kind: 'unknown-batch' }
    : await issueCoupon(ctx, ctx.db, { batch, contactId: input.contactId, cause: input.cause, dm: input.dm })
  await writeAudit(ctx.db, {
    actorContactId: input.by.contactId, via: input.by.via, action: 'coupon.issue', outcome: outcome.kind === 'issued' || outcome.kind === 'duplicate' ? 'ok' : 'denied',
    detail: { batch: input.batch, contactId: input.contactId, result: outcome.kind === 'refused' ? outcome.reason : outcome.kind, ...('coupon' in outcome ? { couponId: outcome.coupon.id } : {}) }, at: ctx.clock.now(),
  })
  if (outcome.kind === 'issued' && input.dm) await deliverCouponDms(ctx, input.contactId)
  return outcome
}

/** The zone a person reads times in: their group's, else the default. */
export async function zoneOf (ctx: AppContext, contactId: number | null): Promise<string> {
  return (contactId === null ? null : await contactTimeZone(ctx.db, contactId)) ?? ctx.config.DEFAULT_TIMEZONE
}

export type VoidOutcome =
  | { kind: 'ok', coupon: Coupon }
  | { kind: 'typo' }
  | { kind: 'not-found' }
  /** A shared batch's code: there is no single coupon. */
  | { kind: 'shared' }
  | { kind: 'redeemed', coupon: Coupon }
  | { kind: 'already-void', coupon: Coupon }

/** An operator voids an unused coupon with a reason (a conditional update: a redeemed one stays redeemed). Audited. */
export async function voidCoupon (ctx: AppContext, typed: string, reason: string, by: CreatedBy): Promise<VoidOutcome> {
  const outcome = await ctx.db.transaction(async (tx): Promise<VoidOutcome> => {
    const found = await findUnique(tx, typed)
    if (found === 'typo' || found === 'shared' || found === null) return { kind: found ?? 'not-found' }
    if (await markVoid(tx, found.id, { at: ctx.clock.now(), by: by.contactId, reason })) return { kind: 'ok', coupon: found }
    const now = (await couponByCode(tx, found.code))!.coupon
    return now.status === 'redeemed' ? { kind: 'redeemed', coupon: now } : { kind: 'already-void', coupon: now }
  })
  await writeAudit(ctx.db, { actorContactId: by.contactId, via: by.via, action: 'coupon.void', outcome: outcome.kind === 'ok' ? 'ok' : 'denied', detail: { typed, reason, result: outcome.kind }, at: ctx.clock.now() })
  return outcome
}

export type ReissueOutcome =
  | { kind: 'ok', coupon: Coupon, old: Coupon }
  | { kind: 'typo' }
  | { kind: 'not-found' }
  | { kind: 'shared' }
  | { kind: 'not-void', coupon: Coupon }
  | { kind: 'expired', coupon: Coupon }
  /** Reissued before: the replacement. */
  | { kind: 'already', coupon: Coupon, old: Coupon }

/**
 * Replaces a voided coupon with a new code: same batch, value, holder and expiry (a lost code gains no time), once
 * (coupons_reissue_key). The new code is DMed to the holder. Audited.
 */
export async function reissueCoupon (ctx: AppContext, typed: string, by: CreatedBy): Promise<ReissueOutcome> {
  const now = ctx.clock.now()
  const outcome = await ctx.db.transaction(async (tx): Promise<ReissueOutcome> => {
    const old = await findUnique(tx, typed)
    if (old === 'typo' || old === 'shared' || old === null) return { kind: old ?? 'not-found' }
    const existing = await reissueOf(tx, old.id)
    if (existing) return { kind: 'already', coupon: existing, old }
    if (old.status !== 'void') return { kind: 'not-void', coupon: old }
    if (old.expiresAt <= now) return { kind: 'expired', coupon: old }
    const placed = await placeWithFreshCode(ctx, tx, {
      kind: old.kind, batchId: old.batchId, value: old.value, contactId: old.contactId, seq: null, cause: `reissue-${old.id}`, dm: true,
      issuedAt: now, validFrom: old.validFrom, expiresAt: old.expiresAt, reissueOf: old.id,
    }, `reissue-${old.id}`)
    if (placed === 'taken') return { kind: 'already', coupon: (await reissueOf(tx, old.id))!, old }
    return { kind: 'ok', coupon: placed, old }
  })
  await writeAudit(ctx.db, { actorContactId: by.contactId, via: by.via, action: 'coupon.reissue', outcome: outcome.kind === 'ok' ? 'ok' : 'denied', detail: { typed, result: outcome.kind, ...(outcome.kind === 'ok' ? { couponId: outcome.coupon.id, replaces: outcome.old.id } : {}) }, at: now })
  if (outcome.kind === 'ok') await deliverCouponDms(ctx, outcome.coupon.contactId)
  return outcome
}

async function findUnique (db: DbOrTx, typed: string): Promise<Coupon | 'typo' | 'shared' | null> {
  const read = readTypedCode(typed)
  if (read.kind === 'typo') return 'typo'
  if (read.kind === 'shared') return (await batchByKey(db, read.key))?.kind === 'shared' ? 'shared' : null
  if (read.kind !== 'unique') return null
  return (await couponByCode(db, read.code))?.coupon ?? null
}
