import { sql } from 'drizzle-orm'
import { bigint, boolean, check, date, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { botAccounts } from './accounts.ts'
import { groups } from './groups.ts'

/** A person in the CRM, keyed by our own id; platform ids are linked through platform_links. */
export const contacts = pgTable('contacts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  displayName: text('display_name'),
  city: text('city'),
  interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
  birthday: date('birthday'),
  ageRange: text('age_range'),
  phone: text('phone'),
  /** PIPL: when and for which notice version the person agreed to profile questions and marketing DMs. */
  consentAt: timestamp('consent_at', { withTimezone: true }),
  consentVersion: text('consent_version'),
  /** TD / 退订: marketing DMs stop; group posts are unaffected. */
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }),
  isFriend: boolean('is_friend').notNull().default(false),
  friendSince: timestamp('friend_since', { withTimezone: true }),
  /** The bot account the person is a friend of (the last one to accept or confirm them): their DMs go out from it. */
  friendAccountId: bigint('friend_account_id', { mode: 'number' }).references(() => botAccounts.id),
  sourceChannel: text('source_channel'),
  tier: text('tier').notNull().default('standard'),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
  /** delete-my-data: personal fields are nulled and this is set; aggregates keep the row id. */
  erasedAt: timestamp('erased_at', { withTimezone: true }),
  /** The person's last own activity (a message they sent, an order); reactivation counts silence from it. */
  lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
  /** The profile question the bot asked last and waits an answer for ('consent', 'city', ...); null when none. */
  profileStep: text('profile_step'),
  profileAskedAt: timestamp('profile_asked_at', { withTimezone: true }),
}, (t) => [
  index('contacts_phone_idx').on(t.phone),
  // reactivation: who fell silent on a given day (their last activity, or first sight when they never acted)
  index('contacts_silent_since_idx').on(sql`coalesce(${t.lastActiveAt}, ${t.firstSeenAt})`),
  // birthdays: whose birthday is on a given month and day (mmdd)
  index('contacts_birthday_md_idx').on(sql`((extract(month from ${t.birthday}) * 100 + extract(day from ${t.birthday}))::int)`).where(sql`birthday is not null`),
])

/**
 * Platform ids (which can change after a re-login on some puppets) point at our own ids.
 * Exactly one of contact_id / group_id is set, matching `kind`.
 */
export const platformLinks = pgTable('platform_links', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  accountId: bigint('account_id', { mode: 'number' }).notNull().references(() => botAccounts.id),
  kind: text('kind', { enum: ['contact', 'room'] }).notNull(),
  platformId: text('platform_id').notNull(),
  contactId: bigint('contact_id', { mode: 'number' }).references(() => contacts.id),
  groupId: bigint('group_id', { mode: 'number' }).references(() => groups.id),
  linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
}, (t) => [
  // exactly-once: a platform id maps to one CRM row per account (insert ... on conflict do nothing)
  uniqueIndex('platform_links_account_kind_platform_key').on(t.accountId, t.kind, t.platformId),
  index('platform_links_contact_idx').on(t.contactId),
  index('platform_links_group_idx').on(t.groupId),
  check('platform_links_target_check', sql`(${t.kind} = 'contact' and ${t.contactId} is not null and ${t.groupId} is null) or (${t.kind} = 'room' and ${t.groupId} is not null and ${t.contactId} is null)`),
])
