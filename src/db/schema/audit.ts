import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'

/** Every privileged action, allowed or refused. Append-only. */
export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  actorContactId: bigint('actor_contact_id', { mode: 'number' }).references(() => contacts.id),
  /** 'chat' | 'api:<token name>' | 'cli' | 'system' */
  via: text('via').notNull(),
  action: text('action').notNull(),
  outcome: text('outcome', { enum: ['ok', 'denied', 'error'] }).notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  index('audit_log_at_idx').on(t.at),
])
