/** GET /api/customers/:id: customer 360 for a token with the customers scope; bad ids and strangers get 4xx; audited. */
import { eq } from 'drizzle-orm'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { contactIdFor } from '../../src/db/queries/links.ts'
import { auditLog } from '../../src/db/schema/index.ts'
import { apiRoutes } from '../../src/http/routes/index.ts'
import { buildHttpServer } from '../../src/http/server.ts'
import { runSandbox } from '../helpers/sandbox.ts'

const CRM = 'crm-secret-0123456789'
const SHOP = 'shop-secret-0123456789'

describe('customers API', () => {
  it('shows profile, groups, orders, coupons, points, referrals and last messages; 400, 404, 401, 403 otherwise', async () => {
    await runSandbox({
      start: '2026-12-01T10:00:00+08:00',
      groups: [{ id: 'g1', topic: '成都宝妈育儿群', members: ['c1'] }],
      customers: [{ id: 'c1', name: '张三', friend: true, consent: true, city: '成都', birthday: '1990-05-12' }],
      products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 }],
      steps: [{ at: '+1m' }],
    }, async (run) => {
      const ctx = run.app.ctx
      await run.shop.order({ kind: 'order', id: 'o1', customer: 'c1', items: [{ sku: 'milk-1', qty: 1 }] }, '2026-12-01T10:00:00+08:00')
      await run.act(() => run.community.contact('c1').say('在吗').to(run.community.self))
      const api = await buildHttpServer({ tokens: [{ name: 'crm', secret: CRM, scopes: ['customers'] }, { name: 'shop', secret: SHOP, scopes: ['orders'] }], logger: pino({ level: 'silent' }), queues: [], health: async () => ({ ok: true, checks: {} }), routes: apiRoutes(ctx) })
      try {
        const get = (path: string, secret: string | null = CRM) => api.inject({ method: 'GET', url: path, headers: secret ? { authorization: `Bearer ${secret}` } : {} })
        const id = (await contactIdFor(ctx.db, ctx.account.id, 'c1'))!
        const res = await get(`/api/customers/${id}`)
        expect(res.statusCode).toBe(200)
        const body = res.json()
        expect(body).toMatchObject({
          id, name: '张三', erased: false, consented: true, subscribed: true, friend: true,
          profile: { city: '成都', birthday: '1990-05-12' },
          groups: [{ topic: '成都宝妈育儿群' }],
          orders: { count: 1, total: 199, recent: [{ externalId: 'o1', items: [{ sku: 'milk-1', qty: 1 }] }] },
          points: 199,
          referrals: { qualified: 0, pending: 0, invitedBy: null },
        })
        expect(body.messages.map((m: { direction: string, text: string }) => [m.direction, m.text])).toEqual([['in', '在吗']])
        expect((await get('/api/customers/999999')).statusCode).toBe(404)
        expect((await get('/api/customers/abc')).statusCode).toBe(400)
        expect((await get('/api/customers/0')).statusCode).toBe(400)
        expect((await get(`/api/customers/${id}`, null)).statusCode).toBe(401)
        expect((await get(`/api/customers/${id}`, SHOP)).statusCode).toBe(403)
        const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'customer.view'))
        expect(audits.map((a) => [a.via, a.outcome])).toEqual([['api:crm', 'ok'], ['api:crm', 'error']])
      } finally {
        await api.close()
      }
    })
  })
})
