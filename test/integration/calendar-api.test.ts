/** The content import and campaign endpoints (SPEC 3.2, 3.8) on a real database, with scopes, audit and errors. */
import { randomBytes } from 'node:crypto'
import { count, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiToken } from '../../src/config.ts'
import { auditLog, contentItems } from '../../src/db/schema/index.ts'
import { apiRoutes } from '../../src/http/routes/index.ts'
import { buildHttpServer } from '../../src/http/server.ts'
import type { App } from '../../src/main.ts'
import { createRunDatabase, type RunDatabase } from '../../src/sandbox/database.ts'
import { calendarApp, clockFrom, seedGroups } from '../helpers/calendar-app.ts'
import { TEST_DATABASE_URL } from '../helpers/env.ts'

const tokens: ApiToken[] = [
  { name: 'mkt', secret: 'marketing-secret-0123456789', scopes: ['campaigns', 'content'] },
  { name: 'both', secret: 'both-scopes-secret-0123456789', scopes: ['campaigns', 'campaigns.approve'] },
  { name: 'approver', secret: 'approver-secret-0123456789', scopes: ['campaigns.approve'] },
  { name: 'ops', secret: 'admin-secret-0123456789', scopes: ['admin'] },
]
const as = (secret: string) => ({ authorization: `Bearer ${secret}` })
const MKT = as('marketing-secret-0123456789')

let database: RunDatabase
let app: App
let http: FastifyInstance
let groupIds: number[]

beforeAll(async () => {
  database = await createRunDatabase(TEST_DATABASE_URL)
  app = await calendarApp({ databaseUrl: database.url, prefix: `qunbot-test-api-${randomBytes(4).toString('hex')}`, clock: clockFrom(new Date('2026-12-01T09:00:00+08:00')), workers: false })
  groupIds = await seedGroups(app, 2, '10:00')
  http = await buildHttpServer({ tokens, logger: pino({ level: 'silent' }), queues: [], health: async () => ({ ok: true, checks: {} }), routes: apiRoutes(app.ctx) })
})

afterAll(async () => {
  await http?.close()
  await app?.queues.scheduling.obliterate({ force: true })
  await app?.shutdown()
  await database?.drop()
})

const CSV = 'kind,text,region,interests,valid_until\n干货,"辅食添加的3个误区, 第一讲",成都,"育儿,辅食",\npromo,全场包邮,,,2026-12-31\ncontent,"多行\n正文",,,\n'
const items = async () => (await app.ctx.db.select({ n: count() }).from(contentItems))[0]!.n

describe('POST /api/content/import', () => {
  it('imports a CSV once: the same file again adds nothing', async () => {
    const first = await http.inject({ method: 'POST', url: '/api/content/import', headers: { ...MKT, 'content-type': 'text/csv' }, payload: CSV })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ rows: 3, existing: [] })
    expect(first.json().added).toHaveLength(3)
    const again = await http.inject({ method: 'POST', url: '/api/content/import', headers: { ...MKT, 'content-type': 'text/csv' }, payload: CSV })
    expect(again.json()).toMatchObject({ rows: 3, added: [], existing: first.json().added })
    expect(await items()).toBe(3)
    const [audited] = await app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'content.import')).limit(1)
    expect(audited).toMatchObject({ via: 'api:mkt', outcome: 'ok' })
  })

  it('imports nothing from a file with a bad row, and names each bad row\'s line', async () => {
    const before = await items()
    const yaml = 'items:\n  - kind: content\n    text: 好的一条\n  - kind: 零食\n    text: 坏的一条\n  - kind: promo\n    text: ""\n'
    const res = await http.inject({ method: 'POST', url: '/api/content/import', headers: { ...MKT, 'content-type': 'application/yaml' }, payload: yaml })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([
      { line: 4, message: 'kind "零食" is not content/干货 or promo/促销' },
      { line: 6, message: 'text is required' },
    ])
    expect(res.json().error).toContain('line 4:')
    expect(await items()).toBe(before)
  })

  it('takes JSON { format, data } too, and refuses an unknown body, a missing token and a token without the scope', async () => {
    const json = await http.inject({ method: 'POST', url: '/api/content/import', headers: MKT, payload: { format: 'yaml', data: '- { kind: promo, text: 买一送一 }' } })
    expect(json.statusCode).toBe(200)
    expect(json.json().added).toHaveLength(1)
    expect((await http.inject({ method: 'POST', url: '/api/content/import', headers: MKT, payload: { csv: 'x' } })).statusCode).toBe(400)
    expect((await http.inject({ method: 'POST', url: '/api/content/import', payload: { format: 'csv', data: 'x' } })).statusCode).toBe(401)
    const denied = await http.inject({ method: 'POST', url: '/api/content/import', headers: as('approver-secret-0123456789'), payload: { format: 'csv', data: 'x' } })
    expect(denied.statusCode).toBe(403)
    expect(denied.json()).toEqual({ error: 'token lacks scope content' })
  })
})

const draft = (over: Record<string, unknown> = {}) => ({
  kind: 'flash_sale', name: '双12秒杀', text: '今晚8点全场5折', starts_at: '2026-12-12T20:00:00+08:00', ends_at: '2026-12-12T22:00:00+08:00', target: 'all', priority: 5, ...over,
})

