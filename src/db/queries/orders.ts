import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { contacts, orderItems, orders, products } from '../schema/index.ts'

export type Product = typeof products.$inferSelect
export type Order = typeof orders.$inferSelect

export async function productsBySku (db: DbOrTx, skus: string[]): Promise<Map<string, Product>> {
  if (skus.length === 0) return new Map()
  const rows = await db.select().from(products).where(inArray(products.sku, skus))
  return new Map(rows.map((p) => [p.sku, p]))
}

/** Creates or updates a product by sku (catalogue sync, CSV import, sandbox). */
export async function upsertProduct (db: DbOrTx, values: { sku: string, name: string, price: number, cycleDays: number | null }, now: Date): Promise<void> {
  await db.insert(products).values({ ...values, createdAt: now })
    .onConflictDoUpdate({ target: products.sku, set: { name: values.name, price: values.price, cycleDays: values.cycleDays } })
}

/** Inserts the order; null when (source, external id) was recorded before (orders_source_external_key). */
export async function insertOrder (db: DbOrTx, values: typeof orders.$inferInsert): Promise<number | null> {
  const rows = await db.insert(orders).values(values).onConflictDoNothing().returning({ id: orders.id })
  return rows[0]?.id ?? null
}

export async function orderIdFor (db: DbOrTx, source: string, externalId: string): Promise<number | null> {
  const [row] = await db.select({ id: orders.id }).from(orders).where(and(eq(orders.source, source), eq(orders.externalId, externalId)))
  return row?.id ?? null
}

export async function insertOrderItems (db: DbOrTx, rows: Array<typeof orderItems.$inferInsert>): Promise<void> {
  if (rows.length > 0) await db.insert(orderItems).values(rows)
}

/** The one live contact with this (normalized) phone; null when none or several have it. */
export async function contactByPhone (db: DbOrTx, phone: string): Promise<number | null> {
  const rows = await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.phone, phone), isNull(contacts.erasedAt))).limit(2)
  return rows.length === 1 ? rows[0]!.id : null
}
