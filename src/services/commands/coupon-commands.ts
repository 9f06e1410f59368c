/** /核销 for store staff (check, then confirm; or both at once) and /我的券 for customers. */
import { getContact } from '../../db/queries/contacts.ts'
import { couponsOf, pendingCheckBy } from '../../db/queries/coupons.ts'
import type { Command } from '../../domain/commands/parser.ts'
import { shortDateTime } from '../../domain/time.ts'
import { audit } from '../audit.ts'
import type { AppContext } from '../context.ts'
import { verifyCode } from '../coupon-redemption.ts'
import { describeAttempt } from '../coupon-texts.ts'
import { zoneOf } from '../coupons.ts'
import { resolveTarget } from './target.ts'
import type { Caller, Reply } from './types.ts'

/** A clerk's check can be confirmed ("/核销 确认") for this long. */
export const CHECK_CONFIRM_MS = 5 * 60_000

const MY_COUPONS_READ = 50

export async function verify (ctx: AppContext, caller: Caller, command: Extract<Command, { name: 'verify' }>): Promise<Reply> {
  const m = ctx.messages
  let request: { typed: string, customerId: number | null, total: number | null, mode: 'check' | 'redeem' }
  if (command.action === 'confirm') {
    const check = await pendingCheckBy(ctx.db, caller.contactId, new Date(ctx.clock.now().getTime() - CHECK_CONFIRM_MS))
    if (!check) return m.couponNothingToConfirm()
    request = { typed: check.typed, customerId: check.contactId, total: null, mode: 'redeem' }
  } else {
    let customerId: number | null = null
    if (command.customer !== null) {
      const target = await resolveTarget(ctx, caller, command.customer)
      if (!target) return m.couponCustomerNotFound(command.customer)
      customerId = target.id
    }
    request = { typed: command.code, customerId, total: command.total, mode: command.action }
  }
  const result = await verifyCode(ctx, { ...request, actor: { via: 'chat', contactId: caller.contactId }, orderId: null })
  await audit(ctx, caller.contactId, 'coupon.verify', 'ok', {
    mode: request.mode, typed: request.typed, customerId: request.customerId, couponId: result.view?.couponId ?? null, batchId: result.view?.batch.id ?? null,
    ok: result.ok, ...(result.ok ? {} : { reason: result.reason }),
  })
  return describeAttempt(ctx, result, request.typed, { zone: await zoneOf(ctx, caller.contactId), names: true, total: request.total })
}

export async function myCoupons (ctx: AppContext, caller: Caller): Promise<Reply> {
  const now = ctx.clock.now()
  const zone = await zoneOf(ctx, caller.contactId)
  const held = await couponsOf(ctx.db, caller.contactId, MY_COUPONS_READ)
  const open = held.filter((h) => h.coupon.status === 'issued')
  return ctx.messages.myCoupons({
    usable: open.filter((h) => h.coupon.expiresAt > now).map((h) => ({
      title: ctx.messages.couponTitle(h.batch), code: h.coupon.code, expires: shortDateTime(h.coupon.expiresAt, zone),
      from: h.coupon.validFrom !== null && h.coupon.validFrom > now ? shortDateTime(h.coupon.validFrom, zone) : null,
    })),
    used: held.filter((h) => h.coupon.status === 'redeemed').length,
    expired: open.filter((h) => h.coupon.expiresAt <= now).length,
  })
}

/** The display name of a person, for staff texts. */
export async function nameOf (ctx: AppContext, contactId: number | null): Promise<string> {
  return contactId === null ? '' : (await getContact(ctx.db, contactId))?.displayName ?? ''
}
