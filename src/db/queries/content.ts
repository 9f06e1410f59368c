/** The content library and the posts of the daily cadence: reads and the small writes (claims, skips). */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, max, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { campaigns, contentItems, groups, posts } from '../schema/index.ts'

export type ContentItem = typeof contentItems.$inferSelect
export type NewContentItem = typeof contentItems.$inferInsert
export type Post = typeof posts.$inferSelect

/** Inserts the items that are not in the library yet; returns the new rows (content_items_fingerprint_key). */
export async function insertItems (db: DbOrTx, items: NewContentItem[]): Promise<Array<{ id: number, fingerprint: string, kind: 'content' | 'promo' }>> {
  if (items.length === 0) return []
  // exactly-once: content_items_fingerprint_key; an item imported twice is added once
  return db.insert(contentItems).values(items).onConflictDoNothing({ target: contentItems.fingerprint })
    .returning({ id: contentItems.id, fingerprint: contentItems.fingerprint, kind: contentItems.kind })
}

export async function itemsByFingerprint (db: DbOrTx, fingerprints: string[]): Promise<ContentItem[]> {
  if (fingerprints.length === 0) return []
  return db.select().from(contentItems).where(inArray(contentItems.fingerprint, fingerprints))
}

export async function getItem (db: DbOrTx, id: number): Promise<ContentItem | null> {
  const [row] = await db.select().from(contentItems).where(eq(contentItems.id, id))
  return row ?? null
}

/** Active items, newest first. */
export async function listItems (db: DbOrTx, kind: 'content' | 'promo' | null, limit: number, offset = 0): Promise<{ total: number, items: ContentItem[] }> {
  const where = and(isNull(contentItems.retiredAt), kind === null ? undefined : eq(contentItems.kind, kind))
  const [total] = await db.select({ n: count() }).from(contentItems).where(where)
  const items = await db.select().from(contentItems).where(where).orderBy(desc(contentItems.id)).limit(limit).offset(offset)
  return { total: total?.n ?? 0, items }
}

/** Conditional update: an item is retired once. */
export async function retireItem (db: DbOrTx, id: number, by: number | null, now: Date): Promise<ContentItem | null> {
  const [row] = await db.update(contentItems).set({ retiredAt: now, retiredBy: by })
    .where(and(eq(contentItems.id, id), isNull(contentItems.retiredAt))).returning()
  return row ?? null
}

/** How often an item went out, in how many groups, and when last. */
export async function itemUsage (db: DbOrTx, itemId: number): Promise<{ posts: number, groups: number, lastDay: string | null }> {
  const [row] = await db.select({ posts: count(), groups: sql<number>`count(distinct ${posts.groupId})::int`, lastDay: max(posts.day) }).from(posts)
    .where(and(eq(posts.itemId, itemId), eq(posts.status, 'posted')))
  return { posts: row?.posts ?? 0, groups: row?.groups ?? 0, lastDay: row?.lastDay ?? null }
}

export interface PlanEntry extends Post { itemText: string | null, campaignName: string | null, campaignKind: string | null }

/** A group's rows from `fromDay` to `toDay`, with what they hold, for /计划. */
export async function groupPlan (db: DbOrTx, groupId: number, fromDay: string, toDay: string): Promise<PlanEntry[]> {
  const rows = await db.select({ post: posts, itemText: contentItems.text, campaignName: campaigns.name, campaignKind: campaigns.kind }).from(posts)
    .leftJoin(contentItems, eq(contentItems.id, posts.itemId))
    .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
    .where(and(eq(posts.groupId, groupId), gte(posts.day, fromDay), lte(posts.day, toDay)))
    .orderBy(asc(posts.day), asc(posts.dueAt))
  return rows.map((r) => ({ ...r.post, itemText: r.itemText, campaignName: r.campaignName, campaignKind: r.campaignKind }))
}

export async function getPost (db: DbOrTx, id: number): Promise<Post | null> {
  const [row] = await db.select().from(posts).where(eq(posts.id, id))
  return row ?? null
}

export async function findSlot (db: DbOrTx, groupId: number, day: string, kind: 'content' | 'promo'): Promise<Post | null> {
  const [row] = await db.select().from(posts).where(and(eq(posts.groupId, groupId), eq(posts.day, day), eq(posts.kind, kind)))
  return row ?? null
}

/** The post, its group and what it holds, locked for the post job (the row only). */
export async function lockPostForPublish (db: DbOrTx, postId: number) {
  const [row] = await db.select({ post: posts, group: groups, item: contentItems, campaign: campaigns }).from(posts)
    .innerJoin(groups, eq(groups.id, posts.groupId))
    .leftJoin(contentItems, eq(contentItems.id, posts.itemId))
    .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
    .where(eq(posts.id, postId)).for('update', { of: posts })
  return row ?? null
}

/** Conditional update: planned -> posted, once, with the outbox row that carries it. */
export async function markPosted (db: DbOrTx, postId: number, outboxId: number | null, now: Date): Promise<boolean> {
  const rows = await db.update(posts).set({ status: 'posted', postedAt: now, outboxId })
    .where(and(eq(posts.id, postId), eq(posts.status, 'planned'))).returning({ id: posts.id })
  return rows.length > 0
}

type SkipReason = NonNullable<Post['skipReason']>

/** Conditional update: planned -> skipped, once. A skipped post's item is free again (it was not posted). */
export async function markSkipped (db: DbOrTx, postId: number, reason: SkipReason, by: number | null): Promise<Post | null> {
  const [row] = await db.update(posts).set({ status: 'skipped', skipReason: reason, skippedBy: by })
    .where(and(eq(posts.id, postId), eq(posts.status, 'planned'))).returning()
  return row ?? null
}

/** Moves a planned post to a new time; its job is queued again for that time. */
export async function movePost (db: DbOrTx, postId: number, dueAt: Date): Promise<boolean> {
  const rows = await db.update(posts).set({ dueAt, queuedAt: null })
    .where(and(eq(posts.id, postId), eq(posts.status, 'planned'))).returning({ id: posts.id })
  return rows.length > 0
}

/** The kinds of a group's day that hold nothing to post (planned empty, or skipped for lack of items). */
export async function emptyKinds (db: DbOrTx, groupId: number, day: string): Promise<Array<'content' | 'promo'>> {
  const rows = await db.select({ kind: posts.kind }).from(posts)
    .where(and(eq(posts.groupId, groupId), eq(posts.day, day), isNull(posts.itemId), isNull(posts.campaignId),
      sql`(${posts.status} = 'planned' or ${posts.skipReason} = 'no-item')`))
    .orderBy(asc(posts.kind))
  return rows.map((r) => r.kind)
}

/** Is the item used by another post of the group (not skipped) within `days` days of `day`? */
export async function usedNear (db: DbOrTx, groupId: number, itemId: number, day: string, days: number, exceptPostId: number): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(posts)
    .where(and(eq(posts.groupId, groupId), eq(posts.itemId, itemId), sql`${posts.status} <> 'skipped'`, sql`${posts.id} <> ${exceptPostId}`,
      sql`abs(${posts.day} - ${day}::date) < ${days}`))
  return (row?.n ?? 0) > 0
}

/** Conditional update: a planned slot takes the item an operator chose. */
export async function setSlotItem (db: DbOrTx, postId: number, itemId: number): Promise<boolean> {
  const rows = await db.update(posts).set({ itemId, campaignId: null })
    .where(and(eq(posts.id, postId), eq(posts.status, 'planned'))).returning({ id: posts.id })
  return rows.length > 0
}
