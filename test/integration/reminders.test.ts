/** Reminder planning and sending on the real Postgres: run twice one effect, races, cancellation, conversion, points. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactIdFor } from '../../src/db/queries/links.ts'
import { couponBatches, coupons, marketingDms, outbox, pointsLedger, reminders } from '../../src/db/schema/index.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { planReminders, sendDueReminders } from '../../src/services/reminders.ts'
import { runSandbox } from '../helpers/sandbox.ts'

const scenario = {
  start: '2026-12-01T08:00:00+08:00',
  groups: [{ id: 'g1', topic: '成都宝妈育儿群', members: ['c1', 'c2'] }],
  customers: [{ id: 'c1', name: '张三', friend: true, consent: true }, { id: 'c2', name: '李四', friend: true, consent: true }],
  products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 }, { sku: 'wipes', name: '湿巾', price: 19.9 }],
  steps: [{ at: '+1m' }],
}
/** Marketing DMs allowed at any hour, so the tests need not move the clock. */
const ALL_DAY = { MARKETING_DM_START_HOUR: '0', MARKETING_DM_END_HOUR: '24' }

const buy = (run: RunningScenario, id: string, customer: string, paidAt: string, sku = 'milk-1') =>
  run.shop.order({ kind: 'order', id, customer, items: [{ sku, qty: 1 }] }, paidAt)

