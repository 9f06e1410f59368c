import { bigint, index, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'

/**
 * Issued coupons, minimal for now: the referral trial pack is a gift coupon. The coupons capability extends this
 * table with batches, values, redemption and expiry.
 */
export const coupons = pgTable('coupons', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull(),
  kind: text('kind', { enum: ['gift', 'amount'] }).notNull(),
  /** The template it was issued from, e.g. 'trial-pack'. */
  batch: text('batch').notNull(),
  value: numeric('value'),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  status: text('status', { enum: ['issued', 'redeemed', 'void', 'expired'] }).notNull().default('issued'),
  /** Why it was issued (e.g. reward-grant-12): one coupon per cause. */
  cause: text('cause').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('coupons_code_key').on(t.code),
  // exactly-once: one coupon per cause (a reward grant, a welcome, ...)
  uniqueIndex('coupons_cause_key').on(t.cause),
  index('coupons_contact_idx').on(t.contactId),
])
