/** The app's /api routes on a server of the test's own inside a sandbox run (fastify inject, no port), closed after. */
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import type { ApiToken } from '../../src/config.ts'
import { apiRoutes } from '../../src/http/routes/index.ts'
import { buildHttpServer } from '../../src/http/server.ts'
import type { AppContext } from '../../src/services/context.ts'

export async function withApiServer (ctx: AppContext, tokens: readonly ApiToken[], test: (server: FastifyInstance) => Promise<void>): Promise<void> {
  const server = await buildHttpServer({ tokens, logger: pino({ level: 'silent' }), queues: [], health: async () => ({ ok: true, checks: {} }), routes: apiRoutes(ctx) })
  try {
    await test(server)
  } finally {
    await server.close()
  }
}

export type Api = (url: string, payload: unknown, secret?: string) => Promise<{ status: number, body: any }>

/** POSTs JSON with a bearer token: `secret`, else `defaultSecret`. */
export function poster (server: FastifyInstance, defaultSecret: string): Api {
  return async (url, payload, secret = defaultSecret) => {
    const res = await server.inject({ method: 'POST', url, headers: { authorization: `Bearer ${secret}` }, payload: payload as object })
    return { status: res.statusCode, body: res.json() }
  }
}
