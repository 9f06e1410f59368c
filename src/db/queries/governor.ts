import { eq } from 'drizzle-orm'
import type { GovernorMemory } from '../../domain/governor.ts'
import type { Tx } from '../client.ts'
import { governorState } from '../schema/index.ts'

/** Locks the account's governor row for the rest of the transaction (creating it on first use). */
export async function lockGovernor (tx: Tx, accountId: number, now: Date): Promise<GovernorMemory> {
  await tx.insert(governorState).values({ accountId, updatedAt: now }).onConflictDoNothing()
  const [row] = await tx.select().from(governorState).where(eq(governorState.accountId, accountId)).for('update')
  return { recent: row!.recent, pausedUntil: row!.pausedUntil, backoffLevel: row!.backoffLevel, incidentSince: row!.incidentSince }
}

export async function saveGovernor (tx: Tx, accountId: number, memory: GovernorMemory, now: Date): Promise<void> {
  await tx.update(governorState)
    .set({ recent: memory.recent, pausedUntil: memory.pausedUntil, backoffLevel: memory.backoffLevel, incidentSince: memory.incidentSince, updatedAt: now })
    .where(eq(governorState.accountId, accountId))
}
