/**
 * The sandbox's last line: counts per capability and the KPIs of the period (definitions in docs/KPIS.md).
 * Keys added by later capabilities go next to these; existing keys keep their meaning.
 */
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { findViolations } from '../domain/governor.ts'
import { formatInZone } from '../domain/time.ts'
import { auditLog, contacts, marketingDms, memberships, orders, outbox, platformLinks, pointsLedger, referrals, rewardGrants } from '../db/schema/index.ts'
import type { Config } from '../config.ts'
import type { App } from '../main.ts'
import type { ActionRecord } from './output.ts'
import type { Scenario } from './scenario.ts'
import { crmSummary } from './summary-crm.ts'
import { couponSummary } from './summary-coupons.ts'
import { calendarSummary } from './summary-calendar.ts'

export interface SummaryInput {
  app: App
  scenario: Scenario
  records: ActionRecord[]
  membersAtStart: Map<string, number>
  limits: Pick<Config, 'GOVERNOR_MIN_GAP_MS' | 'GOVERNOR_PER_MINUTE' | 'GOVERNOR_PER_HOUR'>
}

const ratio = (a: number, b: number): number | null => b === 0 ? null : Math.round((a / b) * 10_000) / 10_000

export async function buildSummary (input: SummaryInput): Promise<Record<string, unknown>> {
  const { db } = input.app.ctx
  const byPurpose = await db.select({ purpose: outbox.purpose, n: count() }).from(outbox).where(and(eq(outbox.status, 'sent'), eq(outbox.kind, 'text'))).groupBy(outbox.purpose).orderBy(outbox.purpose)
  const byStatus = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status)
  const status = (s: string) => byStatus.find((r) => r.status === s)?.n ?? 0
  const [welcomes] = await db.select({ n: count(), members: sql<number>`coalesce(sum(cardinality(${outbox.mentionIds})), 0)::int` }).from(outbox)
    .where(and(eq(outbox.purpose, 'welcome'), eq(outbox.status, 'sent')))
  const [joins] = await db.select({ n: count() }).from(memberships).where(eq(memberships.source, 'join'))
  const [leaves] = await db.select({ n: count() }).from(memberships).where(isNotNull(memberships.leftAt))
  const [refused] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.outcome, 'denied'))
  const perGroup = await db.select({ room: platformLinks.platformId, n: count() }).from(memberships)
    .innerJoin(platformLinks, and(eq(platformLinks.groupId, memberships.groupId), eq(platformLinks.kind, 'room')))
    .where(isNull(memberships.leftAt)).groupBy(platformLinks.platformId)
  const [friendMembers] = await db.select({ members: sql<number>`count(distinct ${memberships.contactId})::int`, friends: sql<number>`count(distinct ${memberships.contactId}) filter (where ${contacts.isFriend})::int` })
    .from(memberships).innerJoin(contacts, eq(contacts.id, memberships.contactId)).where(isNull(memberships.leftAt))

  const referralRows = await db.select({ status: referrals.status, reason: referrals.reason, n: count() }).from(referrals).groupBy(referrals.status, referrals.reason).orderBy(referrals.status, referrals.reason)
  const grants = await db.select({ status: rewardGrants.status, n: count() }).from(rewardGrants).groupBy(rewardGrants.status)
  const [pointTotals] = await db.select({
    earned: sql<number>`coalesce(sum(${pointsLedger.delta}) filter (where ${pointsLedger.delta} > 0), 0)::int`,
    spent: sql<number>`coalesce(-sum(${pointsLedger.delta}) filter (where ${pointsLedger.delta} < 0), 0)::int`,
  }).from(pointsLedger)
  const [orderTotals] = await db.select({
    recorded: count(),
    unmatched: sql<number>`count(*) filter (where ${orders.contactId} is null)::int`,
    refunded: sql<number>`count(*) filter (where ${orders.status} <> 'paid')::int`,
    // a refunded or cancelled order earned nothing; a partly refunded one stays at what was paid
    revenue: sql<number>`coalesce(sum(${orders.total}) filter (where ${orders.status} = 'paid'), 0)::float8`,
  }).from(orders)
  const dmRows = await db.select({ status: marketingDms.status, reason: marketingDms.reason, n: count() }).from(marketingDms)
    .groupBy(marketingDms.status, marketingDms.reason).orderBy(marketingDms.status, marketingDms.reason)
  const couponTotals = await couponSummary(db, input.scenario.end)
  const referralCount = (status: string) => referralRows.filter((r) => r.status === status).reduce((a, r) => a + r.n, 0)
  const releases = input.records.filter((r) => r.type !== 'send-refused' && r.type !== 'redeem').map((r) => new Date(r.at))
  const violations = findViolations(releases, { minGapMs: input.limits.GOVERNOR_MIN_GAP_MS, perMinute: input.limits.GOVERNOR_PER_MINUTE, perHour: input.limits.GOVERNOR_PER_HOUR })
  const calendar = await calendarSummary(db)
  const startTotal = [...input.membersAtStart.values()].reduce((a, b) => a + b, 0)
  const endTotal = perGroup.reduce((a, g) => a + g.n, 0)
  const crm = await crmSummary(db, { from: input.scenario.start, to: input.scenario.end })
  const groups = Object.fromEntries(input.scenario.groups.map((g) => [g.id, {
    members_start: input.membersAtStart.get(g.id) ?? 0,
    members_end: perGroup.find((p) => p.room === `${g.id}@chatroom`)?.n ?? 0,
  }]))

  return {
    period: { from: formatInZone(input.scenario.start, input.scenario.timezone), to: formatInZone(input.scenario.end, input.scenario.timezone) },
    sends: {
      total: input.records.filter((r) => r.type === 'send').length,
      by_purpose: Object.fromEntries(byPurpose.map((r) => [r.purpose, r.n])),
      pending: status('pending') + status('reserved') + status('sending'),
      failed: status('failed'),
      uncertain: status('uncertain'),
    },
    governor: {
      actions: releases.length,
      refused_by_platform: input.records.filter((r) => r.type === 'send-refused').length,
      violations: violations.length,
    },
    onboarding: {
      joins: joins?.n ?? 0,
      leaves: leaves?.n ?? 0,
      welcomes: welcomes?.n ?? 0,
      welcomed_members: welcomes?.members ?? 0,
      friend_requests: (await db.select({ n: count() }).from(outbox).where(eq(outbox.kind, 'accept-friend')))[0]?.n ?? 0,
      friends_accepted: input.records.filter((r) => r.type === 'accept-friend').length,
    },
    commands: { replies: byPurpose.find((r) => r.purpose === 'reply')?.n ?? 0, refused: refused?.n ?? 0 },
    referrals: {
      pending: referralCount('pending'),
      qualified: referralCount('qualified'),
      rejected: referralCount('rejected'),
      rejected_by_reason: Object.fromEntries(referralRows.filter((r) => r.status === 'rejected').map((r) => [r.reason, r.n])),
      rewarded: grants.find((g) => g.status === 'granted')?.n ?? 0,
      held: grants.find((g) => g.status === 'held')?.n ?? 0,
    },
    points: { earned: pointTotals?.earned ?? 0, spent: pointTotals?.spent ?? 0 },
    orders: { recorded: orderTotals?.recorded ?? 0, unmatched: orderTotals?.unmatched ?? 0, refunded: orderTotals?.refunded ?? 0, revenue: Math.round((orderTotals?.revenue ?? 0) * 100) / 100 },
    marketing_dms: {
      sent: dmRows.filter((r) => r.status === 'sent').reduce((a, r) => a + r.n, 0),
      skipped: dmRows.filter((r) => r.status === 'skipped').reduce((a, r) => a + r.n, 0),
      skipped_by_reason: Object.fromEntries(dmRows.filter((r) => r.status === 'skipped').map((r) => [r.reason, r.n])),
    },
    reminders: crm.reminders,
    lifecycle: crm.lifecycle,
    coupons: couponTotals.section,
    posts: calendar.posts,
    campaigns: calendar.campaigns,
    groups,
    kpis: {
      group_growth: ratio(endTotal - startTotal, startTotal),
      churn_rate: ratio(leaves?.n ?? 0, startTotal + (joins?.n ?? 0)),
      friend_rate: ratio(friendMembers?.friends ?? 0, friendMembers?.members ?? 0),
      referral_conversion: ratio(referralCount('qualified'), referralCount('qualified') + referralCount('pending') + (referralRows.find((r) => r.reason === 'left-early')?.n ?? 0)),
      repurchase_rate: crm.repurchaseRate,
      coupon_redemption_rate: ratio(couponTotals.issuedRedeemed, couponTotals.section.issued),
      post_cadence: calendar.postCadence,
    },
  }
}
