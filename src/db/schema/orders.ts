import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'

/** What the brand sells; `cycle_days` is how long one lasts a customer (the repurchase cycle), null when it does not apply. */
export const products = pgTable('products', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  sku: text('sku').notNull(),
  name: text('name').notNull(),
  price: numeric('price', { precision: 12, scale: 2, mode: 'number' }).notNull(),
  cycleDays: integer('cycle_days'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('products_sku_key').on(t.sku),
  check('products_price_check', sql`${t.price} >= 0`),
  check('products_cycle_check', sql`${t.cycleDays} is null or ${t.cycleDays} > 0`),
])

export const ORDER_STATUSES = ['paid', 'refunded', 'cancelled'] as const
export type OrderStatus = typeof ORDER_STATUSES[number]

/**
 * A paid order, from the shop's webhook (the orders API), a CSV import or the sandbox. An order whose customer
 * the CRM does not know yet keeps how the shop named them (phone or platform id) and is linked later. Lifecycle:
 * paid -> refunded | cancelled (in full, once: a conditional update on `status`, docs/ORDERS.md); a partial refund
 * leaves it paid and only sets `refunded_at`.
 */
export const orders = pgTable('orders', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  /** Where it came from ('api', a shop name, 'csv', 'sandbox'); with external_id, the order's identity. */
  source: text('source').notNull(),
  externalId: text('external_id').notNull(),
  contactId: bigint('contact_id', { mode: 'number' }).references(() => contacts.id),
  customerPhone: text('customer_phone'),
  customerPlatformId: text('customer_platform_id'),
  total: numeric('total', { precision: 12, scale: 2, mode: 'number' }).notNull(),
  /** The coupon code the customer presented, as typed (the coupons capability decides whether it applied). */
  couponCode: text('coupon_code'),
  channel: text('channel'),
  paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  status: text('status', { enum: ORDER_STATUSES }).notNull().default('paid'),
  /** When the shop refunded or cancelled it in full, or first refunded part of it (the status stays paid). */
  refundedAt: timestamp('refunded_at', { withTimezone: true }),
}, (t) => [
  // exactly-once: a retried webhook or a re-imported file adds the same order once
  uniqueIndex('orders_source_external_key').on(t.source, t.externalId),
  index('orders_contact_paid_idx').on(t.contactId, t.paidAt),
  index('orders_unlinked_phone_idx').on(t.customerPhone).where(sql`contact_id is null`),
  index('orders_unlinked_platform_idx').on(t.customerPlatformId).where(sql`contact_id is null`),
  // the daily reminder planning and the post-purchase care pass read the orders paid on given days
  index('orders_paid_idx').on(t.paidAt),
  check('orders_total_check', sql`${t.total} >= 0`),
  check('orders_status_check', sql`${t.status} in ('paid', 'refunded', 'cancelled')`),
  check('orders_refunded_check', sql`${t.status} = 'paid' or ${t.refundedAt} is not null`),
])

export const orderItems = pgTable('order_items', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  orderId: bigint('order_id', { mode: 'number' }).notNull().references(() => orders.id),
  productId: bigint('product_id', { mode: 'number' }).notNull().references(() => products.id),
  qty: integer('qty').notNull(),
  unitPrice: numeric('unit_price', { precision: 12, scale: 2, mode: 'number' }).notNull(),
}, (t) => [
  index('order_items_order_idx').on(t.orderId),
  index('order_items_product_idx').on(t.productId),
  check('order_items_qty_check', sql`${t.qty} > 0`),
])
