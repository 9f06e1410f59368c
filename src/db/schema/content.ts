import { sql } from 'drizzle-orm'
import { bigint, check, date, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { campaigns } from './campaigns.ts'
import { contacts } from './contacts.ts'
import { groups } from './groups.ts'
import { outbox } from './outbox.ts'

export const POST_KINDS = ['content', 'promo'] as const
export const POST_STATUSES = ['planned', 'posted', 'skipped'] as const
/**
 * Why a planned slot was not posted: an operator skipped it, nothing eligible was left, the group was registered
 * after the slot's time, the job came too late (next day or quiet hours), the group went inactive, or the item or
 * campaign was withdrawn at the last moment.
 */
export const POST_SKIP_REASONS = ['operator', 'no-item', 'joined-late', 'missed', 'group-inactive', 'withdrawn'] as const

/**
 * The content library (SPEC 3.2): 干货 (`content`) and promo items, matched to groups by region and interests.
 * An item without a region fits every region; an item without interests fits every group. Items are never
 * deleted: retiring one keeps the history of where it was posted.
 */
export const contentItems = pgTable('content_items', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind', { enum: POST_KINDS }).notNull(),
  text: text('text').notNull(),
  imageUrl: text('image_url'),
  linkUrl: text('link_url'),
  region: text('region'),
  interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
  validFrom: timestamp('valid_from', { withTimezone: true }),
  validUntil: timestamp('valid_until', { withTimezone: true }),
  /**
   * Validity given as whole days ("2026-12-01 to 2026-12-31", both included): read in each group's own timezone,
   * so a Dec 1 item starts on Dec 1 in Shanghai and in Los Angeles alike. Null when not given as days.
   */
  validFromDay: date('valid_from_day', { mode: 'string' }),
  validUntilDay: date('valid_until_day', { mode: 'string' }),
  /** Who added it by chat; null for imports by CLI, API or the sandbox (see `source`). */
  authorId: bigint('author_id', { mode: 'number' }).references(() => contacts.id),
  /** 'chat' | 'cli' | 'api:<token name>' | 'sandbox' */
  source: text('source').notNull(),
  /** sha256 of kind, text (whitespace folded), image and link: the natural key that makes imports idempotent. */
  fingerprint: text('fingerprint').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  retiredBy: bigint('retired_by', { mode: 'number' }).references(() => contacts.id),
}, (t) => [
  // exactly-once: the same item (kind, text, image, link) is in the library once, however often it is imported
  uniqueIndex('content_items_fingerprint_key').on(t.fingerprint),
  index('content_items_kind_active_idx').on(t.kind).where(sql`retired_at is null`),
  check('content_items_validity_check', sql`${t.validFrom} is null or ${t.validUntil} is null or ${t.validFrom} < ${t.validUntil}`),
  check('content_items_validity_days_check', sql`${t.validFromDay} is null or ${t.validUntilDay} is null or ${t.validFromDay} <= ${t.validUntilDay}`),
])

/**
 * One row per group, local calendar day and kind: the plan of that slot and what became of it. Planned rows carry
 * the library item or the campaign chosen for them (neither: nothing eligible) and when they are due; the post job
 * claims a planned row and stages its outbox send in the same transaction.
 */
export const posts = pgTable('posts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  groupId: bigint('group_id', { mode: 'number' }).notNull().references(() => groups.id),
  /** The group's local calendar day (its timezone when planned). */
  day: date('day', { mode: 'string' }).notNull(),
  kind: text('kind', { enum: POST_KINDS }).notNull(),
  status: text('status', { enum: POST_STATUSES }).notNull(),
  itemId: bigint('item_id', { mode: 'number' }).references(() => contentItems.id),
  campaignId: bigint('campaign_id', { mode: 'number' }).references(() => campaigns.id),
  /** The slot time plus the group's spread offset (or a campaign's start notice). */
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  /** Set once the post job for the current `due_at` is in the queue; cleared when `due_at` moves. */
  queuedAt: timestamp('queued_at', { withTimezone: true }),
  plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
  postedAt: timestamp('posted_at', { withTimezone: true }),
  outboxId: bigint('outbox_id', { mode: 'number' }).references(() => outbox.id),
  skipReason: text('skip_reason', { enum: POST_SKIP_REASONS }),
  skippedBy: bigint('skipped_by', { mode: 'number' }).references(() => contacts.id),
}, (t) => [
  // exactly-once: one post per (group, day, kind), whatever planner runs, retries, crashes or restarts do
  uniqueIndex('posts_group_day_kind_key').on(t.groupId, t.day, t.kind),
  // the least-recently-used pick and the 30-day rule look up an item's last day in a group
  index('posts_group_item_day_idx').on(t.groupId, t.itemId, t.day),
  index('posts_planned_due_idx').on(t.dueAt).where(sql`status = 'planned'`),
  index('posts_campaign_idx').on(t.campaignId),
  check('posts_skip_reason_check', sql`(${t.status} = 'skipped') = (${t.skipReason} is not null)`),
  check('posts_one_source_check', sql`${t.itemId} is null or ${t.campaignId} is null`),
])
