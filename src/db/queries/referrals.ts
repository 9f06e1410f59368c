import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, lt, lte, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { contacts, memberships, messageLog, referrals, rewardGrants } from '../schema/index.ts'
import type { Rejection } from '../../domain/referrals.ts'

export type Referral = typeof referrals.$inferSelect
export type RewardGrant = typeof rewardGrants.$inferSelect

/**
 * New to the community: never in a group before this stay, not the bot's friend before it, and not known to the
 * CRM before it (a friend request, an import, a message seen earlier all create the contact).
 */
export async function isNewToCommunity (db: DbOrTx, contactId: number, membershipId: number, joinedAt: Date): Promise<boolean> {
  const [earlier] = await db.select({ n: count() }).from(memberships)
    .where(and(eq(memberships.contactId, contactId), ne(memberships.id, membershipId)))
  if ((earlier?.n ?? 0) > 0) return false
  const [c] = await db.select({ friendSince: contacts.friendSince, isFriend: contacts.isFriend, firstSeenAt: contacts.firstSeenAt }).from(contacts).where(eq(contacts.id, contactId))
  if (!c || c.firstSeenAt < joinedAt) return false
  return !(c.isFriend && (c.friendSince === null || c.friendSince < joinedAt))
}

export async function hasCountingReferral (db: DbOrTx, inviteeId: number): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(referrals)
    .where(and(eq(referrals.inviteeId, inviteeId), inArray(referrals.status, ['pending', 'qualified'])))
  return (row?.n ?? 0) > 0
}

export type NewReferral = Omit<typeof referrals.$inferInsert, 'id' | 'status' | 'reason' | 'decidedAt'>

/** Inserts a referral record; null when one of the exactly-once keys already holds (duplicate event, rejoin, race). */
export async function insertReferral (db: DbOrTx, values: NewReferral, outcome: { status: 'pending' } | { status: 'rejected', reason: Rejection }): Promise<Referral | null> {
  const rows = await db.insert(referrals)
    .values({ ...values, status: outcome.status, reason: outcome.status === 'rejected' ? outcome.reason : null, decidedAt: outcome.status === 'rejected' ? values.joinedAt : null })
    .onConflictDoNothing().returning()
  return rows[0] ?? null
}

/**
 * Conditional update: a pending referral whose invitee left before the hold was over is rejected, once. A leave
 * after the hold (the check simply has not run yet) rejects nothing: the invitee did stay.
 */
export async function rejectLeftEarly (db: DbOrTx, membershipId: number, leftAt: Date): Promise<number | null> {
  const rows = await db.update(referrals).set({ status: 'rejected', reason: 'left-early', decidedAt: leftAt })
    .where(and(eq(referrals.membershipId, membershipId), eq(referrals.status, 'pending'), gt(referrals.qualifiesAt, leftAt))).returning({ id: referrals.id })
  return rows[0]?.id ?? null
}

export async function getReferral (db: DbOrTx, id: number): Promise<Referral | null> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id))
  return row ?? null
}

/** Locks the stay behind a referral, so a leave and the check cannot interleave. */
export async function lockStay (db: DbOrTx, membershipId: number): Promise<void> {
  await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.id, membershipId)).for('share')
}

/**
 * Conditional update: pending -> qualified when the hold is over and the invitee was still in the group when it
 * ended (still there, or left only after it).
 */
export async function qualify (db: DbOrTx, referralId: number, now: Date): Promise<Referral | null> {
  const rows = await db.update(referrals).set({ status: 'qualified', decidedAt: now })
    .where(and(eq(referrals.id, referralId), eq(referrals.status, 'pending'), lte(referrals.qualifiesAt, now),
      sql`exists (select 1 from ${memberships} m where m.id = ${referrals.membershipId} and (m.left_at is null or m.left_at >= ${referrals.qualifiesAt}))`))
    .returning()
  return rows[0] ?? null
}

/** Pending referrals whose check should have run by `before` (a lost or failed job): the sweep re-checks them. */
export async function overdueReferrals (db: DbOrTx, before: Date): Promise<number[]> {
  const rows = await db.select({ id: referrals.id }).from(referrals)
    .where(and(eq(referrals.status, 'pending'), lt(referrals.qualifiesAt, before))).limit(1000)
  return rows.map((r) => r.id)
}

export async function countQualified (db: DbOrTx, inviterId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(referrals).where(and(eq(referrals.inviterId, inviterId), eq(referrals.status, 'qualified')))
  return row?.n ?? 0
}

export async function countPending (db: DbOrTx, inviterId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(referrals).where(and(eq(referrals.inviterId, inviterId), eq(referrals.status, 'pending')))
  return row?.n ?? 0
}

