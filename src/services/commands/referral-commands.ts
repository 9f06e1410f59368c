/** /invite, /leaderboard, and the operators' review of held rewards (/held, /approve, /reject). */
import { eq } from 'drizzle-orm'
import { getContact } from '../../db/queries/contacts.ts'
import { countQualified, getGrant, heldGrants, leaderboard } from '../../db/queries/referrals.ts'
import { groups } from '../../db/schema/index.ts'
import type { Command } from '../../domain/commands/parser.ts'
import { weekStart } from '../../domain/referrals.ts'
import { offsetMinutes, shortDate, shortDateTime } from '../../domain/time.ts'
import { audit } from '../audit.ts'
import type { AppContext } from '../context.ts'
import { inviteStatus, reviewHeld } from '../referrals.ts'
import type { Caller, Reply } from './types.ts'

const LEADERBOARD_SIZE = 10

export async function invite (ctx: AppContext, caller: Caller): Promise<Reply> {
  const s = await inviteStatus(ctx, caller.contactId)
  return ctx.messages.inviteProgress({ qualified: s.qualified, target: ctx.config.REFERRAL_TARGET, pending: s.pending, rewarded: s.rewarded, held: s.held })
}

export async function groupLeaderboard (ctx: AppContext, caller: Caller): Promise<Reply> {
  const group = caller.group!
  const now = ctx.clock.now()
  const since = weekStart(now, offsetMinutes(now, group.timezone))
  const rows = await leaderboard(ctx.db, group.id, since, LEADERBOARD_SIZE)
  return ctx.messages.leaderboard(rows.map((r) => ({ name: r.name ?? '', qualified: r.qualified })), shortDate(since, group.timezone))
}

/** Owners and admins review every group; an operator the groups they run. */
export async function reviewScope (ctx: AppContext, caller: Caller): Promise<number[] | null> {
  if (caller.role === 'owner' || caller.role === 'admin') return null
  return (await ctx.db.select({ id: groups.id }).from(groups).where(eq(groups.operatorId, caller.contactId))).map((g) => g.id)
}

export async function listHeld (ctx: AppContext, caller: Caller): Promise<Reply> {
  const held = await heldGrants(ctx.db, await reviewScope(ctx, caller))
  const items = []
  for (const g of held) {
    items.push({
      id: g.id, inviterName: g.inviterName ?? '', reason: (g.detail.signals ?? []).map((s) => ctx.messages.fraudReason(s as 'burst' | 'silent-invitees')).join('；'),
      qualified: await countQualified(ctx.db, g.inviterId), since: shortDateTime(g.createdAt, ctx.config.DEFAULT_TIMEZONE),
    })
  }
  return ctx.messages.heldList(items)
}

type Decision = Extract<Command, { name: 'approve' | 'reject' }>

export async function decide (ctx: AppContext, caller: Caller, command: Decision): Promise<Reply> {
  const m = ctx.messages
  const grant = await getGrant(ctx.db, command.id)
  const scope = await reviewScope(ctx, caller)
  if (!grant || (scope !== null && (grant.groupId === null || !scope.includes(grant.groupId)))) return m.heldNotFound(command.id)
  const decision = command.name === 'approve' ? 'granted' : 'rejected'
  const review = await reviewHeld(ctx, command.id, decision, caller.contactId, command.name === 'reject' ? command.reason : null)
  const name = (await getContact(ctx.db, grant.inviterId))?.displayName ?? ''
  if (review.kind !== 'ok') return m.heldNotFound(command.id)
  await audit(ctx, caller.contactId, `reward.${command.name}`, 'ok', { grantId: command.id, inviterId: grant.inviterId })
  return command.name === 'approve' ? m.heldApproved(command.id, name) : m.heldRejected(command.id, name)
}
