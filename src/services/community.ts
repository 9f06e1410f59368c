/** People and groups as the platform shows them, turned into CRM rows (created on first sight). */
import { TransactionRollbackError } from 'drizzle-orm'
import { groupIdFor, linkContact, linkRoom } from '../db/queries/links.ts'
import { updateDisplayName } from '../db/queries/contacts.ts'
import { getGroup, insertGroup, type Group } from '../db/queries/groups.ts'
import { openMembership } from '../db/queries/memberships.ts'
import type { AppContext } from './context.ts'
import { linkOrdersOfNewContact } from './order-effects.ts'

export interface PlatformContact { platformId: string, name: string | null }
export interface PlatformRoom { platformId: string, topic: string | null }

export async function resolveContact (ctx: AppContext, who: PlatformContact): Promise<number> {
  const { id, created } = await linkContact(ctx.db, ctx.account.id, who.platformId, who.name, ctx.clock.now())
  if (!created && who.name) await updateDisplayName(ctx.db, id, who.name)
  // Orders the shop recorded before we knew this person (kept with their platform id) are linked now, once.
  if (created) await linkOrdersOfNewContact(ctx, id, who.platformId)
  return id
}

export interface GroupSettings {
  topic: string
  region?: string | null
  interests?: string[]
  operatorId?: number | null
  timezone?: string
  contentSlot?: string
  promoSlot?: string
}

/**
 * Registers a room as a group, with the members already in it as 'roster' stays (they are not new joins:
 * no welcome, and they are not new to the community). Returns the existing group if the room is known.
 */
export async function registerGroup (ctx: AppContext, room: PlatformRoom, settings: GroupSettings, roster: PlatformContact[]): Promise<Group> {
  const known = await groupIdFor(ctx.db, ctx.account.id, room.platformId)
  if (known !== null) return (await getGroup(ctx.db, known))!
  const now = ctx.clock.now()
  const group = await ctx.db.transaction(async (tx) => {
    const created = await insertGroup(tx, {
      accountId: ctx.account.id,
      topic: settings.topic,
      region: settings.region ?? null,
      interests: settings.interests ?? [],
      operatorId: settings.operatorId ?? null,
      timezone: settings.timezone ?? ctx.config.DEFAULT_TIMEZONE,
      contentSlot: settings.contentSlot ?? '10:00',
      promoSlot: settings.promoSlot ?? '20:00',
      createdAt: now,
    })
    await linkRoom(tx, ctx.account.id, room.platformId, created.id, now)
    // platform_links_account_kind_platform_key: if another event registered the room first, keep theirs
    if ((await groupIdFor(tx, ctx.account.id, room.platformId)) !== created.id) tx.rollback()
    return created
  }).catch((err: unknown) => {
    if (err instanceof TransactionRollbackError) return null
    throw err
  })
  if (group === null) return (await getGroup(ctx.db, (await groupIdFor(ctx.db, ctx.account.id, room.platformId))!))!
  for (const member of roster) {
    const contactId = await resolveContact(ctx, member)
    await openMembership(ctx.db, { groupId: group.id, contactId, joinedAt: now, inviterId: null, source: 'roster' })
  }
  ctx.logger.info({ groupId: group.id, topic: group.topic, members: roster.length }, 'group registered')
  return group
}

/** The group behind a room, registering a room seen for the first time with what the platform tells us. */
export async function resolveGroup (ctx: AppContext, room: PlatformRoom, roster: () => Promise<PlatformContact[]>): Promise<Group> {
  const known = await groupIdFor(ctx.db, ctx.account.id, room.platformId)
  if (known !== null) return (await getGroup(ctx.db, known))!
  return registerGroup(ctx, room, { topic: room.topic ?? room.platformId }, await roster())
}
