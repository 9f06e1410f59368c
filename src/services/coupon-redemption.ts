/**
 * Verifying and redeeming codes (核销, SPEC 3.5), by the orders path, a clerk's /核销 and the verify API. Every
 * try is recorded (coupon_attempts) with its outcome; a refusal says why.
 *
 * Exactly once, under any concurrency:
 * - a unique code: the conditional update `status = 'issued' -> 'redeemed'`; of two tills at the same moment one
 *   wins and the other hears "used";
 * - a shared code: one row per customer use (shared_redemptions_batch_contact_key, slots 1..per_customer) and the
 *   batch's counter raised by a conditional update while under its cap, in one savepoint: a refusal leaves neither.
 *
 * Brute force: failures count against the customer the attempt is for (`contact:<id>`), or against whoever typed
 * it when nobody is known (`actor:chat:<clerk>`, `actor:api:<token>`). A subject's attempts are serialized (an
 * advisory lock) so parallel guesses are counted one by one. See docs/COUPONS.md for why.
 */
import type { Config } from '../config.ts'
import type { DbOrTx } from '../db/client.ts'
import { writeAudit } from '../db/queries/audit.ts'
import { attemptsOfOrder, batchByKey, releaseOrderCouponRows, countedFailuresSince, couponByCode, insertAttempt, insertSharedUse, lockSubject, markRedeemed, sharedUsesOf, stackingOnOrder, takeSharedUse, type Batch } from '../db/queries/coupons.ts'
import { COUNTED_REFUSALS, lockedUntil, readTypedCode, refusalFor, type LockoutPolicy, type RedeemFacts, type Refusal } from '../domain/coupons.ts'
import type { AppContext } from './context.ts'
import { describeAttempt } from './coupon-texts.ts'

export interface CodeAttempt {
  typed: string
  /** A clerk's check shows the coupon and redeems nothing; a redemption uses it. */
  mode: 'check' | 'redeem'
  /** Who typed or sent it: a chat contact (`via: 'chat'`) or an API token (`via: 'api:<name>'`, contactId null). */
  actor: { via: string, contactId: number | null }
  /** Who it is for; null: the holder of a unique code (a clerk who did not name the customer). */
  customerId: number | null
  /** The order's total (or what the clerk said); null: the minimum spend is not checked. */
  total: number | null
  orderId: number | null
}

/** The coupon an attempt was about, as far as it was found. */
export interface CouponView {
  /** The canonical unique code, or the shared code. */
  code: string
  batch: Batch
  couponId: number | null
  /** The holder of a unique coupon; null for a shared code. */
  holderId: number | null
  /** Who it was for. */
  customerId: number | null
  expiresAt: Date
  validFrom: Date | null
  /** A unique coupon's state; a shared code's is "redeemed" once this customer used up their uses. */
  status: RedeemFacts['status']
  /** When it was used (a shared code: this customer's last use). */
  usedAt: Date | null
  voidReason: string | null
}

export type AttemptResult =
  | { ok: true, mode: 'check' | 'redeem', view: CouponView, at: Date }
  /** `customerId`: who it was for, when known (also when nothing was looked up). */
  | { ok: false, reason: Refusal, view: CouponView | null, customerId: number | null, lockedUntil: Date | null, at: Date }

export function lockoutPolicy (config: Config): LockoutPolicy {
  return { failures: config.COUPON_LOCKOUT_FAILURES, windowMs: config.COUPON_LOCKOUT_WINDOW_MS, lockMs: config.COUPON_LOCKOUT_MS }
}

class Refused extends Error {
  constructor (readonly reason: Refusal) { super(reason) }
}

