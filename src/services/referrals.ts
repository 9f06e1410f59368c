/**
 * Referral fission (SPEC 3.4): a join the platform says A invited is recorded at once, qualifies after the hold
 * (a delayed check per referral, not a poll), pays points for every qualified referral, and at the target pays
 * the trial pack once, unless fraud signals hold it for a person's review.
 *
 * Crash semantics of the check job: every effect of one qualification (status, points, grant, coupon, the
 * messages to send) commits in one transaction; the job adds are after the commit and are healed by the outbox
 * sweep. Run twice, the second run finds the referral decided and does nothing.
 */
import type { DbOrTx } from '../db/client.ts'
import { getContact } from '../db/queries/contacts.ts'
import { countPending, countQualified, decideHeld, getGrant, grantFor, hasCountingReferral, insertGrant, insertReferral, inviterHistory, isNewToCommunity, qualify, rejectLeftEarly, type RewardGrant } from '../db/queries/referrals.ts'
import { classifyJoin, fraudSignals, type Invitation } from '../domain/referrals.ts'
import { jobId } from '../jobs/contracts.ts'
import { notifyOperators } from './alerts.ts'
import type { AppContext } from './context.ts'
import { issueGiftCoupon } from './coupons.ts'
import { scheduleFlush, stageNotice, type FlushTimer, type NoticeData } from './group-notices.ts'
import { dispatch, stageAction, type Staged } from './outbox.ts'
import { earn } from './points.ts'

export const TRIAL_PACK = 'trial-pack'

/** Work to do once the caller's transaction has committed. */
export interface AfterCommit { sends: Staged[], flushes: FlushTimer[], checks: Array<{ referralId: number, runAt: Date }>, alerts: Array<() => Promise<void>> }

export const nothingAfter = (): AfterCommit => ({ sends: [], flushes: [], checks: [], alerts: [] })

export async function runAfterCommit (ctx: AppContext, after: AfterCommit): Promise<void> {
  for (const s of after.sends) await dispatch(ctx, s)
  for (const f of after.flushes) await scheduleFlush(ctx, f)
  for (const c of after.checks) await ctx.timers.schedule({ name: 'referral-check', data: { referralId: c.referralId }, jobId: jobId('referral', c.referralId), runAt: c.runAt })
  for (const a of after.alerts) await a()
}

/** Called inside the join's transaction, right after the stay was opened. */
export async function recordReferral (ctx: AppContext, tx: DbOrTx, join: { membershipId: number, groupId: number, inviteeId: number, invitedBy: Invitation, inviterId: number | null, joinedAt: Date }, after: AfterCommit): Promise<void> {
  const base = {
    inviterId: join.inviterId, inviteeId: join.inviteeId, groupId: join.groupId, membershipId: join.membershipId,
    joinedAt: join.joinedAt, qualifiesAt: new Date(join.joinedAt.getTime() + ctx.config.REFERRAL_QUALIFY_MS),
  }
  const outcome = classifyJoin({
    invitedBy: join.invitedBy,
    inviteeIsNew: await isNewToCommunity(tx, join.inviteeId, join.membershipId, join.joinedAt),
    alreadyReferred: await hasCountingReferral(tx, join.inviteeId),
  })
  let referral = await insertReferral(tx, base, outcome)
  // Two inviters racing for one newcomer: referrals_invitee_counting_key lets the first win; the other is recorded.
  if (!referral && outcome.status === 'pending' && (await hasCountingReferral(tx, join.inviteeId))) {
    referral = await insertReferral(tx, base, { status: 'rejected', reason: 'already-referred' })
  }
  if (referral?.status === 'pending') after.checks.push({ referralId: referral.id, runAt: referral.qualifiesAt })
}

/** Called inside the leave's transaction: a pending referral of this stay is rejected as left early. */
export async function onStayEnded (ctx: AppContext, tx: DbOrTx, membershipId: number): Promise<void> {
  await rejectLeftEarly(tx, membershipId, ctx.clock.now())
}

