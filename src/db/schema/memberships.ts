import { sql } from 'drizzle-orm'
import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'
import { groups } from './groups.ts'

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
}, (t) => [
  // exactly-once: one open membership per (group, contact); a duplicate room-join event inserts nothing
  uniqueIndex('memberships_open_key').on(t.groupId, t.contactId).where(sql`left_at is null`),
  index('memberships_contact_idx').on(t.contactId),
])
