import { bigint, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'

export const STAFF_ROLES = ['owner', 'admin', 'operator', 'marketer', 'staff'] as const

/** A contact's role; anyone without a row is a customer. One role per person. */
export const staffMembers = pgTable('staff_members', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  role: text('role', { enum: STAFF_ROLES }).notNull(),
  grantedBy: bigint('granted_by', { mode: 'number' }).references(() => contacts.id),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('staff_members_contact_key').on(t.contactId),
])
