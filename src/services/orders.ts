/**
 * Orders (SPEC 2, 3.7): the shop tells us what a customer paid for, through the orders API (a webhook), a CSV
 * import or the sandbox; all take this path. An order is identified by its source and the shop's own id, so a
 * retried webhook or a re-imported file records it once (orders_source_external_key). The customer is matched by
 * CRM id, platform id or phone; an order nobody matches is kept with what the shop told us, to be linked later.
 */
import { z } from 'zod'
import { contactIdFor } from '../db/queries/links.ts'
import { contactByPhone, insertOrder, insertOrderItems, orderIdFor, productsBySku } from '../db/queries/orders.ts'
import { getContact } from '../db/queries/contacts.ts'
import type { DbOrTx } from '../db/client.ts'
import { lockPerson } from '../db/queries/points.ts'
import { normalizePhone } from '../domain/phone.ts'
import { couponResultsOfOrder, redeemForOrder, type OrderCouponResult } from './coupon-redemption.ts'
import type { AppContext } from './context.ts'
import { onOrderForCrm } from './order-effects.ts'

/** Yuan, to the fen. */
export const money = z.number().nonnegative().max(10_000_000).refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most 2 decimals')

export const orderInput = z.strictObject({
  source: z.string().trim().min(1).max(40).regex(/^[\w.-]+$/, 'letters, digits, _ . - only').default('api'),
  external_id: z.string().trim().min(1).max(100),
  customer: z.strictObject({
    id: z.number().int().positive().optional(),
    phone: z.string().max(30).optional(),
    platform_id: z.string().min(1).max(200).optional(),
  }).refine((c) => c.id !== undefined || c.phone !== undefined || c.platform_id !== undefined, 'give the customer as id, phone or platform_id'),
  items: z.array(z.strictObject({
    sku: z.string().trim().min(1).max(64),
    qty: z.number().int().positive().max(10_000),
    /** Unit price paid; the product's list price when omitted. */
    price: money.optional(),
  })).min(1).max(200),
  /** What the customer paid; the sum of the items when omitted. */
  total: money.optional(),
  /** The code the customer presented, or several (only coupons that stack go on one order together). */
  coupon: z.union([z.string().trim().min(1).max(64), z.array(z.string().trim().min(1).max(64)).min(1).max(5)]).optional(),
  channel: z.string().trim().min(1).max(40).optional(),
  paid_at: z.iso.datetime({ offset: true }),
})
export type OrderInput = z.infer<typeof orderInput>

export type OrderOutcome =
  | { kind: 'created', orderId: number, contactId: number | null, coupons: OrderCouponResult[] }
  | { kind: 'duplicate', orderId: number, coupons: OrderCouponResult[] }
  | { kind: 'rejected', problems: string[] }

/** Records one paid order once; everything it causes commits with it. `via` is who reported it ('api:<token>'). */
export async function recordOrder (ctx: AppContext, input: OrderInput, by: { via: string } = { via: 'system' }): Promise<OrderOutcome> {
  const outcome = await ctx.db.transaction(async (tx): Promise<OrderOutcome> => {
    const known = await productsBySku(tx, [...new Set(input.items.map((i) => i.sku))])
    const unknown = [...new Set(input.items.map((i) => i.sku).filter((sku) => !known.has(sku)))]
    if (unknown.length > 0) return { kind: 'rejected', problems: unknown.map((sku) => `unknown sku "${sku}"`) }
    const phone = input.customer.phone === undefined ? null : normalizePhone(input.customer.phone)
    if (input.customer.phone !== undefined && phone === null) return { kind: 'rejected', problems: [`customer.phone "${input.customer.phone}" is not a phone number`] }
    const contactId = await matchCustomer(ctx, tx, { ...input.customer, phone })
    if (contactId === 'unknown-id') return { kind: 'rejected', problems: [`customer.id ${input.customer.id} is not a customer`] }
    // Lock order: the person first, then what belongs to them. Inserting the order takes a key-share lock on the
    // person's row (its foreign key); locking the row for update only after that lets two orders of one customer
    // deadlock, each holding the key-share lock the other's update lock waits for.
    if (contactId !== null) await lockPerson(tx, contactId)
    const lines = input.items.map((i) => ({ productId: known.get(i.sku)!.id, qty: i.qty, unitPrice: i.price ?? known.get(i.sku)!.price }))
    const goods = Math.round(lines.reduce((sum, l) => sum + l.qty * l.unitPrice * 100, 0)) / 100
    const total = input.total ?? goods
    const orderId = await insertOrder(tx, {
      source: input.source, externalId: input.external_id, contactId, customerPhone: phone, customerPlatformId: input.customer.platform_id ?? null,
      total, couponCode: input.coupon === undefined ? null : [input.coupon].flat().join(' '), channel: input.channel ?? null, paidAt: new Date(input.paid_at), createdAt: ctx.clock.now(),
    })
    if (orderId === null) {
      const existing = (await orderIdFor(tx, input.source, input.external_id))!
      return { kind: 'duplicate', orderId: existing, coupons: await couponResultsOfOrder(tx, existing) }
    }
    await insertOrderItems(tx, lines.map((l) => ({ orderId, ...l })))
    // What the order causes in the CRM (points, reminders, last activity), in this transaction.
    await onOrderForCrm(ctx, tx, orderId, contactId)
    // Coupons (docs/COUPONS.md): redeemed for this customer and this order in this transaction; a refused code
    // is recorded and answered, and the paid order stays. The minimum spend is the goods' value: `total` is what
    // was paid, after the coupons.
    const coupons = input.coupon === undefined ? [] : await redeemForOrder(ctx, tx, { orderId, contactId, codes: [input.coupon].flat(), goods, via: by.via })
    return { kind: 'created', orderId, contactId, coupons }
  })
  if (outcome.kind === 'created') ctx.logger.info({ orderId: outcome.orderId, matched: outcome.contactId !== null }, 'order recorded')
  return outcome
}

/** CRM id first, then the platform id (this account's), then a phone that exactly one person has. */
export async function matchCustomer (ctx: AppContext, tx: DbOrTx, customer: { id?: number, phone: string | null, platform_id?: string }): Promise<number | null | 'unknown-id'> {
  if (customer.id !== undefined) return (await getContact(tx, customer.id)) === null ? 'unknown-id' : customer.id
  if (customer.platform_id !== undefined) {
    const id = await contactIdFor(tx, ctx.account.id, customer.platform_id)
    if (id !== null) return id
  }
  return customer.phone === null ? null : contactByPhone(tx, customer.phone)
}
