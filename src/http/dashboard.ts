/**
 * bull-board at /admin/queues, admin scope only. Every dashboard route (page, static assets, API) sits behind
 * one onRequest gate that accepts, in order:
 *  1. `Authorization: Bearer <secret>` (scripts, curl);
 *  2. `GET /admin/queues?token=<secret>` once: a browser cannot attach a header to a typed URL, so the secret
 *     is accepted in the query on the base path only, swapped for a cookie, and the browser is sent on to the
 *     clean URL so the secret does not stay in the address bar (fastify's request log masks it, see server.ts);
 *  3. the `qunbot_dash` cookie: `<base64url name>.<expiry ms>.<HMAC-SHA256(secret, name + expiry)>`.
 * The cookie holds no secret; keying the HMAC with the token's own secret keeps it stateless (any replica,
 * any restart can verify it) and makes rotating or removing the token end every dashboard session it opened.
 * HttpOnly keeps it from scripts; SameSite=Strict keeps other sites from driving the dashboard's mutating API
 * (retry, clean, obliterate) with it, which is the CSRF defence here.
 * The hand-off is a tiny page with a meta refresh rather than a 302: when the ?token= link is opened from
 * another site (chat, mail), browsers treat a redirect chain as cross-site and withhold a Strict cookie,
 * whereas a navigation started by our own page is same-site.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Queue } from 'bullmq'
import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import type { HTTPStatus } from '@bull-board/api/typings/app'
import { FastifyAdapter } from '@bull-board/fastify'
import type { ApiToken } from '../config.ts'
import { ADMIN_SCOPE, bearerSecret, hasScope, type AuthResult } from './auth.ts'

export const DASHBOARD_PATH = '/admin/queues'
export const DASHBOARD_COOKIE = 'qunbot_dash'
const SESSION_MS = 12 * 3600_000

export async function registerDashboard (app: FastifyInstance, queues: readonly Queue[]): Promise<void> {
  const serverAdapter = new FastifyAdapter()
  serverAdapter.setBasePath(DASHBOARD_PATH)
  // The cast bridges a type-only skew: @bull-board/fastify 9.10.1 pins its own copy of @bull-board/api, whose
  // adapter class has the same shape but, having private fields, is a different type to TypeScript.
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'] })
  // Replaces bull-board's handler, which returns the stack when NODE_ENV=development; keeps our { error } shape.
  serverAdapter.setErrorHandler((error) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500
    // bull-board's HTTPStatus type lists only the codes its UI knows; the adapter passes any code through.
    if (status < 500) return { status: status as HTTPStatus, body: { error: error.message } }
    app.log.error({ err: error }, 'dashboard request failed')
    return { status: 500, body: { error: 'internal error' } }
  })

  await app.register(async (scope) => {
    // Hooks added here run for every route bull-board registers inside, static files included.
    scope.addHook('onRequest', dashboardGate)
    await scope.register(serverAdapter.registerPlugin())
  }, { prefix: DASHBOARD_PATH })
}

async function dashboardGate (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const tokens = request.server.apiTokens
  const deny = (r: Extract<AuthResult, { ok: false }>): FastifyReply => reply.code(r.status).send({ error: r.error })

  if (request.headers.authorization !== undefined) {
    const result = tokens.authorize(bearerSecret(request), ADMIN_SCOPE)
    if (!result.ok) return deny(result)
    request.apiToken = result.token.name
    return undefined
  }

  const querySecret = isBasePath(request) ? (request.query as Record<string, unknown>)['token'] : undefined
  if (request.method === 'GET' && typeof querySecret === 'string') {
    const result = tokens.authorize(querySecret, ADMIN_SCOPE)
    if (!result.ok) return deny(result)
    const secure = request.protocol === 'https' ? '; Secure' : ''
    return reply
      .header('set-cookie', `${DASHBOARD_COOKIE}=${signSession(result.token, Date.now() + SESSION_MS)}; Path=${DASHBOARD_PATH}; Max-Age=${SESSION_MS / 1000}; HttpOnly; SameSite=Strict${secure}`)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><meta http-equiv="refresh" content="0;url=${DASHBOARD_PATH}/"><a href="${DASHBOARD_PATH}/">Open the dashboard</a>`)
  }

  const cookie = readCookie(request.headers.cookie, DASHBOARD_COOKIE)
  const token = cookie === undefined ? undefined : verifySession(cookie, (name) => tokens.findByName(name), Date.now())
  if (token !== undefined) {
    request.apiToken = token.name
    return undefined
  }
  return deny({ ok: false, status: 401, error: 'missing bearer token' })
}

function isBasePath (request: FastifyRequest): boolean {
  const path = request.url.split('?', 1)[0]
  return path === DASHBOARD_PATH || path === `${DASHBOARD_PATH}/`
}

function mac (token: ApiToken, payload: string): Buffer {
  return createHmac('sha256', token.secret).update(`${DASHBOARD_COOKIE}\n${payload}`).digest()
}

export function signSession (token: ApiToken, expiresAt: number): string {
  const payload = `${Buffer.from(token.name).toString('base64url')}.${expiresAt}`
  return `${payload}.${mac(token, payload).toString('base64url')}`
}

/** The token a session cookie stands for, if it is well formed, unexpired, correctly signed and still admin. */
export function verifySession (value: string, findByName: (name: string) => ApiToken | undefined, now: number): ApiToken | undefined {
  const [encodedName, expiry, signature, extra] = value.split('.')
  if (encodedName === undefined || expiry === undefined || signature === undefined || extra !== undefined) return undefined
  if (!/^\d+$/.test(expiry) || Number(expiry) <= now) return undefined
  const token = findByName(Buffer.from(encodedName, 'base64url').toString())
  if (token === undefined || !hasScope(token, ADMIN_SCOPE)) return undefined
  const expected = mac(token, `${encodedName}.${expiry}`)
  const presented = Buffer.from(signature, 'base64url')
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? token : undefined
}

function readCookie (header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}
