/**
 * The HTTP API: health, the queue dashboard, and whatever routes later capabilities add through `routes`.
 * Every failure answers `{ error: string }`; a 500 never carries the message or stack of what went wrong
 * (that goes to the log). The caller owns listen() and close().
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify'
import type { Logger } from 'pino'
import type { Queue } from 'bullmq'
import type { ApiToken } from '../config.ts'
import { registerAuth } from './auth.ts'
import { registerDashboard } from './dashboard.ts'

export interface HealthReport {
  ok: boolean
  checks: Record<string, { ok: boolean, detail?: string }>
}

/** Adds routes; runs in its own encapsulated context, so its hooks do not reach /healthz or the dashboard. */
export type RegisterRoutes = (app: FastifyInstance) => Promise<void>

export interface HttpServerDeps {
  tokens: readonly ApiToken[]
  logger: Logger
  queues: readonly Queue[]
  health: () => Promise<HealthReport>
  routes?: RegisterRoutes
}

export async function buildHttpServer (deps: HttpServerDeps): Promise<FastifyInstance> {
  // fastify logs each request URL; the dashboard takes ?token=<secret> once, so the value is masked first.
  const loggerInstance = deps.logger.child({}, { serializers: { req: serializeRequest } })
  const app = Fastify({ loggerInstance }) as unknown as FastifyInstance

  registerAuth(app, deps.tokens)

  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ error: 'not found' }))
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    // Validation, bad JSON, too large, wrong content type: the caller's fault, and the message says how.
    if (error.validation !== undefined || (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)) {
      return reply.code(error.statusCode ?? 400).send({ error: error.message })
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send({ error: 'internal error' })
  })

  app.get('/healthz', async (request, reply) => {
    let report: HealthReport
    try {
      report = await deps.health()
    } catch (err) {
      // A probe that throws is itself a failed check: answer 503 rather than a 500 a load balancer may misread.
      request.log.error({ err }, 'health probe threw')
      report = { ok: false, checks: { health: { ok: false, detail: 'health probe threw' } } }
    }
    return reply.code(report.ok ? 200 : 503).send(report)
  })

  await registerDashboard(app, deps.queues)
  if (deps.routes !== undefined) {
    const routes = deps.routes
    await app.register(async (scope) => routes(scope))
  }
  return app
}

function serializeRequest (request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]'),
    host: request.host,
    remoteAddress: request.ip,
  }
}
