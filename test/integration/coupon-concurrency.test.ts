/**
 * Redemption under concurrency, on the real Postgres, from many connections (several stores besides the app's):
 * a unique code succeeds at most once, a shared code once per customer up to its cap.
 */
import { count, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createStore, type Store } from '../../src/db/client.ts'
import { batchByKey, markRedeemed } from '../../src/db/queries/coupons.ts'
import { contactIdFor, linkContact } from '../../src/db/queries/links.ts'
import { lockPerson } from '../../src/db/queries/points.ts'
import { couponAttempts, couponBatches, coupons, orders, sharedRedemptions } from '../../src/db/schema/index.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import type { AppContext } from '../../src/services/context.ts'
import { batchInput, createBatch } from '../../src/services/coupon-batches.ts'
import { verifyCode, type AttemptResult } from '../../src/services/coupon-redemption.ts'
import { remindExpiringCoupons, type ReminderPass } from '../../src/services/coupon-reminders.ts'
import { issueCoupon } from '../../src/services/coupons.ts'
import { recordOrder } from '../../src/services/orders.ts'
import { runSandbox } from '../helpers/sandbox.ts'

const scenario = { start: '2026-12-01T10:00:00+08:00', products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199 }], steps: [{ at: '+1m' }] }
const EXTRA_STORES = 4

/** Contexts that share the app's everything but each its own connection pool (10 connections each). */
async function withStores (run: RunningScenario, work: (contexts: AppContext[]) => Promise<void>): Promise<void> {
  const stores: Store[] = Array.from({ length: EXTRA_STORES }, () => createStore(run.app.ctx.config.DATABASE_URL, { max: 10 }))
  try {
    await work([run.app.ctx, ...stores.map((s) => ({ ...run.app.ctx, db: s.db }))])
  } finally {
    await Promise.all(stores.map((s) => s.close()))
  }
}

async function customers (ctx: AppContext, n: number): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < n; i++) ids.push((await linkContact(ctx.db, ctx.account.id, `cust-${i}`, `顾客${i}`, ctx.clock.now())).id)
  return ids
}

async function batch (ctx: AppContext, body: Record<string, unknown>) {
  const outcome = await createBatch({ db: ctx.db, now: ctx.clock.now() }, batchInput.parse(body), { contactId: null, via: 'test' })
  if (outcome.kind !== 'created') throw new Error(`batch not created: ${outcome.kind}`)
  return outcome.batch
}

