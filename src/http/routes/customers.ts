/**
 * GET /api/customers/:id (scope `customers`): customer 360 (SPEC 3.3): profile, groups, orders, coupons, points,
 * referrals and the last messages. 400 for an id that is not a positive integer, 404 for nobody. Every read is audited.
 */
import { auditVia, requireScope } from '../auth.ts'
import { audit } from '../../services/audit.ts'
import type { AppContext } from '../../services/context.ts'
import { customer360 } from '../../services/customer-360.ts'
import type { RegisterRoutes } from '../server.ts'

const MAX_ID = 2 ** 53 - 1

export function customerRoutes (ctx: AppContext): RegisterRoutes {
  return async (app) => {
    app.get<{ Params: { id: string } }>('/customers/:id', { preHandler: requireScope('customers') }, async (request, reply) => {
      const id = /^\d{1,16}$/.test(request.params.id) ? Number(request.params.id) : 0
      if (id < 1 || id > MAX_ID) return reply.code(400).send({ error: 'customer id must be a positive integer' })
      const customer = await customer360(ctx, id)
      await audit(ctx, null, 'customer.view', customer ? 'ok' : 'error', { contactId: id }, auditVia(request))
      if (!customer) return reply.code(404).send({ error: 'no such customer' })
      return reply.code(200).send(customer)
    })
  }
}
