import { sql } from 'drizzle-orm'
import { bigint, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'
import { groups } from './groups.ts'
import { memberships } from './memberships.ts'

export const REFERRAL_STATUSES = ['pending', 'qualified', 'rejected'] as const
export const REFERRAL_REJECTIONS = ['not-new', 'already-referred', 'self', 'bot', 'left-early'] as const

/**
 * A join that the platform says someone invited (SPEC 3.4): pending for the hold period, then qualified or
 * rejected with its reason. Invited by the bot (its group QR code) is recorded too, rejected as 'bot'.
 */
export const referrals = pgTable('referrals', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  inviterId: bigint('inviter_id', { mode: 'number' }).references(() => contacts.id),
  inviteeId: bigint('invitee_id', { mode: 'number' }).notNull().references(() => contacts.id),
  groupId: bigint('group_id', { mode: 'number' }).notNull().references(() => groups.id),
  membershipId: bigint('membership_id', { mode: 'number' }).notNull().references(() => memberships.id),
  status: text('status', { enum: REFERRAL_STATUSES }).notNull(),
  reason: text('reason', { enum: REFERRAL_REJECTIONS }),
  joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
  qualifiesAt: timestamp('qualifies_at', { withTimezone: true }).notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
}, (t) => [
  // exactly-once: first inviter wins; one counting (pending or qualified) referral per invitee, ever
  uniqueIndex('referrals_invitee_counting_key').on(t.inviteeId).where(sql`status in ('pending', 'qualified')`),
  // exactly-once: the same inviter and invitee make one record, however often the invitee rejoins
  uniqueIndex('referrals_pair_key').on(t.inviterId, t.inviteeId).where(sql`inviter_id is not null`),
  // exactly-once: one record per stay (a duplicate room-join event records nothing new)
  uniqueIndex('referrals_membership_key').on(t.membershipId),
  index('referrals_inviter_idx').on(t.inviterId, t.status),
  index('referrals_group_decided_idx').on(t.groupId, t.decidedAt),
  check('referrals_inviter_check', sql`${t.inviterId} is not null or ${t.reason} = 'bot'`),
  check('referrals_reason_check', sql`(${t.status} = 'rejected') = (${t.reason} is not null)`),
])

export const REWARD_STATUSES = ['held', 'granted', 'rejected'] as const

/** The trial pack for 3 qualified referrals: one row per inviter and kind, ever. */
export const rewardGrants = pgTable('reward_grants', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  inviterId: bigint('inviter_id', { mode: 'number' }).notNull().references(() => contacts.id),
  kind: text('kind').notNull(),
  status: text('status', { enum: REWARD_STATUSES }).notNull(),
  /** Why it was held (fraud signals) or rejected (the reviewer's words). */
  detail: jsonb('detail').$type<{ signals?: string[], note?: string }>().notNull().default({}),
  groupId: bigint('group_id', { mode: 'number' }).references(() => groups.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: bigint('decided_by', { mode: 'number' }).references(() => contacts.id),
}, (t) => [
  // exactly-once: the trial pack (or any reward kind) is granted to an inviter at most once
  uniqueIndex('reward_grants_inviter_kind_key').on(t.inviterId, t.kind),
  index('reward_grants_status_idx').on(t.status),
])
