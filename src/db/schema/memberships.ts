import { sql } from 'drizzle-orm'
import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'
import { groups } from './groups.ts'

/** Open welcome batch of a group: joins within the window share one welcome that @mentions them all. */
export const welcomeBatches = pgTable('welcome_batches', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  groupId: bigint('group_id', { mode: 'number' }).notNull().references(() => groups.id),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  status: text('status', { enum: ['open', 'flushed'] }).notNull().default('open'),
  flushedAt: timestamp('flushed_at', { withTimezone: true }),
}, (t) => [
  // exactly-once: at most one open batch per group; a concurrent join loses the insert and joins the open one
  uniqueIndex('welcome_batches_open_group_key').on(t.groupId).where(sql`status = 'open'`),
])

/** One row per stay in a group; a rejoin opens a new row, history is kept. */
export const memberships = pgTable('memberships', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  groupId: bigint('group_id', { mode: 'number' }).notNull().references(() => groups.id),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
  leftAt: timestamp('left_at', { withTimezone: true }),
  inviterId: bigint('inviter_id', { mode: 'number' }).references(() => contacts.id),
  /** 'join' (a room-join event), 'roster' (already there when the group was registered), 'import'. */
  source: text('source').notNull(),
  welcomeBatchId: bigint('welcome_batch_id', { mode: 'number' }).references(() => welcomeBatches.id),
}, (t) => [
  // exactly-once: one open membership per (group, contact); a duplicate room-join event inserts nothing
  uniqueIndex('memberships_open_key').on(t.groupId, t.contactId).where(sql`left_at is null`),
  index('memberships_contact_idx').on(t.contactId),
  index('memberships_welcome_batch_idx').on(t.welcomeBatchId),
])
