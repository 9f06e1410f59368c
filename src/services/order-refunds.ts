/**
 * Refunds and cancellations (docs/ORDERS.md): the shop tells us an order was refunded or cancelled. In full, once:
 * the order leaves `paid` by a conditional update, and in the same transaction its coupons are given back
 * (releaseOrderCoupons), the points it earned are taken back as far as the balance holds, and its planned
 * repurchase reminders are cancelled; from then on it counts for no purchase effect, care DM or KPI. A partial refund
 * only records the refund: the customer kept goods, so the coupons stay used and the points stay.
 */
import { z } from 'zod'
import { writeAudit } from '../db/queries/audit.ts'
import { cancelOrderReminders, closeOrder, markPartlyRefunded, orderByKey, takeBackOrderPoints, type PointsTakenBack } from '../db/queries/order-refunds.ts'
import { lockPerson } from '../db/queries/points.ts'
import type { OrderStatus } from '../db/schema/orders.ts'
import { releaseOrderCoupons } from './coupon-redemption.ts'
import type { AppContext } from './context.ts'
import { orderInput } from './orders.ts'

export const refundInput = z.strictObject({
  source: orderInput.shape.source,
  external_id: orderInput.shape.external_id,
  kind: z.enum(['refund', 'cancel']),
  /** When the shop refunded or cancelled it; now when omitted. */
  at: z.iso.datetime({ offset: true }).optional(),
  /** A refund of part of the order (refunds only). */
  partial: z.boolean().default(false),
}).refine((r) => !(r.partial && r.kind === 'cancel'), { message: 'a cancellation is always of the whole order', path: ['partial'] })
export type RefundInput = z.infer<typeof refundInput>

export interface RefundEffects { coupons: { unique: number, shared: number }, points: PointsTakenBack | null, reminders: number }

export type RefundOutcome =
  | { kind: 'unknown' }
  /** `changed`: false when nothing was left to do (the same refund again, or the order closed before). */
  | { kind: 'done', orderId: number, status: OrderStatus, partial: boolean, changed: boolean, effects?: RefundEffects }

/** Records a refund or cancellation once; what it undoes commits with it. `via` is who reported it ('api:<token>'). */
export async function refundOrder (ctx: AppContext, input: RefundInput, by: { via: string } = { via: 'system' }): Promise<RefundOutcome> {
  const outcome = await ctx.db.transaction(async (tx): Promise<RefundOutcome> => {
    const order = await orderByKey(tx, input.source, input.external_id)
    if (order === null) return { kind: 'unknown' }
    const now = ctx.clock.now()
    const when = input.at === undefined ? now : new Date(input.at)
    // Lock order as in recordOrder: the person first, then the order's row (the conditional update).
    if (order.contactId !== null) await lockPerson(tx, order.contactId)
    if (input.partial) {
      const changed = await markPartlyRefunded(tx, order.id, when)
      if (changed) await writeAudit(tx, { actorContactId: null, via: by.via, action: 'order.refund', outcome: 'ok', detail: { orderId: order.id, partial: true }, at: now })
      const status = changed ? 'paid' : (await orderByKey(tx, input.source, input.external_id))!.status
      return { kind: 'done', orderId: order.id, status, partial: true, changed }
    }
    const status = input.kind === 'refund' ? 'refunded' : 'cancelled'
    const closed = await closeOrder(tx, order.id, status, when)
    if (closed === undefined) return { kind: 'done', orderId: order.id, status: (await orderByKey(tx, input.source, input.external_id))!.status, partial: false, changed: false }
    // The order was linked to its customer after we read it: lock them too (the linker locks the order row first).
    if (closed.contactId !== null && closed.contactId !== order.contactId) await lockPerson(tx, closed.contactId)
    const effects: RefundEffects = {
      coupons: await releaseOrderCoupons(ctx, tx, order.id, { via: by.via, contactId: null }),
      points: closed.contactId === null ? null : await takeBackOrderPoints(tx, order.id, closed.contactId, now),
      reminders: await cancelOrderReminders(tx, order.id, now),
    }
    await writeAudit(tx, { actorContactId: null, via: by.via, action: `order.${input.kind}`, outcome: 'ok', detail: { orderId: order.id, ...effects }, at: now })
    return { kind: 'done', orderId: order.id, status, partial: false, changed: true, effects }
  })
  if (outcome.kind === 'done' && outcome.changed) ctx.logger.info({ orderId: outcome.orderId, status: outcome.status, partial: outcome.partial, effects: outcome.effects }, 'order refunded')
  return outcome
}
