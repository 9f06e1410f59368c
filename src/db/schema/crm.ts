import { sql } from 'drizzle-orm'
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'
import { orders, products } from './orders.ts'

export const REMINDER_STATUSES = ['planned', 'sent', 'skipped', 'cancelled', 'converted'] as const
export type ReminderStatus = typeof REMINDER_STATUSES[number]

/**
 * Repurchase reminders (SPEC 3.7): one per customer, product and purchase, planned by the daily set-based pass when
 * the latest purchase of a product with a cycle falls due (cycle minus lead days after it, on the customer's local
 * calendar). Lifecycle: planned -> sent (the marketing DM gate queued it) -> converted (the product was bought within
 * the conversion window); planned -> skipped (with the gate's or the sender's reason, never retried); planned ->
 * cancelled (a newer purchase of the product, or the order refunded or cancelled). Every arrow is a conditional update on `status`.
 */
export const reminders = pgTable('reminders', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  productId: bigint('product_id', { mode: 'number' }).notNull().references(() => products.id),
  /** The purchase it follows: the customer's latest order of the product when it was planned. */
  orderId: bigint('order_id', { mode: 'number' }).notNull().references(() => orders.id),
  purchasedAt: timestamp('purchased_at', { withTimezone: true }).notNull(),
  /** Start of the customer's local due day (purchase day + max(cycle - lead, 1)). */
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  /** When the sender asks the gate next; a deferral (a cap, the hour) moves it on. */
  sendAfter: timestamp('send_after', { withTimezone: true }).notNull(),
  status: text('status', { enum: REMINDER_STATUSES }).notNull().default('planned'),
  /** Why it was skipped: the gate's reason (not-friend, opted-out, ...) or the sender's (stale). */
  reason: text('reason'),
  plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  /** When it was skipped or cancelled. */
  closedAt: timestamp('closed_at', { withTimezone: true }),
  convertedOrderId: bigint('converted_order_id', { mode: 'number' }).references(() => orders.id),
  convertedAt: timestamp('converted_at', { withTimezone: true }),
}, (t) => [
  // exactly-once: one reminder per customer, product and purchase, however often the planning pass runs
  uniqueIndex('reminders_purchase_key').on(t.contactId, t.productId, t.orderId),
  // exactly-once: at most one open (planned) reminder per customer and product
  uniqueIndex('reminders_open_key').on(t.contactId, t.productId).where(sql`status = 'planned'`),
  // the sender's pass: what is planned and may be sent now (grows with what is due, not with customers)
  index('reminders_send_idx').on(t.sendAfter).where(sql`status = 'planned'`),
  // conversion: a customer's sent reminders of a product
  index('reminders_sent_idx').on(t.contactId, t.productId).where(sql`status = 'sent'`),
  check('reminders_reason_check', sql`(${t.status} = 'skipped') = (${t.reason} is not null)`),
])
