/**
 * Joins, leaves and friendships (SPEC 3.3): one group welcome per minute of joins (a notice batch, see
 * group-notices.ts), friend requests accepted and answered with a greeting.
 */
import { closeMembership, openMembership } from '../db/queries/memberships.ts'
import { getContact, markFriend } from '../db/queries/contacts.ts'
import type { OutboxRow } from '../db/queries/outbox.ts'
import { resolveContact, type PlatformContact } from './community.ts'
import { deliverCouponDms, issueWelcomeCoupon } from './coupons.ts'
import type { AppContext } from './context.ts'
import { stageNotice } from './group-notices.ts'
import { enqueueAction } from './outbox.ts'
import type { Invitation } from '../domain/referrals.ts'
import { deliverPendingRewards, nothingAfter, onStayEnded, recordReferral, runAfterCommit } from './referrals.ts'
import { startProfile } from './profile.ts'

export interface JoinInput { groupId: number, invitees: PlatformContact[], inviter: PlatformContact | null, selfPlatformId: string | null }

/**
 * Records the stays, adds the newcomers to the group's welcome (one message for everyone who joins within a
 * minute) and records who invited them (a referral), all in one transaction per newcomer. Duplicate events add
 * nothing.
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
    await ctx.db.transaction(async (tx) => {
      const membershipId = await openMembership(tx, { groupId: input.groupId, contactId, joinedAt: now, inviterId, source: 'join' })
      if (membershipId === null) return
      const welcome = await stageNotice(ctx, tx, { groupId: input.groupId, kind: 'welcome', contactId, cause: `welcome-${membershipId}`, data: { type: 'welcome', membershipId } })
      if (welcome) after.flushes.push(welcome)
      // A self-invite is recorded against the person themselves (rejected as 'self'); only the bot has no contact.
      const referralInviter = invitedBy === 'self' ? contactId : inviterId
      await recordReferral(ctx, tx, { membershipId, groupId: input.groupId, inviteeId: contactId, invitedBy, inviterId: referralInviter, joinedAt: now }, after)
    })
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

export async function onFriendRequest (ctx: AppContext, friendshipId: string, who: PlatformContact): Promise<void> {
  const contactId = await resolveContact(ctx, who)
  await enqueueAction(ctx, { kind: 'accept-friend', purpose: 'friend-accept', idemKey: `accept-${friendshipId}`, contactId, friendshipId })
}

/**
 * After the platform accepted the friendship: the contact is a friend now, and gets one greeting per request and
 * the welcome coupon once ever. Run again (a retried accept), every step finds its key taken and adds nothing.
 */
export async function afterFriendAccepted (ctx: AppContext, row: OutboxRow): Promise<void> {
  const contactId = row.contactId!
  await markFriend(ctx.db, contactId, ctx.clock.now(), ctx.account.id)
  const contact = await getContact(ctx.db, contactId)
  await enqueueAction(ctx, {
    kind: 'text',
    purpose: 'greeting',
    idemKey: `greeting-${row.data.friendshipId ?? row.id}`,
    contactId,
    text: ctx.messages.friendGreeting(contact?.displayName ?? null),
  })
  // The ¥50 welcome coupon the group welcome promised (SPEC 3.3, 3.5), once per customer ever, as its own DM right
  // after the greeting; with it, any coupon issued while they were not a friend yet.
  await issueWelcomeCoupon(ctx, contactId)
  await deliverCouponDms(ctx, contactId)
  await deliverPendingRewards(ctx, contactId)
  // Its own message after the greeting: the consent notice (PIPL), then the profile questions one by one.
  await startProfile(ctx, contactId)
}

/**
 * A friendship the platform reports as confirmed (e.g. the person accepted our request): a friend now, and the
 * consent notice once ever (startProfile is guarded by the database).
 */
export async function onFriendConfirmed (ctx: AppContext, who: PlatformContact): Promise<void> {
  const contactId = await resolveContact(ctx, who)
  await markFriend(ctx.db, contactId, ctx.clock.now(), ctx.account.id)
  await startProfile(ctx, contactId)
}
