/**
 * Refunds and cancellations over HTTP on the real Postgres (docs/ORDERS.md): a full refund gives the coupons back,
 * takes the points back as far as the balance holds and cancels the planned reminder, once, however often and
 * however concurrently it is delivered; a partial refund only records itself; bad input is refused clearly.
 */
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { balanceOf } from '../../src/db/queries/points.ts'
import { careCandidates } from '../../src/db/queries/lifecycle.ts'
import { repurchaseRate } from '../../src/db/queries/kpis.ts'
import { contactIdFor } from '../../src/db/queries/links.ts'
import { auditLog, couponBatches, coupons, orders, pointsLedger, reminders } from '../../src/db/schema/index.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { customer360 } from '../../src/services/customer-360.ts'
import { linkOrdersOfNewContact } from '../../src/services/order-effects.ts'
import { planReminders } from '../../src/services/reminders.ts'
import { poster, withApiServer, type Api } from '../helpers/api.ts'
import { runSandbox } from '../helpers/sandbox.ts'

const ADMIN = 'marketing-secret-0123456789'
const SHOP = 'shop-secret-0123456789abcd'
const OTHER = 'other-secret-0123456789abc'

const scenario = {
  start: '2026-12-01T10:00:00+08:00',
  products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 }],
  customers: [{ id: 'c1', name: '张三', friend: true, consent: true }, { id: 'c2', name: '李四', friend: true }],
  steps: [{ at: '+1m' }],
}

async function withApi (test: (api: Api, run: RunningScenario) => Promise<void>): Promise<void> {
  await runSandbox(scenario, (run) => withApiServer(run.app.ctx,
    [{ name: 'marketing', secret: ADMIN, scopes: ['coupons'] }, { name: 'shop', secret: SHOP, scopes: ['orders'] }, { name: 'other', secret: OTHER, scopes: ['reports'] }],
    (server) => test(poster(server, SHOP), run)))
}

/** Bought 27 days before the scenario's day: its reminder (30-day cycle, 3 days' lead) is due today. */
const order = (api: Api, id: string, extra: Record<string, unknown> = {}) =>
  api('/api/orders', { source: 'youzan', external_id: id, customer: { platform_id: 'c1' }, items: [{ sku: 'milk-1', qty: 1 }], paid_at: '2026-11-04T10:00:00+08:00', ...extra })
const refund = (api: Api, id: string, extra: Record<string, unknown> = {}) =>
  api('/api/orders/refund', { source: 'youzan', external_id: id, kind: 'refund', ...extra })

async function couponState (run: RunningScenario, code: string): Promise<string> {
  return (await run.app.ctx.db.select().from(coupons).where(eq(coupons.code, code)))[0]!.status
}
async function sharedUses (run: RunningScenario, code: string): Promise<number> {
  return (await run.app.ctx.db.select().from(couponBatches).where(eq(couponBatches.code, code)))[0]!.redeemedCount
}
const c1 = async (run: RunningScenario) => (await contactIdFor(run.app.ctx.db, run.app.ctx.account.id, 'c1'))!

