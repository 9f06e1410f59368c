import { sql } from 'drizzle-orm'
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'
import { groups } from './groups.ts'

/**
 * Group messages that @mention several people at once: the welcome of everyone who joined within a minute, and
 * notices for people the bot cannot DM. Each waits in a batch per group and kind and goes out as one message, so a
 * busy group is not flooded.
 */
export const noticeBatches = pgTable('notice_batches', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  groupId: bigint('group_id', { mode: 'number' }).notNull().references(() => groups.id),
  kind: text('kind').notNull(),
  status: text('status', { enum: ['open', 'flushed'] }).notNull().default('open'),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  flushedAt: timestamp('flushed_at', { withTimezone: true }),
}, (t) => [
  // exactly-once: one open batch per group and kind
  uniqueIndex('notice_batches_open_key').on(t.groupId, t.kind).where(sql`status = 'open'`),
])

export const notices = pgTable('notices', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  batchId: bigint('batch_id', { mode: 'number' }).notNull().references(() => noticeBatches.id),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  /** The business key of what is announced: one notice per cause. */
  cause: text('cause').notNull(),
  data: jsonb('data').$type<Record<string, number | string>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('notices_cause_key').on(t.cause),
  index('notices_batch_idx').on(t.batchId),
])
