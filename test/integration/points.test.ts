/** The points ledger under concurrency, on the real Postgres. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { linkContact } from '../../src/db/queries/links.ts'
import { balanceOf } from '../../src/db/queries/points.ts'
import { exchanges, rewardCatalog } from '../../src/db/schema/index.ts'
import { adjust, earn, exchange, type ExchangeOutcome } from '../../src/services/points.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { runSandbox, sentTo } from '../helpers/sandbox.ts'

const scenario = (stock: number) => ({
  start: '2026-12-01T10:00:00+08:00',
  rewards: [{ sku: 'cup', name: '保温杯', points: 10, stock }],
  customers: [{ id: 'a', name: '阿姨', friend: true, consent: true }],
  steps: [{ at: '+1m' }],
})

async function personWith (run: RunningScenario, points: number): Promise<number> {
  const ctx = run.app.ctx
  const { id } = await linkContact(ctx.db, ctx.account.id, `p-${points}`, '测试', ctx.clock.now())
  for (let i = 0; i < points / 10; i++) await earn(ctx, ctx.db, id, 10, 'referral', `seed-${i}`)
  return id
}

describe('points exchange', () => {
  it('50 concurrent exchanges against a balance that covers 10: exactly 10 succeed, balance 0, stock right', async () => {
    let outcomes: ExchangeOutcome[] = []
    let balance = -1
    let stock = -1
    let rows = -1
    await runSandbox(scenario(30), async (run) => {
      const ctx = run.app.ctx
      const person = await personWith(run, 100)
      outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => exchange(ctx, person, 'cup', `req-${i}`)))
      balance = await balanceOf(ctx.db, person)
      stock = (await ctx.db.select({ stock: rewardCatalog.stock }).from(rewardCatalog).where(eq(rewardCatalog.sku, 'cup')))[0]!.stock
      rows = (await ctx.db.select().from(exchanges)).length
    })
    expect(outcomes.filter((o) => o.kind === 'ok')).toHaveLength(10)
    expect(outcomes.filter((o) => o.kind === 'not-enough')).toHaveLength(40)
    expect(balance).toBe(0)
    expect(stock).toBe(20)
    expect(rows).toBe(10)
  })

  it('stops at the stock, never below zero, and refunds nothing it did not take', async () => {
    let outcomes: ExchangeOutcome[] = []
    let balance = -1
    await runSandbox(scenario(3), async (run) => {
      const person = await personWith(run, 100)
      outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => exchange(run.app.ctx, person, '保温杯', `req-${i}`)))
      balance = await balanceOf(run.app.ctx.db, person)
    })
    expect(outcomes.filter((o) => o.kind === 'ok')).toHaveLength(3)
    expect(outcomes.filter((o) => o.kind === 'out-of-stock')).toHaveLength(5)
    expect(balance).toBe(70)
  })

  it('the same request twice exchanges once', async () => {
    let balance = -1
    await runSandbox(scenario(5), async (run) => {
      const person = await personWith(run, 100)
      await exchange(run.app.ctx, person, 'cup', 'same')
      const again = await exchange(run.app.ctx, person, 'cup', 'same')
      expect(again.kind).toBe('duplicate')
      balance = await balanceOf(run.app.ctx.db, person)
    })
    expect(balance).toBe(90)
  })

  it('an adjustment never takes the balance below zero, and books once per cause', async () => {
    await runSandbox(scenario(1), async (run) => {
      const ctx = run.app.ctx
      const person = await personWith(run, 20)
      expect(await adjust(ctx, person, -30, '测试', 'adj-1')).toEqual({ ok: false, balance: 20 })
      expect(await adjust(ctx, person, -20, '测试', 'adj-2')).toEqual({ ok: true, balance: 0 })
      expect(await adjust(ctx, person, 5, '补发', 'adj-3')).toEqual({ ok: true, balance: 5 })
      expect(await adjust(ctx, person, 5, '补发', 'adj-3')).toEqual({ ok: true, balance: 5 })
    })
  })
})

describe('points commands', () => {
  it('lists the catalog, exchanges by (part of) the name, tells staff, refuses when short, and lets an operator adjust with a reason', async () => {
    const result = await runSandbox({
      ...scenario(2),
      rewards: [{ sku: 'cup', name: '品牌保温杯', points: 10, stock: 2 }],
      staff: [{ id: 'op', name: '运营小王', role: 'operator' }, { id: 'boss', name: '老板', role: 'owner' }],
      steps: [
        { at: '+1m', say: { from: 'op', text: '/调整积分 阿姨 +15 活动补发' } },
        { at: '+1m', say: { from: 'a', text: '/积分商城' } },
        { at: '+1m', say: { from: 'a', text: '/兑换 保温杯' } },
        { at: '+1m', say: { from: 'a', text: '/兑换 保温杯' } },
        { at: '+1m', say: { from: 'a', text: '/兑换 不存在的东西' } },
        { at: '+1m', say: { from: 'a', text: '/adjust 阿姨 +100 自己加' } },
        { at: '+5m' },
      ],
    })
    const toA = sentTo(result, { contact: 'a' })
    expect(toA[0]).toContain('保温杯')
    expect(toA[1]).toMatch(/兑换「品牌保温杯」，剩余5积分/) // balance after: 15 - 10
    expect(toA[2]).toMatch(/不足|不够/)
    expect(toA[3]).toContain('不存在的东西')
    expect(toA[4]).toMatch(/抱歉/) // a customer cannot adjust points
    expect(sentTo(result, { contact: 'op' })[0]).toContain('15')
    expect(sentTo(result, { contact: 'boss' })).toEqual([expect.stringMatching(/「阿姨」用积分兑换了「品牌保温杯」/)])
    expect(result.summary.points).toEqual({ earned: 15, spent: 10 })
  })
})