/** One try of a code, inside the caller's transaction; recorded, and a redemption made when allowed. */
export async function attemptCode (ctx: AppContext, tx: DbOrTx, a: CodeAttempt): Promise<AttemptResult> {
  const now = ctx.clock.now()
  const policy = lockoutPolicy(ctx.config)
  let subject: string | null = null
  /** Who the attempt is for, as soon as it is known. */
  let forWhom = a.customerId
  /** The time the subject's lockout ends, or null when it is not locked out. */
  const lockoutOf = async (s: string): Promise<Date | null> =>
    lockedUntil(await countedFailuresSince(tx, s, new Date(now.getTime() - policy.windowMs - policy.lockMs)), now, policy)
  /** Takes the subject's lock (its failures count one by one), then reads its lockout. */
  const enter = async (s: string): Promise<Date | null> => {
    subject = s
    await lockSubject(tx, s)
    return lockoutOf(s)
  }
  const record = async (result: AttemptResult): Promise<AttemptResult> => {
    await insertAttempt(tx, {
      subject: subject ?? actorSubject(a.actor), mode: a.mode, via: a.actor.via, actorContactId: a.actor.contactId, typed: a.typed.trim().slice(0, 64),
      couponId: result.view?.couponId ?? null, batchId: result.view?.batch.id ?? null, contactId: result.ok ? result.view.customerId : result.customerId, orderId: a.orderId,
      ok: result.ok, reason: result.ok ? null : result.reason, counted: !result.ok && COUNTED_REFUSALS.has(result.reason), at: now,
    })
    return result
  }
  const refuse = (reason: Refusal, view: CouponView | null, until: Date | null = null): Promise<AttemptResult> =>
    record({ ok: false, reason, view, customerId: view?.customerId ?? forWhom, lockedUntil: until, at: now })

  // Lock-outs are checked as soon as we know whose attempt it is: before any lookup when the customer is known.
  if (a.customerId !== null) {
    const until = await enter(`contact:${a.customerId}`)
    if (until) return refuse('locked', null, until)
  }
  const read = readTypedCode(a.typed)
  // A typo is caught by the check character: no lookup, and it does not count (it reveals nothing).
  if (read.kind === 'typo') return refuse('typo', null)
  if (a.customerId === null) {
    // Nobody named: the typist's own lockout decides before any lookup, so a locked till or token cannot go on
    // guessing (a hit would otherwise be redeemed, and a shared code's existence told). Naming the customer still
    // works. Read without the typist's lock, so one till's verifications of real codes do not queue behind each other.
    const until = await lockoutOf(actorSubject(a.actor))
    if (until) return refuse('locked', null, until)
  }
  const view = read.kind === 'unique' ? await uniqueView(tx, read.code, a.customerId) : read.kind === 'shared' ? await sharedView(tx, read.key, a.customerId) : null
  if (view === null) {
    // A miss counts against the customer named, else against the typist, whose parallel misses count one by one.
    if (subject === null) {
      const until = await enter(actorSubject(a.actor))
      if (until) return refuse('locked', null, until)
    }
    return refuse('unknown', null)
  }
  if (view.customerId === null) return refuse('need-customer', view)
  if (a.customerId === null) {
    // A clerk verifying a unique code without naming the customer: it is for the holder, whose failures these are.
    forWhom = view.customerId
    const until = await enter(`contact:${view.customerId}`)
    if (until) return refuse('locked', null, until)
  }
  const customerId = view.customerId
  const facts: RedeemFacts = { status: view.status, holderId: view.holderId, validFrom: view.validFrom, expiresAt: view.expiresAt, minSpend: view.batch.minSpend, stacks: view.batch.stacks }
  const reason = refusalFor(facts, { customerId, total: a.total, onOrder: a.orderId === null ? [] : await stackingOnOrder(tx, a.orderId), now })
    ?? (view.couponId === null && view.batch.cap !== null && view.batch.redeemedCount >= view.batch.cap ? 'cap-reached' : null)
  if (reason !== null) return refuse(reason, view)
  if (a.mode === 'check') return record({ ok: true, mode: 'check', view, at: now })

  try {
    if (view.couponId !== null) {
      if (!(await markRedeemed(tx, view.couponId, { at: now, orderId: a.orderId, via: a.actor.via, by: a.actor.contactId }))) {
        // Another till won the race (or an operator voided it) since we looked.
        const latest = (await couponByCode(tx, view.code))!.coupon
        return refuse(latest.status === 'void' ? 'void' : 'used', { ...view, usedAt: latest.redeemedAt, voidReason: latest.voidReason })
      }
    } else {
      await redeemShared(tx, view.batch, customerId, { at: now, orderId: a.orderId, via: a.actor.via, by: a.actor.contactId })
    }
  } catch (err) {
    if (err instanceof Refused) return refuse(err.reason, { ...view, usedAt: err.reason === 'used' ? (await sharedUsesOf(tx, view.batch.id, customerId)).at(-1) ?? null : null })
    throw err
  }
  return record({ ok: true, mode: 'redeem', view: { ...view, usedAt: now }, at: now })
}

/** The customer's next use of a shared code and the batch's count, in one savepoint: both or neither. */
async function redeemShared (tx: DbOrTx, batch: Batch, customerId: number, how: { at: Date, orderId: number | null, via: string, by: number | null }): Promise<void> {
  await tx.transaction(async (sp) => {
    let placed = false
    for (let seq = 1; seq <= batch.perCustomer && !placed; seq++) {
      placed = await insertSharedUse(sp, { batchId: batch.id, contactId: customerId, seq, orderId: how.orderId, via: how.via, redeemedBy: how.by, redeemedAt: how.at })
    }
    if (!placed) throw new Refused('used')
    if (!(await takeSharedUse(sp, batch.id))) throw new Refused('cap-reached')
  })
}

function actorSubject (actor: CodeAttempt['actor']): string {
  return actor.contactId !== null ? `actor:chat:${actor.contactId}` : `actor:${actor.via}`
}

async function uniqueView (db: DbOrTx, code: string, customerId: number | null): Promise<CouponView | null> {
  const found = await couponByCode(db, code)
  if (!found) return null
  const { coupon, batch } = found
  return {
    code: coupon.code, batch, couponId: coupon.id, holderId: coupon.contactId, customerId: customerId ?? coupon.contactId,
    expiresAt: coupon.expiresAt, validFrom: coupon.validFrom, status: coupon.status, usedAt: coupon.redeemedAt, voidReason: coupon.voidReason,
  }
}

