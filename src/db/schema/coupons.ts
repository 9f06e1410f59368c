import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'
import { orders } from './orders.ts'

export const COUPON_BATCH_KINDS = ['unique', 'shared'] as const

/**
 * A coupon template (SPEC 3.5): one code per customer (`unique`: the welcome coupon, the trial pack, a birthday
 * gift) or one code for everyone (`shared`: a streamer's ANNA30). Its value is an amount off or a gift. The two
 * built-in batches (WELCOME, TRIALPACK) are created by the migration.
 */
export const couponBatches = pgTable('coupon_batches', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  /** As marketing wrote it, upper case (ANNA30); for a shared batch, the code customers type. */
  code: text('code').notNull(),
  /** `code` folded (case, O/0, I/L/1): what typed codes and commands are compared with. */
  codeKey: text('code_key').notNull(),
  /** A display name chosen by marketing; null: the value says it ("30元无门槛券"). */
  name: text('name'),
  kind: text('kind', { enum: COUPON_BATCH_KINDS }).notNull(),
  /** Yuan off; null for a gift. */
  amount: numeric('amount', { precision: 12, scale: 2, mode: 'number' }),
  /** What a gift coupon gives (试用装); null for an amount. */
  gift: text('gift'),
  /** 0 = 无门槛. */
  minSpend: numeric('min_spend', { precision: 12, scale: 2, mode: 'number' }).notNull().default(0),
  /** A unique coupon is valid this many days from its issue; null when only the window applies. */
  validDays: integer('valid_days'),
  startsAt: timestamp('starts_at', { withTimezone: true }),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  /** Unique: coupons one customer may be issued; shared: times one customer may use the code. */
  perCustomer: integer('per_customer').notNull().default(1),
  /** Unique: coupons issued in all; shared: uses in all. Null: no cap. */
  cap: integer('cap'),
  /** May go on an order together with other coupons that stack. */
  stacks: boolean('stacks').notNull().default(false),
  /** Redemptions are attributed to this streamer (or channel). */
  streamer: text('streamer'),
  channel: text('channel'),
  /** Guarded counters of the cap: `issued_count` (unique batches) and `redeemed_count` (shared batches). */
  issuedCount: integer('issued_count').notNull().default(0),
  redeemedCount: integer('redeemed_count').notNull().default(0),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => contacts.id),
  /** 'chat' | 'api:<token>' | 'cli' | 'sandbox' | 'system' */
  createdVia: text('created_via').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  // exactly-once: one batch per code; a shared code names one batch
  uniqueIndex('coupon_batches_code_key').on(t.codeKey),
  check('coupon_batches_value_check', sql`(${t.amount} is null) <> (${t.gift} is null) and (${t.amount} is null or ${t.amount} > 0)`),
  // a unique batch's coupons run from their issue; a shared code has one end for everyone
  check('coupon_batches_validity_check', sql`(${t.validDays} is not null or ${t.endsAt} is not null) and (${t.kind} = 'unique' or ${t.endsAt} is not null)`),
  check('coupon_batches_numbers_check', sql`${t.minSpend} >= 0 and ${t.perCustomer} >= 1 and (${t.validDays} is null or ${t.validDays} > 0) and (${t.cap} is null or ${t.cap} > 0)`),
  // the counters never pass the cap (the conditional updates guarantee it; this says so in the schema)
  check('coupon_batches_cap_check', sql`${t.cap} is null or (${t.issuedCount} <= ${t.cap} and ${t.redeemedCount} <= ${t.cap})`),
])

export const COUPON_STATUSES = ['issued', 'redeemed', 'void'] as const

/**
 * A unique coupon issued to one customer. Expiry is not a status: a coupon is expired when `expires_at` has
 * passed (redemption, lists and reports all read it so), so nothing has to flip it in time.
 */
