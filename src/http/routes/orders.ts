/**
 * POST /api/orders (scope `orders`): the shop's webhook for a paid order. Idempotent by source + external_id:
 * 201 the first time, 200 with `duplicate: true` for a retry, 422 when the order names an unknown product or
 * customer id, 400 when the body does not match the contract.
 * POST /api/orders/refund (scope `orders`): the shop's webhook for a refund or cancellation (docs/ORDERS.md): 200
 * with `changed` (false for a retry or an order closed before), 404 for an order never recorded, 400 for a bad body.
 */
import { auditVia, requireScope } from '../auth.ts'
import { orderInput, recordOrder } from '../../services/orders.ts'
import { refundInput, refundOrder } from '../../services/order-refunds.ts'
import type { AppContext } from '../../services/context.ts'
import type { RegisterRoutes } from '../server.ts'
import { issueLines } from '../../zod-issues.ts'

export function orderRoutes (ctx: AppContext): RegisterRoutes {
  return async (app) => {
    app.post('/orders', { preHandler: requireScope('orders') }, async (request, reply) => {
      const parsed = orderInput.safeParse(request.body)
      if (!parsed.success) return reply.code(400).send({ error: 'invalid order', problems: issueLines(parsed.error) })
      const outcome = await recordOrder(ctx, parsed.data, { via: auditVia(request) })
      // `coupons`: what became of each code the order carried (docs/COUPONS.md).
      const coupons = 'coupons' in outcome && outcome.coupons.length > 0 ? { coupons: outcome.coupons } : {}
      switch (outcome.kind) {
        case 'created': return reply.code(201).send({ order_id: outcome.orderId, duplicate: false, customer_matched: outcome.contactId !== null, ...coupons })
        case 'duplicate': return reply.code(200).send({ order_id: outcome.orderId, duplicate: true, ...coupons })
        case 'rejected': return reply.code(422).send({ error: 'order refused', problems: outcome.problems })
      }
    })

    app.post('/orders/refund', { preHandler: requireScope('orders') }, async (request, reply) => {
      const parsed = refundInput.safeParse(request.body)
      if (!parsed.success) return reply.code(400).send({ error: 'invalid refund', problems: issueLines(parsed.error) })
      const outcome = await refundOrder(ctx, parsed.data, { via: auditVia(request) })
      if (outcome.kind === 'unknown') return reply.code(404).send({ error: `no order ${parsed.data.external_id} from ${parsed.data.source}` })
      const e = outcome.effects
      return reply.code(200).send({
        order_id: outcome.orderId, status: outcome.status, partial: outcome.partial, changed: outcome.changed,
        ...(e === undefined ? {} : { coupons_released: e.coupons.unique + e.coupons.shared, points_taken_back: e.points?.taken ?? 0, points_short: e.points?.short ?? 0, reminders_cancelled: e.reminders }),
      })
    })
  }
}