describe('redemption under concurrency', () => {
  it('200 verifications of 20 unique codes at once from many connections: exactly 20 succeed, one per code', async () => {
    let results: AttemptResult[] = []
    let redeemed = -1
    let attempts = -1
    await runSandbox(scenario, async (run) => {
      const ctx = run.app.ctx
      const holders = await customers(ctx, 20)
      const b = await batch(ctx, { code: 'GIFT20', amount: 20, valid_days: 30 })
      const codes: string[] = []
      for (const [i, holder] of holders.entries()) {
        const issued = await issueCoupon(ctx, ctx.db, { batch: b, contactId: holder, cause: `test-${i}`, dm: false })
        if (issued.kind !== 'issued') throw new Error('not issued')
        codes.push(issued.coupon.code)
      }
      await withStores(run, async (contexts) => {
        // Ten tills per code: half name the customer, half let the code say whose it is.
        results = await Promise.all(Array.from({ length: 200 }, (_, i) => verifyCode(contexts[i % contexts.length]!, {
          typed: codes[i % 20]!, mode: 'redeem', actor: { via: `api:till-${i % 7}`, contactId: null }, customerId: i % 2 === 0 ? holders[i % 20]! : null, total: null, orderId: null,
        })))
      })
      redeemed = (await ctx.db.select({ n: count() }).from(coupons).where(eq(coupons.status, 'redeemed')))[0]!.n
      attempts = (await ctx.db.select({ n: count() }).from(couponAttempts))[0]!.n
    })
    const ok = results.filter((r) => r.ok)
    expect(ok).toHaveLength(20)
    expect(new Set(ok.map((r) => r.view!.code)).size).toBe(20)
    // The losers were told it was used (or, once a holder had 5 of those, that their code is locked for a while).
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && (r.reason === 'used' || r.reason === 'locked'))).toBe(true)
    expect(redeemed).toBe(20)
    expect(attempts).toBe(200)
  })

  it('a shared code with a cap of 50 tried by 80 customers at once, each twice: exactly 50 succeed, no customer twice', async () => {
    let results: Array<{ customer: number, result: AttemptResult }> = []
    let counted = -1
    let rows: Array<{ contactId: number }> = []
    await runSandbox(scenario, async (run) => {
      const ctx = run.app.ctx
      const fans = await customers(ctx, 80)
      await batch(ctx, { code: 'ANNA30', kind: 'shared', amount: 30, valid_days: 7, cap: 50, streamer: 'anna' })
      await withStores(run, async (contexts) => {
        const tries = [...fans, ...fans]
        results = await Promise.all(tries.map(async (customer, i) => ({
          customer,
          result: await verifyCode(contexts[i % contexts.length]!, { typed: i % 3 === 0 ? 'anna30' : 'ANNA30', mode: 'redeem', actor: { via: 'api:live-shop', contactId: null }, customerId: customer, total: null, orderId: null }),
        })))
      })
      counted = (await batchByKey(ctx.db, 'ANNA30'))!.redeemedCount
      rows = await ctx.db.select({ contactId: sharedRedemptions.contactId }).from(sharedRedemptions)
    })
    const winners = results.filter((r) => r.result.ok).map((r) => r.customer)
    expect(winners).toHaveLength(50)
    expect(new Set(winners).size).toBe(50)
    expect(counted).toBe(50)
    expect(rows).toHaveLength(50)
    expect(new Set(rows.map((r) => r.contactId)).size).toBe(50)
    const reasons = new Set(results.filter((r) => !r.result.ok).map((r) => !r.result.ok && r.result.reason))
    expect([...reasons].every((r) => r === 'cap-reached' || r === 'used')).toBe(true)
  })

  it('two tills verifying one code at the same moment: one success, the other hears when it was used', async () => {
    let results: AttemptResult[] = []
    await runSandbox(scenario, async (run) => {
      const ctx = run.app.ctx
      const [holder] = await customers(ctx, 1)
      const b = await batch(ctx, { code: 'GIFT20', amount: 20, valid_days: 30 })
      const issued = await issueCoupon(ctx, ctx.db, { batch: b, contactId: holder!, cause: 'test', dm: false })
      if (issued.kind !== 'issued') throw new Error('not issued')
      await withStores(run, async (contexts) => {
        results = await Promise.all([0, 1].map((i) => verifyCode(contexts[i]!, { typed: issued.coupon.code, mode: 'redeem', actor: { via: `api:till-${i}`, contactId: null }, customerId: null, total: null, orderId: null })))
      })
    })
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const loser = results.find((r) => !r.ok)!
    expect(loser).toMatchObject({ ok: false, reason: 'used' })
    expect(loser.view?.usedAt).toBeInstanceOf(Date)
  })

  it('ten orders carrying one coupon at once: every order is recorded, the coupon redeemed on exactly one', async () => {
    let outcomes: Awaited<ReturnType<typeof recordOrder>>[] = []
    let recorded = -1
    let redeemedOn: Array<number | null> = []
    await runSandbox(scenario, async (run) => {
      const ctx = run.app.ctx
      const b = (await ctx.db.select().from(couponBatches).where(eq(couponBatches.code, 'WELCOME')))[0]!
      const [holder] = await customers(ctx, 1)
      const issued = await issueCoupon(ctx, ctx.db, { batch: b, contactId: holder!, cause: 'welcome-test', dm: false })
      if (issued.kind !== 'issued') throw new Error('not issued')
      await withStores(run, async (contexts) => {
        outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => recordOrder(contexts[i % contexts.length]!, {
          source: 'youzan', external_id: `E-${i}`, customer: { id: holder! }, items: [{ sku: 'milk-1', qty: 1 }], coupon: issued.coupon.code, paid_at: '2026-12-01T10:00:00+08:00',
        }, { via: 'api:shop' })))
      })
      recorded = (await ctx.db.select({ n: count() }).from(orders))[0]!.n
      redeemedOn = (await ctx.db.select({ order: coupons.redeemedOrderId }).from(coupons).where(eq(coupons.id, issued.coupon.id))).map((r) => r.order)
    })
    expect(recorded).toBe(10)
    const coupled = outcomes.flatMap((o) => o.kind === 'created' ? o.coupons : [])
    expect(coupled.filter((c) => c.ok)).toHaveLength(1)
    expect(coupled.filter((c) => !c.ok).every((c) => c.reason === 'used' || c.reason === 'locked')).toBe(true)
    const winner = outcomes.find((o) => o.kind === 'created' && o.coupons[0]!.ok)!
    expect(redeemedOn).toEqual([winner.kind === 'created' ? winner.orderId : -1])
  })

  it('the expiry reminder and an order of the holder at the same moment: no deadlock, and no reminder for the used coupon', async () => {
    let pass: ReminderPass | Error | null = null
    let status = ''
    await runSandbox({ ...scenario, customers: [{ id: 'c1', name: '张三', friend: true, consent: true }] }, async (run) => {
      const ctx = run.app.ctx
      const holder = (await contactIdFor(ctx.db, ctx.account.id, 'c1'))!
      const b = await batch(ctx, { code: 'GIFT20', amount: 20, valid_days: 30 })
      const issued = await issueCoupon(ctx, ctx.db, { batch: b, contactId: holder, cause: 'test', dm: false })
      if (issued.kind !== 'issued') throw new Error('not issued')
      const now = ctx.clock.now().getTime()
      await ctx.db.update(coupons).set({ issuedAt: new Date(now - 8 * 86_400_000), expiresAt: new Date(now + 2 * 86_400_000) }).where(eq(coupons.id, issued.coupon.id))
      await withStores(run, async ([, till]) => {
        // An order's transaction holds the person (as recordOrder does) while the pass starts on the same person ...
        await till!.db.transaction(async (tx) => {
          await lockPerson(tx, holder)
          const reminding = remindExpiringCoupons(ctx).then((p) => { pass = p }, (err: Error) => { pass = err })
          for (let i = 0; i < 400 && pass === null; i++) {
            const [waiting] = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_locks where not granted`)
            if (waiting!.n > 0) break
            await new Promise((resolve) => setTimeout(resolve, 5))
          }
          // ... and then redeems the coupon: the pass waits for the person before it takes the coupon row
          expect(await markRedeemed(tx, issued.coupon.id, { at: ctx.clock.now(), orderId: null, via: 'api:shop', by: null })).toBe(true)
          void reminding
        })
        for (let i = 0; i < 400 && pass === null; i++) await new Promise((resolve) => setTimeout(resolve, 5))
      })
      status = (await ctx.db.select().from(coupons).where(eq(coupons.id, issued.coupon.id)))[0]!.status
    })
    expect(pass).toEqual({ queued: 0, skipped: 0, deferred: 0 })
    expect(status).toBe('redeemed')
  })
})
