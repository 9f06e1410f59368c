/** Coupon outcomes in words, for the chat commands and the API's `message` (SPEC 3.5: every refusal says why). */
import { getContact } from '../db/queries/contacts.ts'
import type { Batch } from '../db/queries/coupons.ts'
import { shortDateTime } from '../domain/time.ts'
import type { BatchData } from '../messages/index.ts'
import type { AppContext } from './context.ts'
import type { AttemptResult } from './coupon-redemption.ts'

/**
 * What a clerk (or an integration) is told about an attempt. `names`: staff see whose coupon it is; customers and
 * the API do not. Times are in `zone`.
 */
export async function describeAttempt (ctx: AppContext, result: AttemptResult, typed: string, opts: { zone: string, names: boolean, total?: number | null }): Promise<string> {
  const m = ctx.messages
  const at = (d: Date | null | undefined): string | null => d ? shortDateTime(d, opts.zone) : null
  const view = result.view
  const person = view?.holderId ?? view?.customerId ?? (result.ok ? null : result.customerId)
  const name = opts.names && person !== null ? (await getContact(ctx.db, person))?.displayName ?? '' : null
  if (result.ok) {
    const title = m.couponTitle(result.view.batch)
    return result.mode === 'check'
      ? m.couponChecked({ code: result.view.code, title, holderName: name ?? '', shared: result.view.couponId === null, expires: at(result.view.expiresAt)!, minSpend: result.view.batch.minSpend, amount: result.view.batch.amount, gift: result.view.batch.gift })
      : m.couponRedeemed({ code: result.view.code, title, holderName: name ?? '', at: at(result.at)!, amount: result.view.batch.amount, gift: result.view.batch.gift })
  }
  return m.couponRefusal(result.reason, {
    code: view?.code ?? typed.trim().slice(0, 64),
    shared: view !== null && view.couponId === null,
    usedAt: at(view?.usedAt),
    expires: at(view?.expiresAt),
    validFrom: at(view?.validFrom),
    voidReason: view?.voidReason ?? null,
    minSpend: view?.batch.minSpend ?? 0,
    total: opts.total ?? null,
    cap: view?.batch.cap ?? null,
    perCustomer: view?.batch.perCustomer ?? 1,
    until: at(result.lockedUntil),
    holderName: name,
    // Staff locked by their own codes for nobody in particular (no customer known) may still name the customer.
    typistLocked: opts.names && result.reason === 'locked' && person === null,
  })
}

/** A batch as marketing reads it. */
export function batchData (ctx: AppContext, batch: Batch, zone: string): BatchData {
  return {
    code: batch.code, title: ctx.messages.couponTitle(batch), shared: batch.kind === 'shared', minSpend: batch.minSpend, validDays: batch.validDays,
    ends: batch.endsAt === null ? null : shortDateTime(batch.endsAt, zone), perCustomer: batch.perCustomer, cap: batch.cap, stacks: batch.stacks, streamer: batch.streamer,
  }
}
