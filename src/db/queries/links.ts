/** Platform id <-> CRM id. Platform ids can change after a re-login; the CRM id never does. */
import { and, desc, eq, inArray, TransactionRollbackError } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { contacts, groups, platformLinks } from '../schema/index.ts'

export async function contactIdFor (db: DbOrTx, accountId: number, platformId: string): Promise<number | null> {
  const [row] = await db.select({ id: platformLinks.contactId }).from(platformLinks)
    .where(and(eq(platformLinks.accountId, accountId), eq(platformLinks.kind, 'contact'), eq(platformLinks.platformId, platformId)))
  return row?.id ?? null
}

export async function groupIdFor (db: DbOrTx, accountId: number, platformId: string): Promise<number | null> {
  const [row] = await db.select({ id: platformLinks.groupId }).from(platformLinks)
    .where(and(eq(platformLinks.accountId, accountId), eq(platformLinks.kind, 'room'), eq(platformLinks.platformId, platformId)))
  return row?.id ?? null
}

/**
 * The contact's CRM id, creating the contact and its link on first sight. Two events racing for a new
 * platform id both insert a contact, but platform_links_account_kind_platform_key lets one link win; the
 * loser's transaction rolls back, so no orphan contact is left.
 */
export async function linkContact (db: DbOrTx, accountId: number, platformId: string, name: string | null, now: Date): Promise<{ id: number, created: boolean }> {
  const existing = await contactIdFor(db, accountId, platformId)
  if (existing !== null) return { id: existing, created: false }
  const created = await db.transaction(async (tx) => {
    const [contact] = await tx.insert(contacts).values({ displayName: name, firstSeenAt: now }).returning({ id: contacts.id })
    const linked = await tx.insert(platformLinks)
      .values({ accountId, kind: 'contact', platformId, contactId: contact!.id, linkedAt: now })
      .onConflictDoNothing().returning({ id: platformLinks.id })
    if (linked.length === 0) { tx.rollback() }
    return contact!.id
  }).catch((err: unknown) => {
    if (err instanceof TransactionRollbackError) return null
    throw err
  })
  if (created !== null) return { id: created, created: true }
  return { id: (await contactIdFor(db, accountId, platformId))!, created: false }
}

export async function linkRoom (db: DbOrTx, accountId: number, platformId: string, groupId: number, now: Date): Promise<void> {
  await db.insert(platformLinks).values({ accountId, kind: 'room', platformId, groupId, linkedAt: now }).onConflictDoNothing()
}

export async function contactPlatformIds (db: DbOrTx, accountId: number, contactIds: number[]): Promise<Map<number, string>> {
  if (contactIds.length === 0) return new Map()
  const rows = await db.select({ contactId: platformLinks.contactId, platformId: platformLinks.platformId }).from(platformLinks)
    .where(and(eq(platformLinks.accountId, accountId), eq(platformLinks.kind, 'contact'), inArray(platformLinks.contactId, contactIds)))
    .orderBy(desc(platformLinks.linkedAt))
  const out = new Map<number, string>()
  for (const r of rows) if (r.contactId !== null && !out.has(r.contactId)) out.set(r.contactId, r.platformId)
  return out
}

export async function roomPlatformId (db: DbOrTx, accountId: number, groupId: number): Promise<string | null> {
  const [row] = await db.select({ platformId: platformLinks.platformId }).from(platformLinks)
    .where(and(eq(platformLinks.accountId, accountId), eq(platformLinks.kind, 'room'), eq(platformLinks.groupId, groupId)))
    .orderBy(desc(platformLinks.linkedAt)).limit(1)
  return row?.platformId ?? null
}

export { contacts, groups }
