/**
 * Before anything else runs: can we reach Postgres and Redis? If not, one line that says which, where we
 * looked and how to start it, instead of a stack trace from deep inside a driver.
 */
import { Redis } from 'ioredis'
import postgres from 'postgres'
import { maintenanceUrl } from './db/migrate.ts'

const START_HINT = 'start it with: docker compose up -d postgres redis'

export class ServiceUnreachable extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'ServiceUnreachable'
  }
}

function where (url: string): string {
  const u = new URL(url)
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? '6379' : '5432')}`
}

function reason (err: unknown): string {
  const e = err as { code?: string, message?: string }
  return e.code ?? e.message ?? String(err)
}

export async function checkPostgres (url: string): Promise<void> {
  // The maintenance database always exists, so a missing application database is not mistaken for a dead server.
  const sql = postgres(maintenanceUrl(url), { max: 1, connect_timeout: 3, onnotice: () => {} })
  try {
    await sql`select 1`
  } catch (err) {
    throw new ServiceUnreachable(`cannot reach PostgreSQL at ${where(url)} (${reason(err)}); ${START_HINT}, or set DATABASE_URL`)
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {})
  }
}

export async function checkRedis (url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null })
  // ioredis rejects with "Connection is closed."; the socket's own error (ECONNREFUSED...) says more.
  let socketError: unknown = null
  redis.on('error', (err) => { socketError ??= err })
  try {
    await redis.connect()
    await redis.ping()
  } catch (err) {
    throw new ServiceUnreachable(`cannot reach Redis at ${where(url)} (${reason(socketError ?? err)}); ${START_HINT}, or set REDIS_URL`)
  } finally {
    redis.disconnect()
  }
}

export async function checkServices (urls: { databaseUrl: string, redisUrl: string }): Promise<void> {
  await checkPostgres(urls.databaseUrl)
  await checkRedis(urls.redisUrl)
}

/** A real puppet is a package: if it cannot be loaded, say so in one line instead of failing deep inside wechaty. */
export async function checkPuppet (name: string | undefined): Promise<void> {
  if (!name || name === 'wechaty-puppet-mock') return
  try {
    await import(name)
  } catch (err) {
    const code = (err as { code?: string }).code ?? (err as Error).message
    throw new ServiceUnreachable(`cannot load the chat puppet "${name}" (${code}); check WECHATY_PUPPET or install it with: npm i ${name}`)
  }
}