describe('refunds and cancellations', () => {
  it('a full refund gives the coupons back, takes the points back, cancels the planned reminder; delivered again it changes nothing', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      await api('/api/coupon-batches', { code: 'VIP10', amount: 10, valid_days: 30, stacks: true }, ADMIN)
      await api('/api/coupon-batches', { code: 'FANS5', kind: 'shared', amount: 5, valid_days: 7, stacks: true, cap: 1 }, ADMIN)
      const vip = (await api('/api/coupons/issue', { batch: 'VIP10', customer: { platform_id: 'c1' }, request_id: 'vip-c1' }, ADMIN)).body.code as string
      const paid = await order(api, 'R-1', { coupon: [vip, 'FANS5'] })
      expect(paid.body.coupons.map((c: { ok: boolean }) => c.ok)).toEqual([true, true])
      const orderId = paid.body.order_id as number
      expect(await balanceOf(ctx.db, await c1(run))).toBe(199)
      expect(await planReminders(ctx)).toBe(1)

      const first = await refund(api, 'R-1', { at: '2026-12-01T09:00:00+08:00' })
      expect(first).toEqual({ status: 200, body: { order_id: orderId, status: 'refunded', partial: false, changed: true, coupons_released: 2, points_taken_back: 199, points_short: 0, reminders_cancelled: 1 } })
      expect(await couponState(run, vip)).toBe('issued')
      expect(await sharedUses(run, 'FANS5')).toBe(0)
      expect(await balanceOf(ctx.db, await c1(run))).toBe(0)
      expect(await ctx.db.select({ delta: pointsLedger.delta }).from(pointsLedger).where(eq(pointsLedger.cause, `order-refund-${orderId}`))).toEqual([{ delta: -199 }])
      expect((await ctx.db.select().from(reminders))[0]).toMatchObject({ status: 'cancelled' })
      expect((await ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0]).toMatchObject({ status: 'refunded', refundedAt: new Date('2026-12-01T01:00:00Z') })

      // the same refund again, and a cancellation after it (stores send both): nothing more happens
      expect(await refund(api, 'R-1')).toEqual({ status: 200, body: { order_id: orderId, status: 'refunded', partial: false, changed: false } })
      expect((await refund(api, 'R-1', { kind: 'cancel' })).body).toMatchObject({ status: 'refunded', changed: false })
      expect(await ctx.db.select().from(pointsLedger).where(eq(pointsLedger.cause, `order-refund-${orderId}`))).toHaveLength(1)
      expect(await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'coupon.release'))).toHaveLength(1)
      expect(await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'order.refund'))).toHaveLength(1)
      // the refunded order is no purchase any more: no care DM for it, and the coupon and the shared place are usable
      expect(await careCandidates(ctx.db, new Date('2026-11-05T12:00:00+08:00'), 3, 'Asia/Shanghai')).toEqual([])
      expect((await order(api, 'R-2', { coupon: [vip, 'FANS5'], paid_at: '2026-12-01T10:00:00+08:00' })).body.coupons.map((c: { ok: boolean }) => c.ok)).toEqual([true, true])
    })
  })

  it('takes back only what the balance holds, and says how much it could not', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      const orderId = (await order(api, 'S-1')).body.order_id as number
      await ctx.db.insert(pointsLedger).values({ contactId: await c1(run), delta: -150, kind: 'spend', reason: 'exchange', cause: 'exchange-test', at: new Date() })
      expect((await refund(api, 'S-1', { kind: 'cancel' })).body).toMatchObject({ status: 'cancelled', changed: true, points_taken_back: 49, points_short: 150 })
      expect(await balanceOf(ctx.db, await c1(run))).toBe(0)
      // cancelled before its reminder was planned: none is planned for it
      expect(await planReminders(ctx)).toBe(0)
      const [row] = await ctx.db.select().from(pointsLedger).where(eq(pointsLedger.cause, `order-refund-${orderId}`))
      expect(row).toMatchObject({ delta: -49, kind: 'adjust', reason: 'refund', note: '150 of 199 already spent' })
    })
  })

  it('ten deliveries of one refund at once undo the order once', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      const orderId = (await order(api, 'C-1')).body.order_id as number
      await planReminders(ctx)
      const burst = await Promise.all(Array.from({ length: 10 }, () => refund(api, 'C-1')))
      expect(burst.map((r) => r.status)).toEqual(Array(10).fill(200))
      expect(burst.filter((r) => r.body.changed)).toHaveLength(1)
      expect(burst.find((r) => r.body.changed)!.body).toMatchObject({ points_taken_back: 199, reminders_cancelled: 1 })
      expect(await ctx.db.select().from(pointsLedger).where(eq(pointsLedger.cause, `order-refund-${orderId}`))).toHaveLength(1)
      expect(await balanceOf(ctx.db, await c1(run))).toBe(0)
      expect(await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'order.refund'))).toHaveLength(1)
    })
  })

  it('a partial refund records itself and keeps the coupons, the points and the reminder; a full one later undoes them', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      await api('/api/coupon-batches', { code: 'FANS5', kind: 'shared', amount: 5, valid_days: 7, cap: 5 }, ADMIN)
      const orderId = (await order(api, 'P-1', { coupon: 'FANS5' })).body.order_id as number
      await planReminders(ctx)
      expect(await refund(api, 'P-1', { partial: true, at: '2026-12-01T09:00:00+08:00' })).toEqual({ status: 200, body: { order_id: orderId, status: 'paid', partial: true, changed: true } })
      expect((await refund(api, 'P-1', { partial: true })).body).toMatchObject({ status: 'paid', changed: false })
      expect(await sharedUses(run, 'FANS5')).toBe(1)
      expect(await balanceOf(ctx.db, await c1(run))).toBe(199)
      expect((await ctx.db.select().from(reminders))[0]).toMatchObject({ status: 'planned' })
      expect((await ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0]).toMatchObject({ status: 'paid', refundedAt: new Date('2026-12-01T01:00:00Z') })
      expect((await refund(api, 'P-1')).body).toMatchObject({ status: 'refunded', changed: true, coupons_released: 1, points_taken_back: 199, reminders_cancelled: 1 })
      expect((await refund(api, 'P-1', { partial: true })).body).toMatchObject({ status: 'refunded', changed: false })
      // the customer's record: what they bought leaves the refunded order out, the list shows it with its status
      await order(api, 'P-2', { paid_at: '2026-12-01T10:00:00+08:00' })
      const view = await customer360(ctx, await c1(run))
      expect(view!.orders).toMatchObject({ count: 1, total: 199, recent: [{ externalId: 'P-2', status: 'paid' }, { externalId: 'P-1', status: 'refunded' }] })
    })
  })

  it('an unmatched order refunded before its customer appears earns them nothing when it is linked', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      await order(api, 'U-1', { customer: { platform_id: 'newcomer' } })
      expect((await refund(api, 'U-1')).body).toMatchObject({ changed: true, coupons_released: 0, points_taken_back: 0, reminders_cancelled: 0 })
      const c2 = (await contactIdFor(ctx.db, ctx.account.id, 'c2'))!
      expect(await linkOrdersOfNewContact(ctx, c2, 'newcomer')).toBe(1)
      expect(await balanceOf(ctx.db, c2)).toBe(0)
      expect(await ctx.db.select().from(pointsLedger).where(and(eq(pointsLedger.contactId, c2), sql`cause like 'order-%'`))).toEqual([])
    })
  })

  it('a refunded or cancelled order counts for no repurchase: not as the earlier order, not as the one in the period', async () => {
    await withApi(async (api, run) => {
      const db = run.app.ctx.db
      const december = { from: new Date('2026-12-01T00:00:00+08:00'), to: new Date('2026-12-31T23:59:59+08:00') }
      await order(api, 'K-1') // November
      await order(api, 'K-2', { paid_at: '2026-12-01T10:00:00+08:00' })
      expect(await repurchaseRate(db, december)).toBe(1)
      await refund(api, 'K-1')
      expect(await repurchaseRate(db, december)).toBe(0)
      await refund(api, 'K-2', { kind: 'cancel' })
      expect(await repurchaseRate(db, december)).toBeNull()
    })
  })

  it('answers 404 for an order never recorded, 400 for a bad body, 403 without the orders scope', async () => {
    await withApi(async (api) => {
      await order(api, 'B-1')
      expect(await refund(api, 'NOPE')).toEqual({ status: 404, body: { error: 'no order NOPE from youzan' } })
      expect(await refund(api, 'B-1', { source: 'tmall' })).toMatchObject({ status: 404 })
      const bad = await api('/api/orders/refund', { source: 'youzan', kind: 'void', at: 'yesterday', extra: 1 })
      expect(bad.status).toBe(400)
      expect(bad.body.error).toBe('invalid refund')
      expect(bad.body.problems.map((p: string) => p.split(':')[0]).sort()).toEqual(['Unrecognized key', 'at', 'external_id', 'kind'])
      expect(await refund(api, 'B-1', { kind: 'cancel', partial: true })).toEqual({ status: 400, body: { error: 'invalid refund', problems: ['partial: a cancellation is always of the whole order'] } })
      expect((await refund(api, 'B-1')).status).toBe(200)
      expect((await api('/api/orders/refund', { external_id: 'B-1', kind: 'refund' }, OTHER)).status).toBe(403)
    })
  })
})
