/**
 * Coupons over HTTP (docs/COUPONS.md): create a batch and issue coupons (scope `coupons`), verify or redeem a code
 * at a till or a checkout (scope `verify`). Audited as `api:<token>`. The verify route shares the brute-force
 * lockout: failures count against the customer named, or the token when it names nobody (429 while locked).
 */
import { z } from 'zod'
import { auditVia, requireScope } from '../auth.ts'
import { writeAudit } from '../../db/queries/audit.ts'
import { normalizePhone } from '../../domain/phone.ts'
import type { DbOrTx } from '../../db/client.ts'
import { batchInput, BATCH_PROBLEM_TEXT, createBatch } from '../../services/coupon-batches.ts'
import { verifyCode } from '../../services/coupon-redemption.ts'
import { describeAttempt } from '../../services/coupon-texts.ts'
import { issueFromBatch } from '../../services/coupons.ts'
import type { AppContext } from '../../services/context.ts'
import { matchCustomer, money, orderInput } from '../../services/orders.ts'
import type { RegisterRoutes } from '../server.ts'
import { issueLines } from '../../zod-issues.ts'

/** A customer as the orders API names them: CRM id, phone or platform id. */
const customer = orderInput.shape.customer

const issueInput = z.strictObject({
  batch: z.string().trim().min(1).max(24),
  customer,
  /** The caller's id for this issue: the same request_id issues once, however often it is retried. */
  request_id: z.string().trim().min(1).max(100),
  /** DM the code to the customer (now, or once they add the bot). */
  dm: z.boolean().default(true),
})

const verifyInput = z.strictObject({
  code: z.string().trim().min(1).max(64),
  /** Who it is for; required for a shared code; a unique code without it is for its holder. */
  customer: customer.optional(),
  /** The bill, for the minimum spend. */
  total: money.optional(),
  /** false: only check it (value, validity), redeem nothing. */
  redeem: z.boolean().default(true),
})

type CustomerRef = z.infer<typeof customer>

/** The customer's CRM id, or the problem with how the request named them. */
async function customerId (ctx: AppContext, db: DbOrTx, ref: CustomerRef): Promise<number | string> {
  const phone = ref.phone === undefined ? null : normalizePhone(ref.phone)
  if (ref.phone !== undefined && phone === null) return `customer.phone "${ref.phone}" is not a phone number`
  const id = await matchCustomer(ctx, db, { ...ref, phone })
  return typeof id === 'number' ? id : 'customer: no such customer'
}

export function couponRoutes (ctx: AppContext): RegisterRoutes {
  return async (app) => {
    app.post('/coupon-batches', { preHandler: requireScope('coupons') }, async (request, reply) => {
      const parsed = batchInput.safeParse(request.body)
      if (!parsed.success) return reply.code(400).send({ error: 'invalid batch', problems: issueLines(parsed.error) })
      const outcome = await createBatch({ db: ctx.db, now: ctx.clock.now() }, parsed.data, { contactId: null, via: auditVia(request) })
      switch (outcome.kind) {
        case 'created': return reply.code(201).send({ batch: outcome.batch })
        case 'exists': return reply.code(409).send({ error: `batch ${outcome.batch.code} exists`, batch: outcome.batch })
        case 'invalid': return reply.code(422).send({ error: 'batch refused', problems: [BATCH_PROBLEM_TEXT[outcome.problem]] })
      }
    })

    app.post('/coupons/issue', { preHandler: requireScope('coupons') }, async (request, reply) => {
      const parsed = issueInput.safeParse(request.body)
      if (!parsed.success) return reply.code(400).send({ error: 'invalid issue', problems: issueLines(parsed.error) })
      const body = parsed.data
      const contactId = await customerId(ctx, ctx.db, body.customer)
      if (typeof contactId === 'string') return reply.code(422).send({ error: 'issue refused', problems: [contactId] })
      const via = auditVia(request)
      const outcome = await issueFromBatch(ctx, { batch: body.batch, contactId, cause: `api-${via}-${body.request_id}`, dm: body.dm, by: { contactId: null, via } })
      switch (outcome.kind) {
        case 'issued': case 'duplicate': {
          const c = outcome.coupon
          return reply.code(outcome.kind === 'issued' ? 201 : 200).send({ coupon_id: c.id, code: c.code, customer_id: c.contactId, expires_at: c.expiresAt.toISOString(), duplicate: outcome.kind === 'duplicate' })
        }
        case 'unknown-batch': return reply.code(422).send({ error: 'issue refused', problems: [`batch: no batch ${body.batch}`] })
        case 'refused': return reply.code(409).send({ error: `not issued: ${outcome.reason}`, reason: outcome.reason })
      }
    })

    app.post('/coupons/verify', { preHandler: requireScope('verify') }, async (request, reply) => {
      const parsed = verifyInput.safeParse(request.body)
      if (!parsed.success) return reply.code(400).send({ error: 'invalid verification', problems: issueLines(parsed.error) })
      const body = parsed.data
      const via = auditVia(request)
      const forWhom = body.customer === undefined ? null : await customerId(ctx, ctx.db, body.customer)
      if (typeof forWhom === 'string') return reply.code(422).send({ error: 'verification refused', problems: [forWhom] })
      const result = await verifyCode(ctx, { typed: body.code, mode: body.redeem ? 'redeem' : 'check', actor: { via, contactId: null }, customerId: forWhom, total: body.total ?? null, orderId: null })
      await writeAudit(ctx.db, { actorContactId: null, via, action: 'coupon.verify', outcome: 'ok', detail: { typed: body.code, redeem: body.redeem, ok: result.ok, ...(result.ok ? {} : { reason: result.reason }) }, at: ctx.clock.now() })
      if (result.ok) {
        const v = result.view
        return reply.code(200).send({
          ok: true, redeemed: result.mode === 'redeem', code: v.code, batch: v.batch.code, customer_id: v.customerId,
          amount: v.batch.amount, gift: v.batch.gift, min_spend: v.batch.minSpend, expires_at: v.expiresAt.toISOString(), streamer: v.batch.streamer,
        })
      }
      const message = await describeAttempt(ctx, result, body.code, { zone: ctx.config.DEFAULT_TIMEZONE, names: false, total: body.total ?? null })
      if (result.reason === 'locked') {
        const seconds = Math.max(1, Math.ceil((result.lockedUntil!.getTime() - ctx.clock.now().getTime()) / 1000))
        return reply.code(429).header('retry-after', String(seconds)).send({ ok: false, reason: 'locked', error: message, retry_after: seconds })
      }
      return reply.code(422).send({ ok: false, reason: result.reason, error: message })
    })
  }
}
