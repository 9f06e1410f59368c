import { sql } from 'drizzle-orm'
import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { botAccounts } from './accounts.ts'
import { contacts } from './contacts.ts'
import { groups } from './groups.ts'

/** 沟通记录: every message in and out. Text is nulled when the person erases their data. */
export const messageLog = pgTable('message_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  accountId: bigint('account_id', { mode: 'number' }).notNull().references(() => botAccounts.id),
  direction: text('direction', { enum: ['in', 'out'] }).notNull(),
  groupId: bigint('group_id', { mode: 'number' }).references(() => groups.id),
  /** Inbound: the speaker. Outbound: the DM recipient (null for a group post). */
  contactId: bigint('contact_id', { mode: 'number' }).references(() => contacts.id),
  text: text('text'),
  kind: text('kind').notNull(),
  platformMessageId: text('platform_message_id'),
  outboxId: bigint('outbox_id', { mode: 'number' }),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  index('message_log_contact_at_idx').on(t.contactId, t.at),
  index('message_log_group_at_idx').on(t.groupId, t.at),
  // exactly-once: a platform message delivered twice is logged (and answered) once
  uniqueIndex('message_log_inbound_platform_key').on(t.accountId, t.platformMessageId).where(sql`direction = 'in'`),
])
