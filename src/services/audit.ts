import { writeAudit } from '../db/queries/audit.ts'
import type { AppContext } from './context.ts'

/** Writes one audit line for a privileged action by a chat user (or the system when actor is null). */
export async function audit (ctx: AppContext, actorContactId: number | null, action: string, outcome: 'ok' | 'denied' | 'error', detail: Record<string, unknown> = {}, via = 'chat'): Promise<void> {
  await writeAudit(ctx.db, { actorContactId, via, action, outcome, detail, at: ctx.clock.now() })
}
