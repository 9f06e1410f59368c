import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Queue } from 'bullmq'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import type { ApiToken } from '../../src/config.ts'
import { auditVia, requireScope } from '../../src/http/auth.ts'
import { buildHttpServer, type HealthReport } from '../../src/http/server.ts'

const tokens: ApiToken[] = [
  { name: 'ops', secret: 'admin-secret-0123456789', scopes: ['admin'] },
  { name: 'shop', secret: 'orders-secret-0123456789', scopes: ['orders'] },
  { name: 'reports', secret: 'reports-secret-0123456789', scopes: ['reports'] },
]
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` })

const prefix = `qunbot-test-http-${randomBytes(4).toString('hex')}`
const logLines: string[] = []
let health: () => Promise<HealthReport>
let queue: Queue
let app: FastifyInstance

beforeAll(async () => {
  queue = new Queue('scheduling', { connection: { host: '127.0.0.1', port: 6379 }, prefix })
  const sink = new Writable({ write (chunk, _enc, done) { logLines.push(String(chunk)); done() } })
  app = await buildHttpServer({
    tokens,
    logger: pino({ level: 'info' }, sink),
    queues: [queue],
    health: () => health(),
    routes: async (r) => {
      r.get('/orders', { preHandler: requireScope('orders') }, async (request) => ({ via: auditVia(request) }))
      r.get('/boom', async () => { throw new Error('db password is hunter2') })
      r.post('/echo', { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } }, async (request) => request.body)
    },
  })
})

afterAll(async () => {
  await app?.close()
  await queue?.obliterate({ force: true })
  await queue?.close()
})

describe('GET /healthz', () => {
  it('answers 200 with the report when every check passes', async () => {
    health = async () => ({ ok: true, checks: { redis: { ok: true } } })
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true, checks: { redis: { ok: true } } })
  })

  it('answers 503 with the report when a check fails', async () => {
    health = async () => ({ ok: false, checks: { redis: { ok: false, detail: 'ECONNREFUSED' } } })
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(503)
    expect(res.json().checks.redis).toEqual({ ok: false, detail: 'ECONNREFUSED' })
  })

  it('answers 503 when the probe itself throws', async () => {
    health = async () => { throw new Error('probe broke') }
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(503)
    expect(res.json().ok).toBe(false)
  })
})

describe('bearer auth on API routes', () => {
  it('rejects a request without a bearer token with 401', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders' })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ error: 'missing bearer token' })
  })

  it('rejects an unknown token with 401', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders', headers: bearer('not-a-real-secret-at-all') })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ error: 'invalid token' })
  })

  it('rejects a token without the route scope with 403', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders', headers: bearer('reports-secret-0123456789') })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ error: 'token lacks scope orders' })
  })

  it('lets a token with the scope through and records its name for audit', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders', headers: bearer('orders-secret-0123456789') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ via: 'api:shop' })
  })

  it('treats the admin scope as holding every scope', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders', headers: bearer('admin-secret-0123456789') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ via: 'api:ops' })
  })
})

describe('queue dashboard', () => {
  const asset = '/admin/queues/static/favicon-32x32.png'

  it('refuses the page, its API and its assets without auth', async () => {
    for (const url of ['/admin/queues', '/admin/queues/api/queues', asset]) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(401)
      expect(res.json()).toEqual({ error: 'missing bearer token' })
    }
  })

  it('refuses ?token= for a token without admin scope or an unknown one', async () => {
    expect((await app.inject({ method: 'GET', url: '/admin/queues?token=orders-secret-0123456789' })).statusCode).toBe(403)
    expect((await app.inject({ method: 'GET', url: '/admin/queues?token=wrong-secret-0123456789' })).statusCode).toBe(401)
  })

  it('does not accept ?token= away from the base path', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/queues/api/queues?token=admin-secret-0123456789' })
    expect(res.statusCode).toBe(401)
  })

  it('swaps ?token= for an HttpOnly SameSite=Strict cookie that then opens page, API and assets', async () => {
    const first = await app.inject({ method: 'GET', url: '/admin/queues?token=admin-secret-0123456789' })
    expect(first.statusCode).toBe(200)
    expect(first.body).toContain('url=/admin/queues/')
    const setCookie = String(first.headers['set-cookie'])
    expect(setCookie).toMatch(/^qunbot_dash=[^;]+;/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    expect(setCookie).not.toContain('admin-secret')
    const cookie = setCookie.split(';')[0]!

    const page = await app.inject({ method: 'GET', url: '/admin/queues/', headers: { cookie } })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')

    const api = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie } })
    expect(api.statusCode).toBe(200)
    expect(JSON.stringify(api.json())).toContain('scheduling')

    expect((await app.inject({ method: 'GET', url: asset, headers: { cookie } })).statusCode).toBe(200)
  })

  it('rejects a cookie whose signature does not match', async () => {
    const first = await app.inject({ method: 'GET', url: '/admin/queues?token=admin-secret-0123456789' })
    const cookie = String(first.headers['set-cookie']).split(';')[0]!
    const forged = cookie.slice(0, -2) + (cookie.endsWith('AA') ? 'BB' : 'AA')
    const res = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie: forged } })
    expect(res.statusCode).toBe(401)
  })

  it('accepts an admin bearer header and refuses a non-admin one', async () => {
    const ok = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: bearer('admin-secret-0123456789') })
    expect(ok.statusCode).toBe(200)
    const denied = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: bearer('orders-secret-0123456789') })
    expect(denied.statusCode).toBe(403)
    expect(denied.json()).toEqual({ error: 'token lacks scope admin' })
  })
})

describe('error shape', () => {
  it('answers an unknown route with 404 { error }', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: 'not found' })
  })

  it('answers a body that fails validation with 400 { error }', async () => {
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { other: 1 } })
    expect(res.statusCode).toBe(400)
    expect(Object.keys(res.json())).toEqual(['error'])
    expect(res.json().error).toContain('name')
  })

  it('answers a throwing route with 500 { error: internal error } and no message or stack', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ error: 'internal error' })
    expect(res.body).not.toContain('hunter2')
    expect(res.body).not.toContain('at ')
  })
})

describe('logging', () => {
  it('never writes a token secret to the log', async () => {
    await app.inject({ method: 'GET', url: '/admin/queues?token=admin-secret-0123456789' })
    await app.inject({ method: 'GET', url: '/orders', headers: bearer('orders-secret-0123456789') })
    const log = logLines.join('')
    expect(log).toContain('/admin/queues?token=[redacted]')
    expect(log).not.toMatch(/secret-0123456789/)
  })
})
