/**
 * Referral fission (SPEC 3.4): a join the platform says A invited is recorded at once, qualifies after the hold
 * (a delayed check per referral, not a poll), pays points for every qualified referral, and at the target pays
 * the trial pack once, unless fraud signals hold it for a person's review.
 *
 * Crash semantics of the check jobs: every effect of one decision (status, points, grant, coupon, the messages
 * to send) commits in one transaction; the job adds after the commit are healed by the housekeeping sweeps.
 * Run twice, the second run finds the referral (or the reward) decided and does nothing.
 */
import type { DbOrTx } from '../db/client.ts'
import { getContact } from '../db/queries/contacts.ts'
import { and, eq, sql } from 'drizzle-orm'
import { lockPerson } from '../db/queries/points.ts'
import { countPending, countQualified, decideHeld, getGrant, getReferral, grantFor, hasCountingReferral, insertGrant, insertReferral, inviterHistory, isNewToCommunity, latestReferralGroup, lockStay, overdueReferrals, qualifiedReferralIds, overdueRewardChecks, qualify, rejectLeftEarly, type RewardGrant } from '../db/queries/referrals.ts'
import { coupons, rewardGrants } from '../db/schema/index.ts'
import { classifyJoin, exceedsBurst, fraudSignals, type Invitation } from '../domain/referrals.ts'
import { jobId } from '../jobs/contracts.ts'
import { stageAlerts } from './alerts.ts'
import type { AppContext } from './context.ts'
import { TRIAL_PACK_BATCH } from './coupon-batches.ts'
import { issueGiftCoupon } from './coupons.ts'
import { scheduleFlush, stageNotice, type FlushTimer, type NoticeData } from './group-notices.ts'
import { dispatch, enqueueAction, stageAction, type Staged } from './outbox.ts'
import { earn } from './points.ts'

export const TRIAL_PACK = 'trial-pack'

/** Work to do once the caller's transaction has committed. */
export interface AfterCommit {
  sends: Staged[]
  flushes: FlushTimer[]
  checks: Array<{ referralId: number, runAt: Date }>
  rewardChecks: Array<{ inviterId: number, runAt: Date }>
}

export const nothingAfter = (): AfterCommit => ({ sends: [], flushes: [], checks: [], rewardChecks: [] })

