import { sql } from 'drizzle-orm'
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { botAccounts } from './accounts.ts'
import { contacts } from './contacts.ts'
import { groups } from './groups.ts'

export const OUTBOX_KINDS = ['text', 'kick', 'accept-friend'] as const
export const OUTBOX_STATUSES = ['pending', 'reserved', 'sending', 'sent', 'failed', 'uncertain', 'voided'] as const

/**
 * Every outgoing action. Lifecycle: pending -> reserved (the governor gave it a release time)
 * -> sending (the platform call is under way) -> sent | failed | uncertain (crashed mid-call, no echo seen:
 * not resent, because a duplicate post is worse than asking an operator to check). A marketing DM still queued for a
 * person who erased their data or opted out becomes `voided` instead (never sent).
 */
export const outbox = pgTable('outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  accountId: bigint('account_id', { mode: 'number' }).notNull().references(() => botAccounts.id),
  idemKey: text('idem_key').notNull(),
  kind: text('kind', { enum: OUTBOX_KINDS }).notNull(),
  /** What the send is for ('welcome', 'greeting', 'reply', 'alert', ...): reports and the sandbox count by it. */
  purpose: text('purpose').notNull(),
  groupId: bigint('group_id', { mode: 'number' }).references(() => groups.id),
  contactId: bigint('contact_id', { mode: 'number' }).references(() => contacts.id),
  mentionIds: bigint('mention_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
  text: text('text'),
  /** Extra platform data, e.g. the friendship request id for accept-friend. */
  data: jsonb('data').$type<Record<string, string>>().notNull().default({}),
  status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
  releaseAt: timestamp('release_at', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  sendingAt: timestamp('sending_at', { withTimezone: true }),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [
  // exactly-once: a business key (e.g. notice-<batch>, greeting-<friendship>) enqueues one action, ever
  uniqueIndex('outbox_account_idem_key').on(t.accountId, t.idemKey),
  index('outbox_account_status_idx').on(t.accountId, t.status),
])

/**
 * The send governor's memory for one account: release times of the last hour (reservations, some in the
 * future) and the rate-limit pause. Rows are locked (select ... for update) while a reservation is made.
 */
export const governorState = pgTable('governor_state', {
  accountId: bigint('account_id', { mode: 'number' }).primaryKey().references(() => botAccounts.id),
  recent: timestamp('recent', { withTimezone: true }).array().notNull().default(sql`'{}'::timestamptz[]`),
  pausedUntil: timestamp('paused_until', { withTimezone: true }),
  backoffLevel: integer('backoff_level').notNull().default(0),
  incidentSince: timestamp('incident_since', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
})