/** The delayed check: qualify, pay points, maybe grant or hold the trial pack, tell the inviter. */
export async function checkReferral (ctx: AppContext, referralId: number): Promise<void> {
  const after = nothingAfter()
  await ctx.db.transaction(async (tx) => {
    const referral = await qualify(tx, referralId, ctx.clock.now())
    if (!referral || referral.inviterId === null) return
    const inviterId = referral.inviterId
    const points = ctx.config.REFERRAL_POINTS
    await earn(ctx, tx, inviterId, points, 'referral', `referral-${referral.id}`)
    const qualified = await countQualified(tx, inviterId)
    const invitee = await getContact(tx, referral.inviteeId)
    await tellInviter(ctx, tx, inviterId, referral.groupId, `referral-progress-${referral.id}`, after,
      (m) => m.referralProgressDm({ inviteeName: invitee?.displayName ?? '', qualified, target: ctx.config.REFERRAL_TARGET, points }),
      { type: 'progress', qualified, target: ctx.config.REFERRAL_TARGET, points })
    if (qualified < ctx.config.REFERRAL_TARGET) return
    const signals = fraudSignals(await inviterHistory(tx, inviterId), {
      burstLimit: ctx.config.REFERRAL_BURST_LIMIT, burstWindowMs: ctx.config.REFERRAL_BURST_WINDOW_MS, silentLeaveMs: ctx.config.REFERRAL_SILENT_LEAVE_MS,
    })
    const grant = await insertGrant(tx, {
      inviterId, kind: TRIAL_PACK, status: signals.length > 0 ? 'held' : 'granted', detail: { signals }, groupId: referral.groupId, createdAt: ctx.clock.now(),
    })
    if (!grant) return // decided before: exactly once per inviter
    if (grant.status === 'granted') await payTrialPack(ctx, tx, grant, after)
    else {
      const inviter = await getContact(tx, inviterId)
      const reason = signals.map((s) => ctx.messages.fraudReason(s)).join('；')
      after.alerts.push(() => notifyOperators(ctx, referral.groupId, (m) => m.referralHeldAlert({ inviterName: inviter?.displayName ?? '', reason }), `alert-held-${grant.id}`))
    }
  })
  await runAfterCommit(ctx, after)
}

/** Issues the trial-pack coupon of a granted reward and tells the inviter, inside the caller's transaction. */
async function payTrialPack (ctx: AppContext, tx: DbOrTx, grant: RewardGrant, after: AfterCommit): Promise<void> {
  const code = await issueGiftCoupon(ctx, tx, { contactId: grant.inviterId, batch: TRIAL_PACK, cause: `reward-grant-${grant.id}`, validDays: ctx.config.TRIAL_PACK_VALID_DAYS })
  if (code === null) return
  await tellInviter(ctx, tx, grant.inviterId, grant.groupId, `referral-reward-${grant.id}`, after,
    (m) => m.referralRewardDm({ couponCode: code, points: ctx.config.REFERRAL_POINTS }), { type: 'reward' })
}

/** By DM to a friend who consented and did not opt out; otherwise one batched @mention in the group. */
async function tellInviter (ctx: AppContext, tx: DbOrTx, inviterId: number, groupId: number | null, cause: string, after: AfterCommit, dm: (m: AppContext['messages']) => string, notice: NoticeData): Promise<void> {
  const inviter = await getContact(tx, inviterId)
  if (inviter?.isFriend && inviter.consentAt && !inviter.optedOutAt) {
    const staged = await stageAction(ctx, tx, { kind: 'text', purpose: 'referral', idemKey: cause, contactId: inviterId, text: dm(ctx.messages) })
    if (staged) after.sends.push(staged)
    return
  }
  if (groupId === null) return
  const timer = await stageNotice(ctx, tx, { groupId, contactId: inviterId, cause, data: notice })
  if (timer) after.flushes.push(timer)
}

export type Review = { kind: 'ok', grant: RewardGrant } | { kind: 'not-found' } | { kind: 'already-decided', grant: RewardGrant }

/** An operator approves or rejects a held reward; a conditional update makes sure it is paid at most once. */
export async function reviewHeld (ctx: AppContext, grantId: number, decision: 'granted' | 'rejected', by: number, note: string | null): Promise<Review> {
  const after = nothingAfter()
  const result = await ctx.db.transaction(async (tx): Promise<Review> => {
    const decided = await decideHeld(tx, grantId, decision, by, ctx.clock.now(), note)
    if (!decided) {
      const existing = await getGrant(tx, grantId)
      return existing ? { kind: 'already-decided', grant: existing } : { kind: 'not-found' }
    }
    if (decided.status === 'granted') await payTrialPack(ctx, tx, decided, after)
    return { kind: 'ok', grant: decided }
  })
  await runAfterCommit(ctx, after)
  return result
}

export async function inviteStatus (ctx: AppContext, inviterId: number): Promise<{ qualified: number, pending: number, rewarded: boolean, held: boolean }> {
  const grant = await grantFor(ctx.db, inviterId, TRIAL_PACK)
  return {
    qualified: await countQualified(ctx.db, inviterId),
    pending: await countPending(ctx.db, inviterId),
    rewarded: grant?.status === 'granted',
    held: grant?.status === 'held',
  }
}
