import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { contacts } from './contacts.ts'
import { groups } from './groups.ts'

export const CAMPAIGN_KINDS = ['flash_sale', 'new_product', 'group_buy', 'lottery', 'holiday'] as const
export const CAMPAIGN_STATUSES = ['draft', 'approved', 'scheduled', 'running', 'done', 'cancelled'] as const
export const CAMPAIGN_TARGETS = ['all', 'tags', 'list'] as const

/**
 * Marketing campaigns (SPEC 3.8). Lifecycle, each arrow a conditional update: draft -> approved (an owner or admin)
 * -> scheduled (the planner gave it a slot) -> running (its window began) -> done (its window ended; lottery drawn,
 * group-buys settled), or -> cancelled from draft, approved or scheduled before the window begins.
 */
export const campaigns = pgTable('campaigns', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind', { enum: CAMPAIGN_KINDS }).notNull(),
  name: text('name').notNull(),
  /** The promo text posted in the targeted groups on each day of the window. */
  text: text('text').notNull(),
  imageUrl: text('image_url'),
  linkUrl: text('link_url'),
  /** Higher wins a day's promo slot when campaigns overlap. */
  priority: integer('priority').notNull().default(0),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  targetKind: text('target_kind', { enum: CAMPAIGN_TARGETS }).notNull(),
  /** target 'tags': a group matches when its region or one of its interests is among these. */
  targetTags: text('target_tags').array().notNull().default(sql`'{}'::text[]`),
  /** target 'list': these groups. */
  targetGroupIds: bigint('target_group_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
  /** Lottery: the word members reply in the group to enter, how many win, and what. */
  keyword: text('keyword'),
  winners: integer('winners'),
  prize: text('prize'),
  /** Group-buy (拼团): joins a group's team needs to succeed. */
  groupSize: integer('group_size'),
  status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => contacts.id),
  /** 'chat' | 'api:<token name>' | 'sandbox': an API token may not approve what it created (unless admin). */
  createdVia: text('created_via').notNull(),
  /** The request that created it (a chat message id, an API Idempotency-Key): one campaign per request. */
  requestKey: text('request_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  approvedBy: bigint('approved_by', { mode: 'number' }).references(() => contacts.id),
  approvedVia: text('approved_via'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  startedAt: timestamp('started_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  /** The seed of the lottery draw, kept so anyone can repeat the draw and check the winners. */
  drawSeed: bigint('draw_seed', { mode: 'number' }),
}, (t) => [
  // exactly-once: a chat message or API request delivered twice creates one campaign
  uniqueIndex('campaigns_request_key').on(t.requestKey),
  index('campaigns_status_idx').on(t.status, t.startsAt),
  check('campaigns_window_check', sql`${t.endsAt} > ${t.startsAt}`),
  check('campaigns_lottery_check', sql`${t.kind} <> 'lottery' or (${t.keyword} is not null and ${t.winners} > 0)`),
  check('campaigns_group_buy_check', sql`${t.kind} <> 'group_buy' or ${t.groupSize} > 1`),
])

export const GROUP_OUTCOMES = ['formed', 'failed', 'drawn'] as const

/**
 * The groups a campaign runs in, fixed when it is approved and topped up by the planner (a group tagged later joins
 * a campaign that has not ended). For a group-buy this row is the group's team; for lotteries and group-buys it
 * carries the result announcement, posted once at an allowed hour.
 */
export const campaignGroups = pgTable('campaign_groups', {
  campaignId: bigint('campaign_id', { mode: 'number' }).notNull().references(() => campaigns.id),
  groupId: bigint('group_id', { mode: 'number' }).notNull().references(() => groups.id),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  /** Group-buy: when the team reached its size (conditional update, once). */
  formedAt: timestamp('formed_at', { withTimezone: true }),
  outcome: text('outcome', { enum: GROUP_OUTCOMES }),
  /** When the result may be posted (the end, or 08:00 local after quiet hours); null: nothing to announce. */
  announceDueAt: timestamp('announce_due_at', { withTimezone: true }),
  announcedAt: timestamp('announced_at', { withTimezone: true }),
}, (t) => [
  // exactly-once: a group is in a campaign once
  primaryKey({ name: 'campaign_groups_pkey', columns: [t.campaignId, t.groupId] }),
  index('campaign_groups_group_idx').on(t.groupId),
])

/** 抽奖 entries: one per person and campaign, so nobody can win twice; `rank` is set on the winners by the draw. */
export const lotteryEntries = pgTable('lottery_entries', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  campaignId: bigint('campaign_id', { mode: 'number' }).notNull().references(() => campaigns.id),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  groupId: bigint('group_id', { mode: 'number' }).notNull().references(() => groups.id),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  /** 1..winners for the winners, in draw order; null for everyone else. */
  rank: integer('rank'),
}, (t) => [
  // exactly-once: one entry per person per lottery, so at most one win per person
  uniqueIndex('lottery_entries_campaign_contact_key').on(t.campaignId, t.contactId),
  uniqueIndex('lottery_entries_campaign_rank_key').on(t.campaignId, t.rank),
])

/** 拼团 joins: one per person and campaign, counted towards their group's team. */
export const groupBuyJoins = pgTable('group_buy_joins', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  campaignId: bigint('campaign_id', { mode: 'number' }).notNull().references(() => campaigns.id),
  groupId: bigint('group_id', { mode: 'number' }).notNull().references(() => groups.id),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
}, (t) => [
  // exactly-once: one join per person per group-buy
  uniqueIndex('group_buy_joins_campaign_contact_key').on(t.campaignId, t.contactId),
  index('group_buy_joins_team_idx').on(t.campaignId, t.groupId),
])
