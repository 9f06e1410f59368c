/** Telling staff: the group's operator, else the owners and admins. By DM to friends only (SPEC 1). */
import { eq } from 'drizzle-orm'
import { getGroup } from '../db/queries/groups.ts'
import { staffWithRoles } from '../db/queries/staff.ts'
import { contacts } from '../db/schema/index.ts'
import type { Messages } from '../messages/index.ts'
import type { AppContext } from './context.ts'
import { enqueueAction } from './outbox.ts'

export async function staffToTell (ctx: AppContext, groupId: number | null): Promise<number[]> {
  const group = groupId !== null ? await getGroup(ctx.db, groupId) : null
  const ids = group?.operatorId ? [group.operatorId] : (await staffWithRoles(ctx.db, ['owner', 'admin'])).map((s) => s.contactId)
  const friends: number[] = []
  for (const id of ids) {
    const [row] = await ctx.db.select({ isFriend: contacts.isFriend }).from(contacts).where(eq(contacts.id, id))
    if (row?.isFriend) friends.push(id)
  }
  return friends
}

/** Queues one alert DM per staff member to tell; `key` makes repeats of the same alert a no-op. */
export async function notifyOperators (ctx: AppContext, groupId: number | null, text: (m: Messages) => string, key: string): Promise<void> {
  for (const contactId of await staffToTell(ctx, groupId)) {
    await enqueueAction(ctx, { kind: 'text', purpose: 'alert', idemKey: `${key}-to-${contactId}`, contactId, text: text(ctx.messages) })
  }
}
