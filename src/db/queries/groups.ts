import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { groups } from '../schema/index.ts'

export type Group = typeof groups.$inferSelect
export type NewGroup = typeof groups.$inferInsert

export async function getGroup (db: DbOrTx, id: number): Promise<Group | null> {
  const [row] = await db.select().from(groups).where(eq(groups.id, id))
  return row ?? null
}

export async function insertGroup (db: DbOrTx, values: NewGroup): Promise<Group> {
  const [row] = await db.insert(groups).values(values).returning()
  return row!
}

export async function updateGroup (db: DbOrTx, id: number, fields: Partial<Pick<Group, 'region' | 'interests' | 'operatorId' | 'timezone' | 'contentSlot' | 'promoSlot' | 'topic' | 'active'>>): Promise<void> {
  await db.update(groups).set(fields).where(eq(groups.id, id))
}
