import type { DbOrTx } from '../client.ts'
import { auditLog } from '../schema/index.ts'

export type AuditEntry = typeof auditLog.$inferInsert

export async function writeAudit (db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry)
}
