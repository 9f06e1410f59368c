/** Commands a person runs on their own record: /whoami, TD / 退订, /订阅. */
import { inArray } from 'drizzle-orm'
import { clearOptedOut, getContact, setOptedOut } from '../../db/queries/contacts.ts'
import { groupsOfContact } from '../../db/queries/memberships.ts'
import { groups } from '../../db/schema/index.ts'
import type { AppContext } from '../context.ts'
import { profileOf } from '../profile.ts'
import type { Caller, Reply } from './types.ts'

export async function whoami (ctx: AppContext, caller: Caller): Promise<Reply> {
  const contact = await getContact(ctx.db, caller.contactId)
  const groupIds = await groupsOfContact(ctx.db, caller.contactId)
  const topics = groupIds.length === 0 ? [] : (await ctx.db.select({ topic: groups.topic }).from(groups).where(inArray(groups.id, groupIds)).orderBy(groups.id)).map((g) => g.topic)
  return ctx.messages.whoami({
    name: contact?.displayName ?? '',
    role: caller.role,
    groups: topics,
    subscribed: contact?.optedOutAt == null,
    friend: contact?.isFriend ?? false,
    ...(contact ? { profile: profileOf(contact), consented: contact.consentAt !== null } : {}),
  })
}

export async function unsubscribe (ctx: AppContext, caller: Caller): Promise<Reply> {
  return (await setOptedOut(ctx.db, caller.contactId, ctx.clock.now())) ? ctx.messages.unsubscribed() : ctx.messages.alreadyUnsubscribed()
}

export async function subscribe (ctx: AppContext, caller: Caller): Promise<Reply> {
  return (await clearOptedOut(ctx.db, caller.contactId)) ? ctx.messages.subscribed() : ctx.messages.alreadySubscribed()
}
