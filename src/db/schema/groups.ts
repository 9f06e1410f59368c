import { sql } from 'drizzle-orm'
import { bigint, boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { botAccounts } from './accounts.ts'
import { contacts } from './contacts.ts'

/** A customer group (社群), tagged by region and interests, run by exactly one operator. */
export const groups = pgTable('groups', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  accountId: bigint('account_id', { mode: 'number' }).notNull().references(() => botAccounts.id),
  topic: text('topic').notNull(),
  region: text('region'),
  interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
  /** The one dedicated operator (a contact with the operator role or above). A single column keeps it one. */
  operatorId: bigint('operator_id', { mode: 'number' }).references((): any => contacts.id),
  timezone: text('timezone').notNull(),
  contentSlot: text('content_slot').notNull().default('10:00'),
  promoSlot: text('promo_slot').notNull().default('20:00'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('groups_account_idx').on(t.accountId),
  index('groups_operator_idx').on(t.operatorId),
])
