import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'

export const POINT_KINDS = ['earn', 'spend', 'adjust', 'expire'] as const

/**
 * 积分 ledger, append-only: the balance is the sum of a person's rows. Every row names its cause, and a cause
 * counts once. Spending and negative adjustments lock the person's contact row first, so the sum never goes
 * below zero, even under concurrent spends.
 */
export const pointsLedger = pgTable('points_ledger', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  delta: integer('delta').notNull(),
  kind: text('kind', { enum: POINT_KINDS }).notNull(),
  /** What a customer sees: 'referral', 'exchange', 'adjust', 'order', 'expire'. */
  reason: text('reason').notNull(),
  /** The business key of the cause, e.g. referral-42, exchange-7, adjust-<message id>. */
  cause: text('cause').notNull(),
  note: text('note'),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  // exactly-once: each earning or spending happens once per cause
  uniqueIndex('points_ledger_cause_key').on(t.contactId, t.cause),
  index('points_ledger_contact_idx').on(t.contactId, t.at),
  check('points_ledger_delta_check', sql`${t.delta} <> 0`),
])

/** What points buy (积分兑换商品). Stock never goes below zero: a decrement is a conditional update. */
export const rewardCatalog = pgTable('reward_catalog', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  sku: text('sku').notNull(),
  name: text('name').notNull(),
  cost: integer('cost').notNull(),
  stock: integer('stock').notNull(),
  active: boolean('active').notNull().default(true),
}, (t) => [
  uniqueIndex('reward_catalog_sku_key').on(t.sku),
  check('reward_catalog_stock_check', sql`${t.stock} >= 0`),
  check('reward_catalog_cost_check', sql`${t.cost} > 0`),
])

export const exchanges = pgTable('exchanges', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  itemId: bigint('item_id', { mode: 'number' }).notNull().references(() => rewardCatalog.id),
  cost: integer('cost').notNull(),
  /** The request that asked for it (a chat message id): the same request delivered twice exchanges once. */
  requestKey: text('request_key').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  // exactly-once: one exchange per request
  uniqueIndex('exchanges_request_key').on(t.requestKey),
])