async function sharedView (db: DbOrTx, key: string, customerId: number | null): Promise<CouponView | null> {
  const batch = await batchByKey(db, key)
  // A unique batch's code (WELCOME) is not a code anyone can redeem.
  if (!batch || batch.kind !== 'shared') return null
  const uses = customerId === null ? [] : await sharedUsesOf(db, batch.id, customerId)
  return {
    code: batch.code, batch, couponId: null, holderId: null, customerId, expiresAt: batch.endsAt!, validFrom: batch.startsAt,
    status: uses.length >= batch.perCustomer ? 'redeemed' : 'issued', usedAt: uses.at(-1) ?? null, voidReason: null,
  }
}

/** `attemptCode` in a transaction of its own: a clerk's /核销 and the verify API. */
export async function verifyCode (ctx: AppContext, a: CodeAttempt): Promise<AttemptResult> {
  return ctx.db.transaction((tx) => attemptCode(ctx, tx, a))
}

/** What became of one code an order carried; `message` says a refusal in words (no names). */
export interface OrderCouponResult { code: string, ok: boolean, reason?: Refusal, message?: string }

/**
 * The orders path (SPEC 3.5), called inside `recordOrder`'s transaction: each code the order carries is redeemed
 * for the order's customer and this order, in the order given; one coupon per order unless they stack, the
 * minimum spend checked against the goods' value (the items at the prices paid, before any coupon). A paid order is a fact: a refused code does not refuse the
 * order, it is recorded and answered.
 */
export async function redeemForOrder (ctx: AppContext, tx: DbOrTx, order: { orderId: number, contactId: number | null, codes: readonly string[], goods: number, via: string }): Promise<OrderCouponResult[]> {
  const results: OrderCouponResult[] = []
  const onThisOrder = new Set<string>()
  /** A refusal decided before any lookup: recorded against the order, not counted. */
  const refuseUnread = async (typed: string, reason: 'no-customer' | 'twice-on-order', subject: string): Promise<void> => {
    await insertAttempt(tx, { subject, mode: 'redeem', via: order.via, actorContactId: null, contactId: order.contactId, typed: typed.trim().slice(0, 64), orderId: order.orderId, ok: false, reason, at: ctx.clock.now() })
    results.push({ code: typed, ok: false, reason, message: ctx.messages.couponRefusal(reason, { code: typed }) })
  }
  for (const typed of order.codes) {
    // Nobody to redeem it for: the code is not looked up (it may be someone else's).
    if (order.contactId === null) {
      await refuseUnread(typed, 'no-customer', `actor:${order.via}`)
      continue
    }
    // One code once per order, even a shared code that stacks and may be used twice by a customer.
    const read = readTypedCode(typed)
    const key = read.kind === 'unique' ? read.code : read.kind === 'shared' ? read.key : null
    if (key !== null && onThisOrder.has(key)) {
      await refuseUnread(typed, 'twice-on-order', `contact:${order.contactId}`)
      continue
    }
    if (key !== null) onThisOrder.add(key)
    const r = await attemptCode(ctx, tx, { typed, mode: 'redeem', actor: { via: order.via, contactId: null }, customerId: order.contactId, total: order.goods, orderId: order.orderId })
    results.push(r.ok
      ? { code: r.view.code, ok: true }
      : { code: r.view?.code ?? typed, ok: false, reason: r.reason, message: await describeAttempt(ctx, r, typed, { zone: ctx.config.DEFAULT_TIMEZONE, names: false, total: order.goods }) })
  }
  return results
}

/** What the order's codes came to when it was recorded: the answer to a retried webhook. */
export async function couponResultsOfOrder (db: DbOrTx, orderId: number): Promise<OrderCouponResult[]> {
  return (await attemptsOfOrder(db, orderId)).map((a) => a.ok ? { code: a.typed, ok: true } : { code: a.typed, ok: false, reason: a.reason as Refusal })
}

/**
 * A refunded or cancelled order gives its coupons back (docs/COUPONS.md), inside the caller's transaction (the
 * person locked first, as for the order): each unique coupon used on it is usable again until its own expiry (no
 * time is gained), each use of a shared code is released with its place under the cap. Once: a second call finds
 * nothing. Audited. A partial refund keeps the coupons used: the caller does not call this.
 */
export async function releaseOrderCoupons (ctx: AppContext, tx: DbOrTx, orderId: number, by: { via: string, contactId: number | null }): Promise<{ unique: number, shared: number }> {
  const released = await releaseOrderCouponRows(tx, orderId)
  const counts = { unique: released.unique.length, shared: released.shared.length }
  if (counts.unique + counts.shared > 0) {
    await writeAudit(tx, { actorContactId: by.contactId, via: by.via, action: 'coupon.release', outcome: 'ok', detail: { orderId, couponIds: released.unique, sharedBatchIds: released.shared }, at: ctx.clock.now() })
  }
  return counts
}
