/** The CRM's part of the sandbox summary: repurchase reminders, lifecycle DMs, and the repurchase rate (docs/KPIS.md). */
import { count, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { marketingDms, reminders } from '../db/schema/index.ts'
import { repurchaseRate } from '../db/queries/kpis.ts'
import { CONSENT_VERSION } from '../services/profile.ts'

export async function crmSummary (db: Db, period: { from: Date, to: Date }): Promise<{ reminders: Record<string, unknown>, lifecycle: Record<string, number>, repurchaseRate: number | null }> {
  const rows = await db.select({ status: reminders.status, reason: reminders.reason, n: count() }).from(reminders)
    .groupBy(reminders.status, reminders.reason).orderBy(reminders.status, reminders.reason)
  const n = (status: string) => rows.filter((r) => r.status === status).reduce((a, r) => a + r.n, 0)
  const byKind = await db.select({ kind: marketingDms.kind, n: count() }).from(marketingDms).where(sql`${marketingDms.status} = 'sent'`).groupBy(marketingDms.kind)
  const sentOf = (kind: string) => byKind.find((r) => r.kind === kind)?.n ?? 0
  const [profile] = await db.execute<{ asked: number, consented: number }>(sql`
    select count(*) filter (where profile_asked_at is not null)::int as asked, count(*) filter (where consent_version = ${CONSENT_VERSION})::int as consented from contacts`)
  return {
    reminders: {
      planned: n('planned'),
      // a converted reminder was sent first
      sent: n('sent') + n('converted'),
      converted: n('converted'),
      cancelled: n('cancelled'),
      skipped: n('skipped'),
      skipped_by_reason: Object.fromEntries(rows.filter((r) => r.status === 'skipped').map((r) => [r.reason, r.n])),
    },
    lifecycle: {
      care: sentOf('care'),
      birthday: sentOf('birthday'),
      reactivation: sentOf('reactivation'),
      profile_asked: profile?.asked ?? 0,
      consented: profile?.consented ?? 0,
    },
    repurchaseRate: await repurchaseRate(db, period),
  }
}