describe('repurchase reminders', () => {
  it('plans a due reminder once however often the pass runs, and two racing send passes queue one DM', async () => {
    await runSandbox(scenario, {
      env: ALL_DAY,
      onStarted: async (run) => {
        const ctx = run.app.ctx
        // bought 27 days before today's local date: due today
        expect((await buy(run, 'o1', 'c1', '2026-11-04T20:00:00+08:00')).status).toBe(201)
        expect(await planReminders(ctx)).toBe(1)
        expect(await planReminders(ctx)).toBe(0)
        const [r] = await ctx.db.select().from(reminders)
        expect(r!.dueAt.toISOString()).toBe('2026-11-30T16:00:00.000Z') // 2026-12-01 00:00 in Shanghai
        const outcomes = await Promise.all([sendDueReminders(ctx), sendDueReminders(ctx)])
        expect(outcomes.reduce((n, o) => n + o.sent, 0)).toBe(1)
        expect((await sendDueReminders(ctx)).sent).toBe(0)
        expect(await ctx.db.select().from(outbox).where(eq(outbox.purpose, 'repurchase'))).toHaveLength(1)
        expect(await ctx.db.select().from(marketingDms)).toHaveLength(1)
        expect(await ctx.db.select().from(coupons).innerJoin(couponBatches, eq(couponBatches.id, coupons.batchId)).where(eq(couponBatches.code, 'REPURCHASE'))).toHaveLength(1)
      },
    })
  })

  it('does not plan a purchase that is not the latest of its product, nor one whose day has not come', async () => {
    await runSandbox(scenario, {
      onStarted: async (run) => {
        await buy(run, 'a', 'c1', '2026-11-04T10:00:00+08:00')
        await buy(run, 'b', 'c1', '2026-11-10T10:00:00+08:00') // c1's latest: due 12-07
        await buy(run, 'c', 'c2', '2026-11-06T10:00:00+08:00') // due 12-03: two days ahead
        await buy(run, 'd', 'c2', '2026-11-04T10:00:00+08:00', 'wipes') // no cycle
        expect(await planReminders(run.app.ctx)).toBe(0)
      },
    })
  })

  it('counts the cycle in calendar days of the customer\'s zone, and is never due before the day after the purchase', async () => {
    await runSandbox({ ...scenario, products: [...scenario.products, { sku: 'tissue', name: '纸巾', price: 9.9, cycle_days: 2 }] }, {
      env: ALL_DAY,
      onStarted: async (run) => {
        const ctx = run.app.ctx
        // 23:00 on Nov 4: due Dec 1 (27 local days), though fewer than 27 × 24 h have passed at 08:00 on Dec 1
        await buy(run, 'late', 'c1', '2026-11-04T23:00:00+08:00')
        // a 2-day cycle with a 3-day lead would fall due the day before the purchase: it is due the next day
        await buy(run, 'short', 'c2', '2026-12-01T07:00:00+08:00', 'tissue')
        expect(await planReminders(ctx)).toBe(2)
        const rows = await ctx.db.select().from(reminders).orderBy(reminders.id)
        const byOrder = new Map(rows.map((r) => [r.contactId, r.dueAt.toISOString()]))
        expect(byOrder.get((await contactIdFor(ctx.db, ctx.account.id, 'c1'))!)).toBe('2026-11-30T16:00:00.000Z') // Dec 1 00:00 Shanghai
        expect(byOrder.get((await contactIdFor(ctx.db, ctx.account.id, 'c2'))!)).toBe('2026-12-01T16:00:00.000Z') // Dec 2 00:00 Shanghai
        expect((await sendDueReminders(ctx)).sent).toBe(1)
        const [dm] = await ctx.db.select().from(outbox).where(eq(outbox.purpose, 'repurchase'))
        expect(dm!.text).toContain('你27天前买的「婴儿奶粉」')
      },
    })
  })

  it('puts a reminder off, with no coupon issued, while the hour is not allowed', async () => {
    await runSandbox(scenario, {
      onStarted: async (run) => {
        const ctx = run.app.ctx
        await buy(run, 'o1', 'c1', '2026-11-04T10:00:00+08:00')
        await planReminders(ctx)
        expect(await sendDueReminders(ctx)).toMatchObject({ sent: 0, deferred: 1 })
        const [r] = await ctx.db.select().from(reminders)
        expect(r).toMatchObject({ status: 'planned', sendAfter: new Date('2026-12-01T01:00:00Z') })
        expect(await ctx.db.select().from(coupons)).toHaveLength(0)
        expect(await ctx.db.select().from(marketingDms)).toHaveLength(0)
      },
    })
  })

  it('cancels a planned reminder when the product is bought again, and converts a sent one bought within 14 days', async () => {
    await runSandbox(scenario, {
      env: ALL_DAY,
      onStarted: async (run) => {
        const ctx = run.app.ctx
        await buy(run, 'o1', 'c1', '2026-11-04T10:00:00+08:00')
        await buy(run, 'o2', 'c2', '2026-11-04T10:00:00+08:00')
        await planReminders(ctx)
        const c1 = (await contactIdFor(ctx.db, ctx.account.id, 'c1'))!
        const c2 = (await contactIdFor(ctx.db, ctx.account.id, 'c2'))!
        // c1 buys before the reminder went out: cancelled, never sent
        await buy(run, 'o3', 'c1', '2026-12-01T08:00:00+08:00')
        expect((await sendDueReminders(ctx)).sent).toBe(1)
        // c2 got theirs and buys 14 days later (the last day that counts), then again (credited once)
        await buy(run, 'o4', 'c2', '2026-12-15T08:00:00+08:00')
        await buy(run, 'o5', 'c2', '2026-12-15T09:00:00+08:00')
        const rows = await ctx.db.select().from(reminders).orderBy(reminders.id)
        expect(rows.find((r) => r.contactId === c1)).toMatchObject({ status: 'cancelled' })
        expect(rows.find((r) => r.contactId === c2)).toMatchObject({ status: 'converted', convertedAt: new Date('2026-12-15T00:00:00Z') })
      },
    })
  })

  it('does not convert a sent reminder when the product is bought more than 14 days later', async () => {
    await runSandbox(scenario, {
      env: ALL_DAY,
      onStarted: async (run) => {
        const ctx = run.app.ctx
        await buy(run, 'o1', 'c1', '2026-11-04T10:00:00+08:00')
        await planReminders(ctx)
        await sendDueReminders(ctx)
        await buy(run, 'late', 'c1', '2026-12-15T08:00:01+08:00')
        const [r] = await ctx.db.select().from(reminders)
        expect(r!.status).toBe('sent')
      },
    })
  })

  it('books points for a purchase once per order at the configured rate, however often the webhook comes', async () => {
    await runSandbox(scenario, {
      env: { ORDER_POINTS_PER_YUAN: '0.5' },
      onStarted: async (run) => {
        const ctx = run.app.ctx
        await buy(run, 'o1', 'c1', '2026-12-01T08:00:00+08:00')
        await buy(run, 'o1', 'c1', '2026-12-01T08:00:00+08:00')
        await buy(run, 'o2', 'c1', '2026-12-01T08:00:00+08:00', 'wipes')
        const rows = await ctx.db.select({ delta: pointsLedger.delta, cause: pointsLedger.cause }).from(pointsLedger).orderBy(pointsLedger.id)
        expect(rows.map((r) => r.delta)).toEqual([99, 9]) // floor(199 x 0.5), floor(19.9 x 0.5)
        expect(new Set(rows.map((r) => r.cause)).size).toBe(2)
      },
    })
  })
})
