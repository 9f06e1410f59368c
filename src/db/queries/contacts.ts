import { and, eq, isNotNull, isNull, ne, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { contacts } from '../schema/index.ts'

export type Contact = typeof contacts.$inferSelect

export async function getContact (db: DbOrTx, id: number): Promise<Contact | null> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id))
  return row ?? null
}

export async function updateDisplayName (db: DbOrTx, id: number, name: string): Promise<void> {
  await db.update(contacts).set({ displayName: name })
    .where(and(eq(contacts.id, id), isNull(contacts.erasedAt), sql`${contacts.displayName} is distinct from ${name}`))
}

/** Conditional update: the first confirmation of a friendship sets friend_since; repeats change nothing. */
/** The person is a friend of `accountId` (their DMs go out from it); true when they were not a friend before. */
export async function markFriend (db: DbOrTx, id: number, now: Date, accountId: number): Promise<boolean> {
  const rows = await db.update(contacts).set({ isFriend: true, friendSince: now, friendAccountId: accountId })
    .where(and(eq(contacts.id, id), eq(contacts.isFriend, false))).returning({ id: contacts.id })
  if (rows.length > 0) return true
  await db.update(contacts).set({ friendAccountId: accountId })
    .where(and(eq(contacts.id, id), or(isNull(contacts.friendAccountId), ne(contacts.friendAccountId, accountId))))
  return false
}

export async function setOptedOut (db: DbOrTx, id: number, now: Date): Promise<boolean> {
  const rows = await db.update(contacts).set({ optedOutAt: now })
    .where(and(eq(contacts.id, id), isNull(contacts.optedOutAt))).returning({ id: contacts.id })
  return rows.length > 0
}

export async function clearOptedOut (db: DbOrTx, id: number): Promise<boolean> {
  const rows = await db.update(contacts).set({ optedOutAt: null })
    .where(and(eq(contacts.id, id), isNotNull(contacts.optedOutAt))).returning({ id: contacts.id })
  return rows.length > 0
}

export async function findContactsByName (db: DbOrTx, name: string): Promise<Contact[]> {
  return db.select().from(contacts).where(and(eq(contacts.displayName, name), isNull(contacts.erasedAt))).limit(5)
}

export async function updateProfile (db: DbOrTx, id: number, fields: Partial<Pick<Contact, 'city' | 'interests' | 'birthday' | 'ageRange' | 'sourceChannel' | 'consentAt' | 'consentVersion' | 'optedOutAt' | 'isFriend' | 'friendSince'>>): Promise<void> {
  await db.update(contacts).set(fields).where(eq(contacts.id, id))
}
