/** The orders API: idempotent by source + external id, customers matched or kept for later, bad input refused. */
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { linkContact } from '../../src/db/queries/links.ts'
import { updateProfile } from '../../src/db/queries/contacts.ts'
import { orderItems, orders } from '../../src/db/schema/index.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { withApiServer } from '../helpers/api.ts'
import { runSandbox } from '../helpers/sandbox.ts'

const SHOP = 'shop-secret-0123456789'
const REPORTS = 'reports-secret-0123456789'

const scenario = {
  start: '2026-12-01T10:00:00+08:00',
  products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 }, { sku: 'wipes', name: '湿巾', price: 19.9 }],
  customers: [{ id: 'c1', name: '张三', friend: true, consent: true }],
  steps: [{ at: '+1m' }],
}

async function withApi (test: (api: FastifyInstance, run: RunningScenario) => Promise<void>): Promise<void> {
  await runSandbox(scenario, (run) => withApiServer(run.app.ctx,
    [{ name: 'shop', secret: SHOP, scopes: ['orders'] }, { name: 'reports', secret: REPORTS, scopes: ['reports'] }],
    (api) => test(api, run)))
}

const post = (api: FastifyInstance, payload: unknown, secret = SHOP) =>
  api.inject({ method: 'POST', url: '/api/orders', headers: { authorization: `Bearer ${secret}` }, payload: payload as object })

const order = (externalId: string, extra: Record<string, unknown> = {}) => ({
  source: 'youzan', external_id: externalId, customer: { platform_id: 'c1' }, items: [{ sku: 'milk-1', qty: 2 }], paid_at: '2026-12-01T10:00:00+08:00', ...extra,
})

describe('orders API', () => {
  it('records a webhook posted twice, and ten times at once, as one order each', async () => {
    await withApi(async (api, run) => {
      const first = await post(api, order('A-1'))
      const again = await post(api, order('A-1'))
      expect(first.statusCode).toBe(201)
      expect(first.json()).toMatchObject({ duplicate: false, customer_matched: true })
      expect(again.statusCode).toBe(200)
      expect(again.json()).toEqual({ order_id: first.json().order_id, duplicate: true })
      const burst = await Promise.all(Array.from({ length: 10 }, () => post(api, order('A-2'))))
      expect(burst.filter((r) => r.statusCode === 201)).toHaveLength(1)
      expect(burst.filter((r) => r.statusCode === 200)).toHaveLength(9)
      const rows = await run.app.ctx.db.select().from(orders)
      expect(rows.map((r) => r.externalId).sort()).toEqual(['A-1', 'A-2'])
      // the same shop id from another source is another order
      expect((await post(api, order('A-1', { source: 'tmall' }))).statusCode).toBe(201)
    })
  })

  it('prices items from the catalogue unless the shop says what was paid, and sums the total', async () => {
    await withApi(async (api, run) => {
      const res = await post(api, order('B-1', { items: [{ sku: 'milk-1', qty: 1 }, { sku: 'wipes', qty: 3, price: 15.5 }] }))
      const id = res.json().order_id as number
      const [row] = await run.app.ctx.db.select().from(orders).where(eq(orders.id, id))
      expect(row!.total).toBe(199 + 3 * 15.5)
      const items = await run.app.ctx.db.select().from(orderItems).where(eq(orderItems.orderId, id))
      expect(items.map((i) => [i.qty, i.unitPrice]).sort()).toEqual([[1, 199], [3, 15.5]])
    })
  })

  it('keeps an order of an unknown customer unlinked, and matches a phone however the shop wrote it', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      const { id } = await linkContact(ctx.db, ctx.account.id, 'p-phone', '李四', ctx.clock.now())
      await updateProfile(ctx.db, id, { phone: '13800138000' } as never)
      const byPhone = await post(api, order('C-1', { customer: { phone: '+86 138-0013-8000' } }))
      const stranger = await post(api, order('C-2', { customer: { phone: '139 0000 0000', platform_id: 'wx-unknown' } }))
      expect(byPhone.json().customer_matched).toBe(true)
      expect(stranger.statusCode).toBe(201)
      expect(stranger.json().customer_matched).toBe(false)
      const [kept] = await ctx.db.select().from(orders).where(eq(orders.externalId, 'C-2'))
      expect(kept).toMatchObject({ contactId: null, customerPhone: '13900000000', customerPlatformId: 'wx-unknown' })
      const [matched] = await ctx.db.select().from(orders).where(eq(orders.externalId, 'C-1'))
      expect(matched!.contactId).toBe(id)
    })
  })

  it('refuses what it cannot record with a reason, and records nothing', async () => {
    await withApi(async (api, run) => {
      const unknownSku = await post(api, order('D-1', { items: [{ sku: 'nope', qty: 1 }] }))
      expect(unknownSku.statusCode).toBe(422)
      expect(unknownSku.json()).toEqual({ error: 'order refused', problems: ['unknown sku "nope"'] })
      const badQty = await post(api, order('D-2', { items: [{ sku: 'milk-1', qty: 0 }] }))
      expect(badQty.statusCode).toBe(400)
      expect(badQty.json().problems[0]).toMatch(/^items\[0\]\.qty: /)
      expect((await post(api, order('D-3', { customer: {} }))).statusCode).toBe(400)
      expect((await post(api, order('D-4', { customer: { phone: 'call me' } }))).json().problems).toEqual(['customer.phone "call me" is not a phone number'])
      expect((await post(api, order('D-5', { customer: { id: 999999 } }))).statusCode).toBe(422)
      expect((await post(api, order('D-6', { paid_at: 'yesterday' }))).statusCode).toBe(400)
      expect((await post(api, order('D-7', { total: -1 }))).statusCode).toBe(400)
      expect((await post(api, order('D-8', { total: 1.234 }))).statusCode).toBe(400)
      const broken = await api.inject({ method: 'POST', url: '/api/orders', headers: { authorization: `Bearer ${SHOP}`, 'content-type': 'application/json' }, payload: '{"external_id": ' })
      expect(broken.statusCode).toBe(400)
      expect(await run.app.ctx.db.select().from(orders)).toHaveLength(0)
    })
  })

  it('needs a token with the orders scope', async () => {
    await withApi(async (api) => {
      expect((await api.inject({ method: 'POST', url: '/api/orders', payload: order('E-1') })).statusCode).toBe(401)
      expect((await post(api, order('E-1'), REPORTS)).statusCode).toBe(403)
    })
  })
})
