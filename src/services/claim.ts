/** The first owner claims the bot with a one-time code printed at first start (SPEC 3.12). */
import { createHash } from 'node:crypto'
import { count, eq } from 'drizzle-orm'
import { consumeClaimCode, markClaimed, setClaimCodeHash } from '../db/queries/accounts.ts'
import { botAccounts, staffMembers } from '../db/schema/index.ts'
import { setRole } from '../db/queries/staff.ts'
import { makeClaimCode, normalizeClaimCode } from '../domain/claim-code.ts'
import { audit } from './audit.ts'
import type { AppContext } from './context.ts'

const hash = (code: string): string => createHash('sha256').update(normalizeClaimCode(code)).digest('hex')

/**
 * Returns a fresh claim code while nobody owns the bot (the plain code is never stored, so each start prints a
 * new one and the old one stops working), or null once the bot has an owner.
 */
export async function ensureClaimCode (ctx: AppContext): Promise<string | null> {
  const [owners] = await ctx.db.select({ n: count() }).from(staffMembers).where(eq(staffMembers.role, 'owner'))
  if ((owners?.n ?? 0) > 0) {
    await markClaimed(ctx.db, ctx.account.id, ctx.clock.now())
    return null
  }
  let i = 0
  const code = makeClaimCode(() => ctx.unguessable(`claim-${i++}`))
  return (await setClaimCodeHash(ctx.db, ctx.account.id, hash(code))) ? code : null
}

export type ClaimOutcome = 'ok' | 'bad' | 'already-owned'

export async function claim (ctx: AppContext, contactId: number, typed: string): Promise<ClaimOutcome> {
  const won = await ctx.db.transaction(async (tx) => {
    if (!(await consumeClaimCode(tx, ctx.account.id, hash(typed), ctx.clock.now()))) return false
    await setRole(tx, contactId, 'owner', null, ctx.clock.now())
    return true
  })
  if (won) {
    await audit(ctx, contactId, 'claim', 'ok')
    return 'ok'
  }
  const [account] = await ctx.db.select({ claimedAt: botAccounts.claimedAt }).from(botAccounts).where(eq(botAccounts.id, ctx.account.id))
  await audit(ctx, contactId, 'claim', 'denied')
  return account?.claimedAt ? 'already-owned' : 'bad'
}
