import { and, desc, eq, gt, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { contacts, exchanges, pointsLedger, rewardCatalog } from '../schema/index.ts'

export type LedgerEntry = typeof pointsLedger.$inferInsert
export type CatalogItem = typeof rewardCatalog.$inferSelect

export async function balanceOf (db: DbOrTx, contactId: number): Promise<number> {
  const [row] = await db.select({ sum: sql<number>`coalesce(sum(${pointsLedger.delta}), 0)::int` }).from(pointsLedger).where(eq(pointsLedger.contactId, contactId))
  return row?.sum ?? 0
}

/** Serializes every balance-lowering change of one person (select ... for update on their contact row). */
export async function lockPerson (db: DbOrTx, contactId: number): Promise<void> {
  await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId)).for('update')
}

/** Appends one row; false when its cause was booked before (points_ledger_cause_key). */
export async function book (db: DbOrTx, entry: LedgerEntry): Promise<boolean> {
  const rows = await db.insert(pointsLedger).values(entry).onConflictDoNothing().returning({ id: pointsLedger.id })
  return rows.length > 0
}

export async function recentEntries (db: DbOrTx, contactId: number, limit: number): Promise<Array<{ delta: number, reason: string }>> {
  return db.select({ delta: pointsLedger.delta, reason: pointsLedger.reason }).from(pointsLedger)
    .where(eq(pointsLedger.contactId, contactId)).orderBy(desc(pointsLedger.id)).limit(limit)
}

export async function activeCatalog (db: DbOrTx): Promise<CatalogItem[]> {
  return db.select().from(rewardCatalog).where(eq(rewardCatalog.active, true)).orderBy(rewardCatalog.cost, rewardCatalog.id)
}

/** By sku or exact name; else by a part of the name when exactly one item has it ("保温杯" finds "品牌保温杯"). */
export async function findItem (db: DbOrTx, typed: string): Promise<CatalogItem | null> {
  const [exact] = await db.select().from(rewardCatalog)
    .where(and(eq(rewardCatalog.active, true), or(sql`lower(${rewardCatalog.sku}) = lower(${typed})`, eq(rewardCatalog.name, typed))))
    .limit(1)
  if (exact) return exact
  const partial = await db.select().from(rewardCatalog)
    .where(and(eq(rewardCatalog.active, true), sql`strpos(${rewardCatalog.name}, ${typed}) > 0`)).limit(2)
  return partial.length === 1 ? partial[0]! : null
}

/** Conditional update: one unit leaves stock only while there is one. */
export async function takeOne (db: DbOrTx, itemId: number): Promise<boolean> {
  const rows = await db.update(rewardCatalog).set({ stock: sql`${rewardCatalog.stock} - 1` })
    .where(and(eq(rewardCatalog.id, itemId), gt(rewardCatalog.stock, 0))).returning({ id: rewardCatalog.id })
  return rows.length > 0
}

export async function insertExchange (db: DbOrTx, values: typeof exchanges.$inferInsert): Promise<number | null> {
  const rows = await db.insert(exchanges).values(values).onConflictDoNothing().returning({ id: exchanges.id })
  return rows[0]?.id ?? null
}

export async function upsertCatalogItem (db: DbOrTx, item: { sku: string, name: string, cost: number, stock: number }): Promise<void> {
  await db.insert(rewardCatalog).values(item).onConflictDoUpdate({ target: rewardCatalog.sku, set: { name: item.name, cost: item.cost, stock: item.stock, active: true } })
}
