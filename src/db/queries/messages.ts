import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { messageLog } from '../schema/index.ts'

export type NewMessageLog = typeof messageLog.$inferInsert

/** Logs an inbound message; null when this platform message was logged before (a duplicate event). */
export async function logInbound (db: DbOrTx, values: Omit<NewMessageLog, 'direction'>): Promise<number | null> {
  const rows = await db.insert(messageLog).values({ ...values, direction: 'in' })
    .onConflictDoNothing({ target: [messageLog.accountId, messageLog.platformMessageId], where: sql`direction = 'in'` })
    .returning({ id: messageLog.id })
  return rows[0]?.id ?? null
}
