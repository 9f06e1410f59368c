import { and, eq, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { botAccounts } from '../schema/index.ts'

export type BotAccount = typeof botAccounts.$inferSelect

export async function ensureAccount (db: DbOrTx, key: string): Promise<BotAccount> {
  // exactly-once: bot_accounts_key_key; a second process starting at the same time reads the winner's row
  await db.insert(botAccounts).values({ key }).onConflictDoNothing({ target: botAccounts.key })
  const [row] = await db.select().from(botAccounts).where(eq(botAccounts.key, key))
  return row!
}

/** Stores a fresh claim code hash while the account is unclaimed; false once someone has claimed it. */
export async function setClaimCodeHash (db: DbOrTx, accountId: number, hash: string): Promise<boolean> {
  const rows = await db.update(botAccounts).set({ claimCodeHash: hash })
    .where(and(eq(botAccounts.id, accountId), isNull(botAccounts.claimedAt)))
    .returning({ id: botAccounts.id })
  return rows.length > 0
}

/** Conditional update: of two people racing with the right code, exactly one claims. */
export async function consumeClaimCode (db: DbOrTx, accountId: number, hash: string, now: Date): Promise<boolean> {
  const rows = await db.update(botAccounts).set({ claimCodeHash: null, claimedAt: now })
    .where(and(eq(botAccounts.id, accountId), eq(botAccounts.claimCodeHash, hash), isNull(botAccounts.claimedAt)))
    .returning({ id: botAccounts.id })
  return rows.length > 0
}

export async function markClaimed (db: DbOrTx, accountId: number, now: Date): Promise<void> {
  await db.update(botAccounts).set({ claimCodeHash: null, claimedAt: now })
    .where(and(eq(botAccounts.id, accountId), isNull(botAccounts.claimedAt)))
}

export async function setSelfPlatformId (db: DbOrTx, accountId: number, platformId: string, name: string | null): Promise<void> {
  await db.update(botAccounts).set({ selfPlatformId: platformId, name }).where(eq(botAccounts.id, accountId))
}

export async function accountKeyOf (db: DbOrTx, accountId: number): Promise<string> {
  const [row] = await db.select({ key: botAccounts.key }).from(botAccounts).where(eq(botAccounts.id, accountId))
  if (!row) throw new Error(`no bot account ${accountId}`)
  return row.key
}
