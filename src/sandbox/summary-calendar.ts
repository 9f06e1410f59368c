/** The summary's `posts` and `campaigns` sections (docs/SANDBOX.md): the daily cadence and the campaigns of a run. */
import { and, count, eq, isNotNull, like, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { CAMPAIGN_STATUSES, campaignGroups, campaigns, groupBuyJoins, lotteryEntries, outbox, posts } from '../db/schema/index.ts'

export interface CalendarSummary {
  posts: Record<string, unknown>
  campaigns: Record<string, unknown>
  /** KPI post_cadence (docs/KPIS.md): delivered posts ÷ slots that came due (posted or skipped). */
  postCadence: number | null
}

export async function calendarSummary (db: Db): Promise<CalendarSummary> {
  const delivered = await db.select({ kind: posts.kind, n: count() }).from(posts)
    .innerJoin(outbox, eq(outbox.id, posts.outboxId)).where(eq(outbox.status, 'sent')).groupBy(posts.kind)
  const skipped = await db.select({ reason: posts.skipReason, n: count() }).from(posts).where(eq(posts.status, 'skipped')).groupBy(posts.skipReason).orderBy(posts.skipReason)
  const [alerts] = await db.select({ n: count() }).from(outbox).where(like(outbox.idemKey, 'alert-no-content-%'))
  const byStatus = await db.select({ status: campaigns.status, n: count() }).from(campaigns).groupBy(campaigns.status)
  const [entries] = await db.select({ n: count(), winners: sql<number>`count(${lotteryEntries.rank})::int` }).from(lotteryEntries)
  const [joins] = await db.select({ n: count() }).from(groupBuyJoins)
  const outcomes = await db.select({ outcome: campaignGroups.outcome, n: count() }).from(campaignGroups).where(isNotNull(campaignGroups.outcome)).groupBy(campaignGroups.outcome)
  const sum = (rows: Array<{ n: number }>) => rows.reduce((a, r) => a + r.n, 0)
  const [campaignPosts] = await db.select({ n: count() }).from(posts).innerJoin(outbox, eq(outbox.id, posts.outboxId))
    .where(and(isNotNull(posts.campaignId), eq(outbox.status, 'sent')))
  const [due] = await db.select({ n: count() }).from(posts).where(sql`${posts.status} in ('posted', 'skipped')`)
  const deliveredTotal = sum(delivered)
  return {
    postCadence: (due?.n ?? 0) === 0 ? null : Math.round((deliveredTotal / due!.n) * 10_000) / 10_000,
    posts: {
      content: sum(delivered.filter((r) => r.kind === 'content')),
      promo: sum(delivered.filter((r) => r.kind === 'promo')),
      skipped: sum(skipped),
      skipped_by_reason: Object.fromEntries(skipped.map((r) => [r.reason, r.n])),
      no_content_alerts: alerts?.n ?? 0,
    },
    campaigns: {
      ...Object.fromEntries(CAMPAIGN_STATUSES.map((s) => [s, byStatus.find((r) => r.status === s)?.n ?? 0])),
      promo_posts: campaignPosts?.n ?? 0,
      lottery_entries: entries?.n ?? 0,
      lottery_winners: entries?.winners ?? 0,
      group_buy_joins: joins?.n ?? 0,
      group_buy_formed: outcomes.find((o) => o.outcome === 'formed')?.n ?? 0,
      group_buy_failed: outcomes.find((o) => o.outcome === 'failed')?.n ?? 0,
    },
  }
}