/** Job adds after the commit; a crash before them is healed by the housekeeping sweep (sweepReferrals). */
export async function runAfterCommit (ctx: AppContext, after: AfterCommit): Promise<void> {
  for (const s of after.sends) await dispatch(ctx, s)
  for (const f of after.flushes) await scheduleFlush(ctx, f)
  for (const c of after.checks) await ctx.timers.schedule({ name: 'referral-check', data: { referralId: c.referralId }, jobId: jobId('referral', c.referralId), runAt: c.runAt })
  for (const r of after.rewardChecks) await ctx.timers.schedule({ name: 'reward-check', data: { inviterId: r.inviterId }, jobId: jobId('reward', r.inviterId), runAt: r.runAt })
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

/**
 * The delayed check of one referral: qualify it, pay its points, tell the inviter. Checks of one inviter's
 * referrals run one after another (the inviter's row is locked), so three that qualify at the same moment still
 * see each other and the target is noticed. The stay is locked too, so a leave cannot slip in between.
 */
export async function checkReferral (ctx: AppContext, referralId: number): Promise<void> {
  const after = nothingAfter()
  await ctx.db.transaction(async (tx) => {
    const pending = await getReferral(tx, referralId)
    if (!pending || pending.status !== 'pending' || pending.inviterId === null) return
    await lockPerson(tx, pending.inviterId)
    await lockStay(tx, pending.membershipId)
    const referral = await qualify(tx, referralId, ctx.clock.now())
    if (!referral) return
    const inviterId = pending.inviterId
    const points = ctx.config.REFERRAL_POINTS
    const qualified = await countQualified(tx, inviterId)
    // An inviter over the burst limit earns nothing and hears nothing until a person has reviewed them: paying
    // or cheering each bought invitee would reward the burst the review is about. Approval pays what waited.
    // Local to this referral: invites within one window of its join. A burst long ago (reviewed, or not) does not
    // stop an inviter from earning for ever.
    const window = ctx.config.REFERRAL_BURST_WINDOW_MS
    const near = (await inviterHistory(tx, inviterId)).inviteTimes.filter((t) => Math.abs(t.getTime() - referral.joinedAt.getTime()) < window)
    const bursting = exceedsBurst(near, ctx.config.REFERRAL_BURST_LIMIT, window)
    // Points wait only while a review of the trial pack can still come to pay them; once the reward is decided,
    // nothing would ever pay them, so they are paid.
    const grant = await grantFor(tx, inviterId, TRIAL_PACK)
    const reviewAhead = grant === null || grant.status === 'held'
    if (!(bursting && reviewAhead)) {
      await earn(ctx, tx, inviterId, points, 'referral', `referral-${referral.id}`)
      const invitee = await getContact(tx, referral.inviteeId)
      await tellInviter(ctx, tx, { inviterId, groupId: referral.groupId, cause: `referral-progress-${referral.id}`, kind: 'progress' }, after,
        (m) => m.referralProgressDm({ inviteeName: invitee?.displayName ?? '', qualified, target: ctx.config.REFERRAL_TARGET, points }),
        { type: 'progress', qualified, target: ctx.config.REFERRAL_TARGET, points })
    }
    // The trial pack is decided a settling window later: an invitee who leaves soon after qualifying without
    // ever speaking can only be seen by waiting (SPEC 3.4 fraud signals).
    if (qualified === ctx.config.REFERRAL_TARGET) after.rewardChecks.push({ inviterId, runAt: new Date(ctx.clock.now().getTime() + ctx.config.REFERRAL_SILENT_LEAVE_MS) })
  })
  await runAfterCommit(ctx, after)
}

/** The reward decision: once per inviter (reward_grants_inviter_kind_key), granted or held for review. */
export async function checkReward (ctx: AppContext, inviterId: number): Promise<void> {
  const after = nothingAfter()
  await ctx.db.transaction(async (tx) => {
    await lockPerson(tx, inviterId)
    if ((await countQualified(tx, inviterId)) < ctx.config.REFERRAL_TARGET) return
    const signals = fraudSignals(await inviterHistory(tx, inviterId), {
      burstLimit: ctx.config.REFERRAL_BURST_LIMIT, burstWindowMs: ctx.config.REFERRAL_BURST_WINDOW_MS, silentLeaveMs: ctx.config.REFERRAL_SILENT_LEAVE_MS,
    })
    const groupId = await latestReferralGroup(tx, inviterId)
    const grant = await insertGrant(tx, {
      inviterId, kind: TRIAL_PACK, status: signals.length > 0 ? 'held' : 'granted', detail: { signals }, groupId, createdAt: ctx.clock.now(),
    })
    if (!grant) return // decided before: exactly once per inviter
    if (grant.status === 'granted') {
      await payTrialPack(ctx, tx, grant, after)
      return
    }
    const inviter = await getContact(tx, inviterId)
    const reason = signals.map((sig) => ctx.messages.fraudReason(sig)).join('；')
    after.sends.push(...await stageAlerts(ctx, tx, groupId, (m) => m.referralHeldAlert({ inviterName: inviter?.displayName ?? '', reason }), `alert-held-${grant.id}`))
  })
  await runAfterCommit(ctx, after)
}

/** Issues the trial-pack coupon of a granted reward and tells the inviter, inside the caller's transaction. */
async function payTrialPack (ctx: AppContext, tx: DbOrTx, grant: RewardGrant, after: AfterCommit): Promise<void> {
  const code = await issueGiftCoupon(ctx, tx, { contactId: grant.inviterId, batch: TRIAL_PACK_BATCH, cause: `reward-grant-${grant.id}`, validDays: ctx.config.TRIAL_PACK_VALID_DAYS })
  if (code === null) return
  await tellInviter(ctx, tx, { inviterId: grant.inviterId, groupId: grant.groupId, cause: rewardDmKey(grant.id), kind: 'reward' }, after,
    (m) => m.referralRewardDm({ couponCode: code, points: 0 }), { type: 'reward' })
}

const rewardDmKey = (grantId: number): string => `referral-reward-${grantId}`

/**
 * Progress goes by DM to a friend who consented and did not opt out (it is promotional); the reward's code goes by
 * DM to any friend (it is theirs). Otherwise one batched @mention in the group; a code is never posted there, and
 * it is sent by DM once the person becomes a friend (deliverPendingRewards).
 */
async function tellInviter (ctx: AppContext, tx: DbOrTx, to: { inviterId: number, groupId: number | null, cause: string, kind: 'progress' | 'reward' }, after: AfterCommit, dm: (m: AppContext['messages']) => string, notice: NoticeData): Promise<void> {
  const inviter = await getContact(tx, to.inviterId)
  const mayDm = inviter?.isFriend === true && (to.kind === 'reward' || (inviter.consentAt !== null && inviter.optedOutAt === null))
  if (mayDm) {
    const staged = await stageAction(ctx, tx, { kind: 'text', purpose: 'referral', idemKey: to.cause, contactId: to.inviterId, text: dm(ctx.messages) })
    if (staged) after.sends.push(staged)
    return
  }
  if (to.groupId === null) return
  const timer = await stageNotice(ctx, tx, { groupId: to.groupId, kind: 'referral', contactId: to.inviterId, cause: to.cause, data: notice })
  if (timer) after.flushes.push(timer)
}

/** A new friend may have a trial pack waiting whose code could not be sent before: send it now, once. */
export async function deliverPendingRewards (ctx: AppContext, contactId: number): Promise<void> {
  const rows = await ctx.db.select({ grantId: rewardGrants.id, code: coupons.code }).from(rewardGrants)
    .innerJoin(coupons, eq(coupons.cause, sql`'reward-grant-' || ${rewardGrants.id}`))
    .where(and(eq(rewardGrants.inviterId, contactId), eq(rewardGrants.status, 'granted')))
  for (const row of rows) {
    await enqueueAction(ctx, { kind: 'text', purpose: 'referral', idemKey: rewardDmKey(row.grantId), contactId, text: ctx.messages.referralRewardDm({ couponCode: row.code, points: 0 }) })
  }
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
    if (decided.status === 'granted') {
      // Points held during a burst are paid now; a referral already paid is not paid twice (points_ledger_cause_key).
      for (const referralId of await qualifiedReferralIds(tx, decided.inviterId)) {
        await earn(ctx, tx, decided.inviterId, ctx.config.REFERRAL_POINTS, 'referral', `referral-${referralId}`)
      }
      await payTrialPack(ctx, tx, decided, after)
    }
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

/**
 * Housekeeping: re-schedules referral and reward checks whose jobs were lost (a crash after a commit) or failed for
 * good. Each sweep uses its own job ids, and every handler is idempotent, so running it often is harmless.
 */
export async function sweepReferrals (ctx: AppContext, graceMs = 5 * 60_000): Promise<void> {
  const now = ctx.clock.now()
  const before = new Date(now.getTime() - graceMs)
  const minute = Math.floor(now.getTime() / 60_000)
  for (const referralId of await overdueReferrals(ctx.db, before)) {
    await ctx.timers.schedule({ name: 'referral-check', data: { referralId }, jobId: jobId('referral', referralId, 'sweep', minute) })
  }
  const windowOver = new Date(before.getTime() - ctx.config.REFERRAL_SILENT_LEAVE_MS)
  for (const inviterId of await overdueRewardChecks(ctx.db, ctx.config.REFERRAL_TARGET, windowOver)) {
    await ctx.timers.schedule({ name: 'reward-check', data: { inviterId }, jobId: jobId('reward', inviterId, 'sweep', minute) })
  }
}