export const coupons = pgTable('coupons', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull(),
  /** Value kind at issue: an amount off or a gift. */
  kind: text('kind', { enum: ['gift', 'amount'] }).notNull(),
  batchId: bigint('batch_id', { mode: 'number' }).notNull().references(() => couponBatches.id),
  /** Yuan off at issue; null for a gift. */
  value: numeric('value', { precision: 12, scale: 2, mode: 'number' }),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  /** Which of the holder's `per_customer` slots of the batch this is; null for a reissue (it replaces a slot). */
  seq: integer('seq'),
  status: text('status', { enum: COUPON_STATUSES }).notNull().default('issued'),
  /** Why it was issued (reward-grant-12, welcome-7, issue-<message>): one coupon per cause. */
  cause: text('cause').notNull(),
  /** The bot DMs the code to the holder (now, or once they are a friend). */
  dm: boolean('dm').notNull().default(false),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  /** Null: valid from its issue. */
  validFrom: timestamp('valid_from', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
  redeemedOrderId: bigint('redeemed_order_id', { mode: 'number' }).references(() => orders.id),
  /** 'chat' (a clerk's /核销) | 'api:<token>' */
  redeemedVia: text('redeemed_via'),
  redeemedBy: bigint('redeemed_by', { mode: 'number' }).references(() => contacts.id),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: bigint('voided_by', { mode: 'number' }).references(() => contacts.id),
  voidReason: text('void_reason'),
  /** The voided coupon this one replaces. */
  reissueOf: bigint('reissue_of', { mode: 'number' }).references((): AnyPgColumn => coupons.id),
}, (t) => [
  uniqueIndex('coupons_code_key').on(t.code),
  // exactly-once: one coupon per cause (a reward grant, a welcome, an operator's command message, ...)
  uniqueIndex('coupons_cause_key').on(t.cause),
  // exactly-once: a customer holds at most per_customer coupons of a batch (slot 1..per_customer), e.g. one
  // welcome coupon ever, however often they add the bot
  uniqueIndex('coupons_batch_holder_key').on(t.batchId, t.contactId, t.seq),
  // exactly-once: a voided coupon is reissued at most once
  uniqueIndex('coupons_reissue_key').on(t.reissueOf),
  index('coupons_contact_idx').on(t.contactId),
  index('coupons_expiry_idx').on(t.expiresAt).where(sql`status = 'issued'`),
  index('coupons_order_idx').on(t.redeemedOrderId),
  check('coupons_redeemed_check', sql`(${t.status} = 'redeemed') = (${t.redeemedAt} is not null)`),
])

/**
 * The uses of a shared code: one row per use by a customer, at most `per_customer` of them (slot 1..n).
 * The batch's `redeemed_count` is the cap's guard.
 */
export const sharedRedemptions = pgTable('shared_redemptions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  batchId: bigint('batch_id', { mode: 'number' }).notNull().references(() => couponBatches.id),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  seq: integer('seq').notNull(),
  orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id),
  via: text('via').notNull(),
  redeemedBy: bigint('redeemed_by', { mode: 'number' }).references(() => contacts.id),
  redeemedAt: timestamp('redeemed_at', { withTimezone: true }).notNull(),
}, (t) => [
  // exactly-once: a shared code once per customer (per_customer times), however many tills try at once
  uniqueIndex('shared_redemptions_batch_contact_key').on(t.batchId, t.contactId, t.seq),
  index('shared_redemptions_order_idx').on(t.orderId),
])

export const ATTEMPT_MODES = ['check', 'redeem'] as const

/**
 * Every try of a code (SPEC 3.5): a redemption, or a clerk's check before it; refused ones with their reason.
 * Counted failures of a subject drive the brute-force lockout; the sandbox prints them as `redeem` lines.
 */
export const couponAttempts = pgTable('coupon_attempts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  /** Whose failures these are: `contact:<id>` (the customer it is for) or the actor when nobody is known. */
  subject: text('subject').notNull(),
  mode: text('mode', { enum: ATTEMPT_MODES }).notNull(),
  /** 'chat' | 'api:<token>' */
  via: text('via').notNull(),
  actorContactId: bigint('actor_contact_id', { mode: 'number' }).references(() => contacts.id),
  /** What was typed, trimmed (at most 64 characters). */
  typed: text('typed').notNull(),
  couponId: bigint('coupon_id', { mode: 'number' }).references(() => coupons.id),
  batchId: bigint('batch_id', { mode: 'number' }).references(() => couponBatches.id),
  /** Who it was for. */
  contactId: bigint('contact_id', { mode: 'number' }).references(() => contacts.id),
  orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id),
  ok: boolean('ok').notNull(),
  reason: text('reason'),
  /** Counts towards the lockout (COUNTED_REFUSALS). */
  counted: boolean('counted').notNull().default(false),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  index('coupon_attempts_counted_idx').on(t.subject, t.at).where(sql`counted`),
  index('coupon_attempts_actor_idx').on(t.actorContactId, t.at),
  index('coupon_attempts_order_idx').on(t.orderId),
  check('coupon_attempts_reason_check', sql`${t.ok} = (${t.reason} is null)`),
])
