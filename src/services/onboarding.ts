/**
 * Joins, leaves and friendships (SPEC 3.3): one group welcome per minute of joins, friend requests accepted
 * and answered with a greeting.
 */
import { closeMembership, flushWelcomeBatch, openMembership, openOrJoinWelcomeBatch, attachToWelcomeBatch, welcomeBatchMembers } from '../db/queries/memberships.ts'
import { getContact, markFriend } from '../db/queries/contacts.ts'
import type { OutboxRow } from '../db/queries/outbox.ts'
import { jobId } from '../jobs/contracts.ts'
import { resolveContact, type PlatformContact } from './community.ts'
import type { AppContext } from './context.ts'
import { dispatch, enqueueAction, stageAction } from './outbox.ts'
import type { Invitation } from '../domain/referrals.ts'
import { deliverPendingRewards, nothingAfter, onStayEnded, recordReferral, runAfterCommit } from './referrals.ts'

export interface JoinInput { groupId: number, invitees: PlatformContact[], inviter: PlatformContact | null, selfPlatformId: string | null }

/**
 * Records the stays, puts the newcomers in the group's open welcome batch and records who invited them
 * (a referral), all in one transaction per newcomer. Duplicate events add nothing.
 */
export async function onJoin (ctx: AppContext, input: JoinInput): Promise<void> {
  const now = ctx.clock.now()
  for (const invitee of input.invitees) {
    if (invitee.platformId === input.selfPlatformId) continue
    const contactId = await resolveContact(ctx, invitee)
    // WeChat always names an inviter: the bot (its QR code, or it added them), the newcomer, or a member.
    const invitedBy: Invitation = input.inviter === null || input.inviter.platformId === input.selfPlatformId
      ? 'bot'
      : input.inviter.platformId === invitee.platformId ? 'self' : 'member'
    const inviterId = invitedBy === 'member' ? await resolveContact(ctx, input.inviter!) : null
    const after = nothingAfter()
    const flush = await ctx.db.transaction(async (tx) => {
      const membershipId = await openMembership(tx, { groupId: input.groupId, contactId, joinedAt: now, inviterId, source: 'join' })
      if (membershipId === null) return null
      const batch = await openOrJoinWelcomeBatch(tx, input.groupId, now)
      await attachToWelcomeBatch(tx, membershipId, batch.id)
      // A self-invite is recorded against the person themselves (rejected as 'self'); only the bot has no contact.
      const referralInviter = invitedBy === 'self' ? contactId : inviterId
      await recordReferral(ctx, tx, { membershipId, groupId: input.groupId, inviteeId: contactId, invitedBy, inviterId: referralInviter, joinedAt: now }, after)
      return batch.opened ? batch : null
    })
    if (flush) {
      await ctx.timers.schedule({
        name: 'welcome-flush',
        data: { batchId: flush.id },
        jobId: jobId('welcome', flush.id),
        runAt: new Date(flush.openedAt.getTime() + ctx.config.WELCOME_WINDOW_MS),
      })
    }
    await runAfterCommit(ctx, after)
  }
}

export async function onLeave (ctx: AppContext, groupId: number, leavers: PlatformContact[]): Promise<void> {
  for (const leaver of leavers) {
    const contactId = await resolveContact(ctx, leaver)
    await ctx.db.transaction(async (tx) => {
      const membershipId = await closeMembership(tx, groupId, contactId, ctx.clock.now())
      if (membershipId !== null) await onStayEnded(ctx, tx, membershipId)
    })
  }
}

/**
 * Welcome flush job. The batch is closed and its welcome staged in one transaction, so a crash leaves either
 * both or neither; a crash after the commit but before the job add is healed by the outbox sweep.
 * Running it twice: the second flush update matches nothing, so one welcome.
 */
export async function flushWelcome (ctx: AppContext, batchId: number): Promise<void> {
  const now = ctx.clock.now()
  const staged = await ctx.db.transaction(async (tx) => {
    const flushed = await flushWelcomeBatch(tx, batchId, now)
    if (!flushed) return null
    const members = await welcomeBatchMembers(tx, batchId)
    if (members.length === 0) return null
    return stageAction(ctx, tx, {
      kind: 'text',
      purpose: 'welcome',
      idemKey: `welcome-${batchId}`,
      groupId: flushed.groupId,
      mentionIds: members.map((m) => m.contactId),
      text: ctx.messages.welcome(members.length),
    })
  })
  if (staged !== null) await dispatch(ctx, staged)
}

export async function onFriendRequest (ctx: AppContext, friendshipId: string, who: PlatformContact): Promise<void> {
  const contactId = await resolveContact(ctx, who)
  await enqueueAction(ctx, { kind: 'accept-friend', purpose: 'friend-accept', idemKey: `accept-${friendshipId}`, contactId, friendshipId })
}

/** After the platform accepted the friendship: the contact is a friend now, and gets one greeting per request. */
export async function afterFriendAccepted (ctx: AppContext, row: OutboxRow): Promise<void> {
  const contactId = row.contactId!
  await markFriend(ctx.db, contactId, ctx.clock.now())
  const contact = await getContact(ctx.db, contactId)
  await enqueueAction(ctx, {
    kind: 'text',
    purpose: 'greeting',
    idemKey: `greeting-${row.data.friendshipId ?? row.id}`,
    contactId,
    text: ctx.messages.friendGreeting(contact?.displayName ?? null),
  })
  await deliverPendingRewards(ctx, contactId)
}

/** A friendship the platform reports as confirmed (e.g. the person accepted our request). */
export async function onFriendConfirmed (ctx: AppContext, who: PlatformContact): Promise<void> {
  await markFriend(ctx.db, await resolveContact(ctx, who), ctx.clock.now())
}
