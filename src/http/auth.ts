/**
 * Bearer-token auth for the HTTP API. Tokens come from config (API_TOKENS); a route states the scope it needs
 * with `{ preHandler: requireScope('orders') }`. The scope `admin` grants every scope.
 * Secrets never leave this module: the request only carries the token's name, for audit (`via: 'api:<name>'`).
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ApiToken } from '../config.ts'

declare module 'fastify' {
  interface FastifyInstance {
    apiTokens: TokenVerifier
  }
  interface FastifyRequest {
    /** Name of the token that authenticated this request; null on routes without auth. */
    apiToken: string | null
  }
}

export const ADMIN_SCOPE = 'admin'

export type AuthResult =
  | { ok: true, token: ApiToken }
  | { ok: false, status: 401 | 403, error: string }

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest()

export class TokenVerifier {
  // Digests have a fixed length, so timingSafeEqual never throws and the secret's length does not leak.
  private readonly entries: ReadonlyArray<{ token: ApiToken, digest: Buffer }>

  constructor (tokens: readonly ApiToken[]) {
    this.entries = tokens.map((token) => ({ token, digest: sha256(token.secret) }))
  }

  /** Compares against every token (no early exit), so timing does not tell which entry matched. */
  findBySecret (secret: string): ApiToken | undefined {
    const presented = sha256(secret)
    let found: ApiToken | undefined
    for (const { token, digest } of this.entries) {
      if (timingSafeEqual(presented, digest) && found === undefined) found = token
    }
    return found
  }

  /** Names are not secret; used to check a dashboard cookie, which is then verified by HMAC. */
  findByName (name: string): ApiToken | undefined {
    return this.entries.find((e) => e.token.name === name)?.token
  }

  /** Turns a presented secret (or none) into the answer for a route that needs `scope`. */
  authorize (secret: string | undefined, scope: string): AuthResult {
    if (secret === undefined || secret === '') return { ok: false, status: 401, error: 'missing bearer token' }
    const token = this.findBySecret(secret)
    if (token === undefined) return { ok: false, status: 401, error: 'invalid token' }
    if (!hasScope(token, scope)) return { ok: false, status: 403, error: `token lacks scope ${scope}` }
    return { ok: true, token }
  }
}

export function hasScope (token: ApiToken, scope: string): boolean {
  return token.scopes.includes(ADMIN_SCOPE) || token.scopes.includes(scope)
}

/** The secret from `Authorization: Bearer <secret>`; undefined when the header is absent or another scheme. */
export function bearerSecret (request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
  return match?.[1]
}

/** Installs the token set on the root instance; call once, before any route uses requireScope. */
export function registerAuth (app: FastifyInstance, tokens: readonly ApiToken[]): void {
  app.decorate('apiTokens', new TokenVerifier(tokens))
  app.decorateRequest('apiToken', null)
}

/** preHandler that lets the request through only with a bearer token holding `scope` (or admin). */
export function requireScope (scope: string) {
  return async function checkScope (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const result = request.server.apiTokens.authorize(bearerSecret(request), scope)
    // Returning the reply from an async hook is how fastify is told the request stops here.
    if (!result.ok) return reply.code(result.status).send({ error: result.error })
    request.apiToken = result.token.name
    return undefined
  }
}

/** The audit `via` value for changes made through the API. */
export function auditVia (request: FastifyRequest): string {
  if (request.apiToken === null) throw new Error('auditVia called on a route without requireScope')
  return `api:${request.apiToken}`
}