describe('campaigns API', () => {
  it('drafts with `campaigns` but approves only with `campaigns.approve`, never with the token that drafted it unless admin', async () => {
    const created = await http.inject({ method: 'POST', url: '/api/campaigns', headers: MKT, payload: draft() })
    expect(created.statusCode).toBe(201)
    const id = created.json().id
    expect(created.json()).toMatchObject({ status: 'draft', created_via: 'api:mkt', target: 'all' })
    expect((await http.inject({ method: 'POST', url: `/api/campaigns/${id}/approve`, headers: MKT })).statusCode).toBe(403)

    const own = await http.inject({ method: 'POST', url: '/api/campaigns', headers: as('both-scopes-secret-0123456789'), payload: draft({ name: '自己批自己' }) })
    const selfApproval = await http.inject({ method: 'POST', url: `/api/campaigns/${own.json().id}/approve`, headers: as('both-scopes-secret-0123456789') })
    expect(selfApproval.statusCode).toBe(403)
    expect(selfApproval.json().error).toContain('cannot approve a campaign it created')

    const approved = await http.inject({ method: 'POST', url: `/api/campaigns/${id}/approve`, headers: as('approver-secret-0123456789') })
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toMatchObject({ status: 'approved', approved_via: 'api:approver', groups: groupIds })
    expect((await http.inject({ method: 'POST', url: `/api/campaigns/${id}/approve`, headers: as('approver-secret-0123456789') })).statusCode).toBe(409)

    const admin = await http.inject({ method: 'POST', url: '/api/campaigns', headers: as('admin-secret-0123456789'), payload: draft({ name: '管理员自己批', target: { groups: [groupIds[0]] } }) })
    const adminApproval = await http.inject({ method: 'POST', url: `/api/campaigns/${admin.json().id}/approve`, headers: as('admin-secret-0123456789') })
    expect(adminApproval.statusCode).toBe(200)
    expect(adminApproval.json().groups).toEqual([groupIds[0]])

    const audit = await app.ctx.db.select({ via: auditLog.via, action: auditLog.action, outcome: auditLog.outcome }).from(auditLog).where(eq(auditLog.action, 'campaign.approve'))
    expect(audit).toEqual(expect.arrayContaining([
      { via: 'api:both', action: 'campaign.approve', outcome: 'denied' },
      { via: 'api:approver', action: 'campaign.approve', outcome: 'ok' },
      { via: 'api:ops', action: 'campaign.approve', outcome: 'ok' },
    ]))
  })

  it('creates one campaign per Idempotency-Key, and cancels until it starts', async () => {
    const headers = { ...MKT, 'idempotency-key': 'req-42' }
    const a = await http.inject({ method: 'POST', url: '/api/campaigns', headers, payload: draft({ name: '重试的请求' }) })
    const b = await http.inject({ method: 'POST', url: '/api/campaigns', headers, payload: draft({ name: '重试的请求' }) })
    expect([a.statusCode, b.statusCode]).toEqual([201, 200])
    expect(b.json().id).toBe(a.json().id)
    const cancelled = await http.inject({ method: 'POST', url: `/api/campaigns/${a.json().id}/cancel`, headers: MKT })
    expect(cancelled.json().status).toBe('cancelled')
    expect((await http.inject({ method: 'POST', url: `/api/campaigns/${a.json().id}/cancel`, headers: MKT })).statusCode).toBe(409)
    expect((await http.inject({ method: 'POST', url: '/api/campaigns/999999/cancel', headers: MKT })).statusCode).toBe(404)
    expect((await http.inject({ method: 'GET', url: `/api/campaigns/${a.json().id}`, headers: MKT })).json().status).toBe('cancelled')
  })

  it('answers a wrong draft with 400 { error } saying what is wrong', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [draft({ ends_at: '2026-12-12T19:00:00+08:00' }), /ends_at must be after starts_at/],
      [draft({ ends_at: '2026-11-30T19:00:00+08:00', starts_at: '2026-11-30T18:00:00+08:00' }), /already over/],
      [draft({ kind: 'lottery' }), /keyword.*winners/],
      [draft({ kind: 'group_buy', group_size: 1 }), /group size/],
      [draft({ keyword: '抽奖' }), /for lotteries/],
      [draft({ target: { groups: [999999] } }), /unknown group id/],
      [draft({ kind: 'raffle' }), /kind/],
      [draft({ starts_at: '12-12 20:00' }), /starts_at/],
      [{ ...draft(), status: 'approved' }, /status/],
    ]
    for (const [payload, error] of cases) {
      const res = await http.inject({ method: 'POST', url: '/api/campaigns', headers: MKT, payload })
      expect(res.statusCode, JSON.stringify(payload)).toBe(400)
      expect(Object.keys(res.json())).toEqual(['error'])
      expect(res.json().error).toMatch(error)
    }
    expect((await http.inject({ method: 'GET', url: '/api/campaigns/abc', headers: MKT })).statusCode).toBe(400)
  })
})
