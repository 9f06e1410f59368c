/**
 * Lifecycle DMs (SPEC 3.7, docs/CRM.md): post-purchase care the day after an order, the birthday greeting with a
 * gift coupon, and reactivation after 60 days without an order or a message (at most once per 90 days). Each pass
 * reads its candidates set-based (db/queries/lifecycle.ts) and asks the marketing DM gate once per candidate, in a
 * transaction of its own.
 *
 * Crash semantics: one candidate's decision (gate row, outbox row, coupon) commits at once; a crash before the commit
 * leaves it undecided and the next pass asks again; a lost outbox job is re-added by the outbox sweep. A deferral
 * records nothing: the next pass after it asks again, until the message would be stale, which is recorded as a skip.
 */
import type { DbOrTx } from '../db/client.ts'
import { birthdayCandidates, careCandidates, orderIsPaid, orderProductNames, silentCandidates } from '../db/queries/lifecycle.ts'
import { lockPerson } from '../db/queries/points.ts'
import { formatInZone } from '../domain/time.ts'
import { stillTimely } from '../domain/crm-timing.ts'
import type { AppContext } from './context.ts'
import { personalCouponFor } from './crm-coupons.ts'
import { recordDmSkip, stageMarketingDm, type MarketingDmRequest } from './marketing-dms.ts'
import { dispatch, type Staged } from './outbox.ts'

/** A reactivation may go out this many days after the person became due for it. */
const REACTIVATION_WINDOW_DAYS = 7

export type OfferOutcome = 'sent' | 'skipped' | 'deferred' | 'decided'

/**
 * Asks the gate for one lifecycle DM; `timely(at)` says whether it still makes sense at `at`. A DM that would only
 * go out when it no longer does is recorded as skipped, reason `stale`. `wanted(tx)`, asked with the person locked,
 * says whether its cause still stands (a care DM's order not refunded meanwhile); when not, nothing is decided.
 */
async function offer (ctx: AppContext, request: MarketingDmRequest, timely: (at: Date) => boolean, wanted?: (tx: DbOrTx) => Promise<boolean>): Promise<OfferOutcome> {
  let staged = null as Staged | null
  const outcome = await ctx.db.transaction(async (tx): Promise<OfferOutcome> => {
    if (wanted !== undefined) {
      // the gate locks the person too: a refund (which locks them first) and this DM never pass each other
      await lockPerson(tx, request.contactId)
      if (!(await wanted(tx))) return 'decided'
    }
    if (!timely(ctx.clock.now())) {
      await recordDmSkip(ctx, tx, request, 'stale')
      return 'skipped'
    }
    const decision = await stageMarketingDm(ctx, tx, request)
    switch (decision.kind) {
      case 'queued': staged = decision.staged; return 'sent'
      case 'skipped': return 'skipped'
      case 'decided-before': return 'decided'
      case 'deferred':
        if (timely(decision.until)) return 'deferred'
        await recordDmSkip(ctx, tx, request, 'stale')
        return 'skipped'
    }
  })
  if (staged) await dispatch(ctx, staged)
  return outcome
}

/** The day after a purchase (the customer's next local day): usage tips and a review invitation. */
export async function sendCare (ctx: AppContext): Promise<number> {
  const staleDays = ctx.config.CARE_STALE_DAYS
  let sent = 0
  for (const c of await careCandidates(ctx.db, ctx.clock.now(), staleDays, ctx.config.DEFAULT_TIMEZONE)) {
    const names = await orderProductNames(ctx.db, c.orderId)
    const outcome = await offer(ctx, { contactId: c.contactId, kind: 'care', cause: `care-${c.orderId}`, text: ctx.messages.careMessage(names) },
      (at) => stillTimely(c.dueAt, at, staleDays), (tx) => orderIsPaid(tx, c.orderId))
    if (outcome === 'sent') sent++
  }
  return sent
}

/** On the person's birthday (their local day, at an allowed hour): a greeting and a gift coupon. */
export async function sendBirthdays (ctx: AppContext): Promise<number> {
  let sent = 0
  for (const c of await birthdayCandidates(ctx.db, ctx.clock.now(), ctx.config.DEFAULT_TIMEZONE)) {
    const cause = `birthday-${c.contactId}-${c.localDay.slice(0, 4)}`
    const outcome = await offer(ctx, {
      contactId: c.contactId,
      kind: 'birthday',
      cause,
      text: async (tx) => ctx.messages.birthdayGreeting(c.name, await personalCouponFor(ctx, tx, { contactId: c.contactId, purpose: 'birthday', cause })),
    }, (at) => formatInZone(at, c.zone).slice(0, 10) === c.localDay)
    if (outcome === 'sent') sent++
  }
  return sent
}

/** No order and no message for REACTIVATION_SILENT_DAYS: one "long time no see", at most once per REACTIVATION_EVERY_DAYS. */
export async function sendReactivations (ctx: AppContext): Promise<number> {
  const silentDays = ctx.config.REACTIVATION_SILENT_DAYS
  let sent = 0
  for (const c of await silentCandidates(ctx.db, ctx.clock.now(), { silentDays, windowDays: REACTIVATION_WINDOW_DAYS, everyDays: ctx.config.REACTIVATION_EVERY_DAYS })) {
    const dueAt = new Date(c.silentSince.getTime() + silentDays * 86_400_000)
    const outcome = await offer(ctx, { contactId: c.contactId, kind: 'reactivation', cause: reactivationCause(c.contactId, c.silentSince), text: ctx.messages.reactivationMessage(c.name) },
      (at) => stillTimely(dueAt, at, REACTIVATION_WINDOW_DAYS))
    if (outcome === 'sent') sent++
  }
  return sent
}

/** One reactivation decision per silence: the cause names the moment the person fell silent (UTC, to the second). */
export function reactivationCause (contactId: number, silentSince: Date): string {
  return `reactivation-${contactId}-${silentSince.toISOString().slice(0, 19).replace(/[-:]/g, '')}`
}