/** What the fraud rules look at: every invite's time, and for qualified invitees whether they spoke and when they left. */
export async function inviterHistory (db: DbOrTx, inviterId: number): Promise<{ inviteTimes: Date[], qualified: Array<{ spoke: boolean, qualifiedAt: Date, leftAt: Date | null }> }> {
  const all = await db.select({ joinedAt: referrals.joinedAt }).from(referrals).where(eq(referrals.inviterId, inviterId))
  const qualified = await db.select({
    qualifiedAt: referrals.decidedAt,
    leftAt: memberships.leftAt,
    spoke: sql<boolean>`exists (select 1 from ${messageLog} l where l.contact_id = ${referrals.inviteeId} and l.direction = 'in')`,
  }).from(referrals).innerJoin(memberships, eq(memberships.id, referrals.membershipId))
    .where(and(eq(referrals.inviterId, inviterId), eq(referrals.status, 'qualified')))
  return { inviteTimes: all.map((r) => r.joinedAt), qualified: qualified.map((q) => ({ spoke: q.spoke, qualifiedAt: q.qualifiedAt!, leftAt: q.leftAt })) }
}

/** Exactly once per inviter and kind (reward_grants_inviter_kind_key); null if it was decided before. */
export async function insertGrant (db: DbOrTx, values: typeof rewardGrants.$inferInsert): Promise<RewardGrant | null> {
  const rows = await db.insert(rewardGrants).values(values).onConflictDoNothing().returning()
  return rows[0] ?? null
}

export async function grantFor (db: DbOrTx, inviterId: number, kind: string): Promise<RewardGrant | null> {
  const [row] = await db.select().from(rewardGrants).where(and(eq(rewardGrants.inviterId, inviterId), eq(rewardGrants.kind, kind)))
  return row ?? null
}

/** Conditional update: a held grant is decided once, by whoever gets there first. */
export async function decideHeld (db: DbOrTx, grantId: number, status: 'granted' | 'rejected', by: number, now: Date, note: string | null): Promise<RewardGrant | null> {
  const rows = await db.update(rewardGrants)
    .set({ status, decidedAt: now, decidedBy: by, detail: sql`${rewardGrants.detail} || ${JSON.stringify(note ? { note } : {})}::jsonb` })
    .where(and(eq(rewardGrants.id, grantId), eq(rewardGrants.status, 'held'))).returning()
  return rows[0] ?? null
}

export async function heldGrants (db: DbOrTx, groupIds: number[] | null): Promise<Array<RewardGrant & { inviterName: string | null }>> {
  const rows = await db.select({ grant: rewardGrants, inviterName: contacts.displayName }).from(rewardGrants)
    .innerJoin(contacts, eq(contacts.id, rewardGrants.inviterId))
    .where(and(eq(rewardGrants.status, 'held'), groupIds === null ? undefined : inArray(rewardGrants.groupId, groupIds.length > 0 ? groupIds : [-1])))
    .orderBy(asc(rewardGrants.id))
  return rows.map((r) => ({ ...r.grant, inviterName: r.inviterName }))
}

export async function getGrant (db: DbOrTx, id: number): Promise<RewardGrant | null> {
  const [row] = await db.select().from(rewardGrants).where(eq(rewardGrants.id, id))
  return row ?? null
}

/** This week's board of a group: inviters by referrals qualified in the group since `since`. */
export async function leaderboard (db: DbOrTx, groupId: number, since: Date, limit: number): Promise<Array<{ contactId: number, name: string | null, qualified: number }>> {
  return db.select({ contactId: referrals.inviterId, name: contacts.displayName, qualified: count() }).from(referrals)
    .innerJoin(contacts, eq(contacts.id, referrals.inviterId))
    .where(and(eq(referrals.groupId, groupId), eq(referrals.status, 'qualified'), gte(referrals.decidedAt, since), isNotNull(referrals.inviterId)))
    .groupBy(referrals.inviterId, contacts.displayName)
    .orderBy(desc(count()), asc(sql`min(${referrals.decidedAt})`))
    .limit(limit) as Promise<Array<{ contactId: number, name: string | null, qualified: number }>>
}

/** The group of the inviter's latest qualified referral: where a group notice or alert about them belongs. */
export async function latestReferralGroup (db: DbOrTx, inviterId: number): Promise<number | null> {
  const [row] = await db.select({ groupId: referrals.groupId }).from(referrals)
    .where(and(eq(referrals.inviterId, inviterId), eq(referrals.status, 'qualified'))).orderBy(desc(referrals.decidedAt)).limit(1)
  return row?.groupId ?? null
}

/** Inviters at the target with no reward decided although their settling window is over (a lost reward check). */
export async function overdueRewardChecks (db: DbOrTx, target: number, windowEndedBefore: Date): Promise<number[]> {
  const rows = await db.select({ inviterId: referrals.inviterId }).from(referrals)
    .where(and(eq(referrals.status, 'qualified'), isNotNull(referrals.inviterId),
      sql`not exists (select 1 from ${rewardGrants} g where g.inviter_id = ${referrals.inviterId})`))
    .groupBy(referrals.inviterId)
    .having(sql`count(*) >= ${target} and max(${referrals.decidedAt}) < ${windowEndedBefore.toISOString()}::timestamptz`)
    .limit(1000)
  return rows.map((r) => r.inviterId!)
}

export async function qualifiedReferralIds (db: DbOrTx, inviterId: number): Promise<number[]> {
  const rows = await db.select({ id: referrals.id }).from(referrals).where(and(eq(referrals.inviterId, inviterId), eq(referrals.status, 'qualified'))).orderBy(referrals.id)
  return rows.map((r) => r.id)
}
