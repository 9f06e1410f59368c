/** Telling staff: the group's operator, else the owners and admins. By DM to friends only (SPEC 1). */
import { eq } from 'drizzle-orm'
import { getGroup } from '../db/queries/groups.ts'
import { staffWithRoles } from '../db/queries/staff.ts'
import { contacts } from '../db/schema/index.ts'
import type { Messages } from '../messages/index.ts'
import type { AppContext } from './context.ts'
import type { DbOrTx } from '../db/client.ts'
import { dispatch, stageAction, type Staged } from './outbox.ts'

/** The group's operator if the bot can DM them, else the owners and admins it can DM. */
export async function staffToTell (db: DbOrTx, groupId: number | null): Promise<number[]> {
  const friendsAmong = async (ids: number[]): Promise<number[]> => {
    const out: number[] = []
    for (const id of ids) {
      const [row] = await db.select({ isFriend: contacts.isFriend }).from(contacts).where(eq(contacts.id, id))
      if (row?.isFriend) out.push(id)
    }
    return out
  }
  const group = groupId !== null ? await getGroup(db, groupId) : null
  const operator = group?.operatorId ? await friendsAmong([group.operatorId]) : []
  return operator.length > 0 ? operator : friendsAmong((await staffWithRoles(db, ['owner', 'admin'])).map((s) => s.contactId))
}

/** Stages one alert DM per staff member to tell, inside the caller's transaction; dispatch them after the commit. */
export async function stageAlerts (ctx: AppContext, db: DbOrTx, groupId: number | null, text: (m: Messages) => string, key: string): Promise<Staged[]> {
  const staged: Staged[] = []
  for (const contactId of await staffToTell(db, groupId)) {
    const s = await stageAction(ctx, db, { kind: 'text', purpose: 'alert', idemKey: `${key}-to-${contactId}`, contactId, text: text(ctx.messages) })
    if (s) staged.push(s)
  }
  return staged
}

/** Queues one alert DM per staff member to tell; `key` makes repeats of the same alert a no-op. */
export async function notifyOperators (ctx: AppContext, groupId: number | null, text: (m: Messages) => string, key: string): Promise<void> {
  for (const s of await stageAlerts(ctx, ctx.db, groupId, text, key)) await dispatch(ctx, s)
}
