import { sql } from 'drizzle-orm'
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'
import { outbox } from './outbox.ts'

export const MARKETING_DM_STATUSES = ['sent', 'skipped'] as const

/**
 * Every marketing DM decision (SPEC 3.7): queued for sending, or skipped with its reason. The frequency caps count
 * the `sent` rows of a person. A decision is taken once per cause; a DM put off by a cap or the hour is not a
 * decision yet (its sender asks again later), so it has no row.
 */
export const marketingDms = pgTable('marketing_dms', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  /** What kind of marketing: 'repurchase', 'coupon-expiry', 'reactivation', 'birthday', 'care', ... */
  kind: text('kind').notNull(),
  /** The business key of what is being said, e.g. repurchase-reminder-42: one decision per cause. */
  cause: text('cause').notNull(),
  status: text('status', { enum: MARKETING_DM_STATUSES }).notNull(),
  /** Why it was skipped: not-friend, no-consent, opted-out, erased, or the sender's own reason (e.g. stale). */
  reason: text('reason'),
  outboxId: bigint('outbox_id', { mode: 'number' }).references(() => outbox.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
}, (t) => [
  // exactly-once: one decision (one DM, or one recorded skip) per cause
  uniqueIndex('marketing_dms_cause_key').on(t.cause),
  index('marketing_dms_sent_idx').on(t.contactId, t.decidedAt).where(sql`status = 'sent'`),
  check('marketing_dms_reason_check', sql`(${t.status} = 'skipped') = (${t.reason} is not null)`),
])
