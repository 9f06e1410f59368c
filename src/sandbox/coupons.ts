/**
 * The sandbox's coupon side: the scenario's `coupons:` batches seeded through the one batch path, and every code
 * tried (coupon_attempts) printed as a `redeem` line, in the scenario's ids.
 */
import { inArray } from 'drizzle-orm'
import type { AppContext } from '../services/context.ts'
import { attemptsAfter } from '../db/queries/coupons.ts'
import { contactPlatformIds } from '../db/queries/links.ts'
import { couponBatches, coupons, orders } from '../db/schema/index.ts'
import { formatInZone } from '../domain/time.ts'
import { batchInput, BATCH_PROBLEM_TEXT, createBatch } from '../services/coupon-batches.ts'
import { issueLines } from '../zod-issues.ts'
import type { ActionRecord } from './output.ts'
import { ScenarioError, type Scenario } from './scenario.ts'

/** Days a scenario batch is valid when it does not say. */
export const SCENARIO_VALID_DAYS = 30

export async function seedCouponBatches (ctx: AppContext, scenario: Scenario): Promise<void> {
  for (const [i, b] of scenario.coupons.entries()) {
    const parsed = batchInput.safeParse({
      code: b.code, kind: b.kind, amount: b.value, gift: b.gift, min_spend: b.min_spend, valid_days: b.valid_days ?? SCENARIO_VALID_DAYS,
      per_customer: b.per_customer, cap: b.cap, stacks: b.stacks, streamer: b.streamer, channel: b.channel, name: b.name,
    })
    if (!parsed.success) throw new ScenarioError(`coupons[${i}]: ${issueLines(parsed.error, 1)[0]}`)
    const outcome = await createBatch({ db: ctx.db, now: ctx.clock.now() }, parsed.data, { contactId: null, via: 'sandbox' })
    if (outcome.kind === 'invalid') throw new ScenarioError(`coupons[${i}]: ${BATCH_PROBLEM_TEXT[outcome.problem]}`)
  }
}

type RedeemRecord = Extract<ActionRecord, { type: 'redeem' }>

/**
 * The code attempts after `afterId` as output lines: every redemption, and every refused check (a check that
 * found a good coupon redeems nothing, so it is not a line). Returns the records and the last id seen.
 */
export async function redeemRecordsAfter (ctx: AppContext, afterId: number, timeZone: string): Promise<{ records: RedeemRecord[], lastId: number }> {
  const attempts = await attemptsAfter(ctx.db, afterId)
  const lastId = attempts.at(-1)?.id ?? afterId
  const shown = attempts.filter((a) => a.mode === 'redeem' || !a.ok)
  if (shown.length === 0) return { records: [], lastId }
  const ids = <T>(pick: (a: typeof shown[number]) => T | null): T[] => [...new Set(shown.map(pick).filter((x): x is T => x !== null))]
  const people = await contactPlatformIds(ctx.db, ctx.account.id, ids((a) => a.contactId).concat(ids((a) => a.actorContactId)))
  const couponIds = ids((a) => a.couponId)
  const batchIds = ids((a) => a.batchId)
  const orderIds = ids((a) => a.orderId)
  const codes = new Map((couponIds.length === 0 ? [] : await ctx.db.select({ id: coupons.id, code: coupons.code }).from(coupons).where(inArray(coupons.id, couponIds))).map((c) => [c.id, c.code]))
  const batches = new Map((batchIds.length === 0 ? [] : await ctx.db.select({ id: couponBatches.id, code: couponBatches.code }).from(couponBatches).where(inArray(couponBatches.id, batchIds))).map((b) => [b.id, b.code]))
  const orderIdsOut = new Map((orderIds.length === 0 ? [] : await ctx.db.select({ id: orders.id, externalId: orders.externalId }).from(orders).where(inArray(orders.id, orderIds))).map((o) => [o.id, o.externalId]))
  const records = shown.map((a): RedeemRecord => ({
    at: formatInZone(a.at, timeZone),
    type: 'redeem',
    code: (a.couponId !== null ? codes.get(a.couponId) : a.batchId !== null ? batches.get(a.batchId) : undefined) ?? a.typed,
    customer: a.contactId === null ? null : people.get(a.contactId) ?? null,
    ...(a.orderId !== null ? { order: orderIdsOut.get(a.orderId) ?? String(a.orderId) } : {}),
    ...(a.actorContactId !== null ? { by: people.get(a.actorContactId) ?? String(a.actorContactId) } : {}),
    ...(a.mode === 'check' ? { check: true as const } : {}),
    ok: a.ok,
    ...(a.reason !== null ? { reason: a.reason } : {}),
  }))
  return { records, lastId }
}
