/**
 * Applies drizzle-kit's migrations (the same files in production, tests and the sandbox).
 * Creates the database first when it does not exist yet.
 */
import { fileURLToPath } from 'node:url'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url))

export function databaseName (url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''))
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`database name "${name}" must be letters, digits and _`)
  return name
}

/** The same server, connected to its maintenance database, to create or drop others. */
export function maintenanceUrl (url: string): string {
  const u = new URL(url)
  u.pathname = '/postgres'
  return u.toString()
}

export async function createDatabaseIfMissing (url: string, template?: string): Promise<boolean> {
  const name = databaseName(url)
  const admin = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {}, connect_timeout: 5 })
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`
    if (rows.length > 0) return false
    try {
      await admin.unsafe(`create database "${name}"${template ? ` template "${template}"` : ''}`)
    } catch (err) {
      // 42P04 duplicate_database: a concurrent creator won; the database exists, which is all we need
      if ((err as { code?: string }).code !== '42P04') throw err
      return false
    }
    return true
  } finally {
    await admin.end({ timeout: 5 })
  }
}

export async function dropDatabase (url: string): Promise<void> {
  const admin = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {}, connect_timeout: 5 })
  try {
    await admin.unsafe(`drop database if exists "${databaseName(url)}" with (force)`)
  } finally {
    await admin.end({ timeout: 5 })
  }
}

/** Any lock key will do, as long as every qunbot process uses the same one. */
const MIGRATION_LOCK = 0x71756e62 // "qunb"

/** The database holds migrations this code does not have: a newer version's, or another branch's. */
export class MigrationsDiverged extends Error {
  constructor (readonly database: string, readonly unknown: number) {
    super(`database "${database}" has ${unknown} applied migration(s) this version of qunbot does not have (a newer version, or another branch); migrate it with that version, or point DATABASE_URL at another database`)
    this.name = 'MigrationsDiverged'
  }
}

/**
 * drizzle's migrator applies only migrations newer than the last one applied, so a database migrated by other code
 * would silently miss ours: refuse it instead. Every applied migration must be one of ours (same time, same SQL).
 */
async function checkApplied (sql: postgres.Sql, url: string): Promise<void> {
  const [table] = await sql`select to_regclass('drizzle.__drizzle_migrations') as name`
  if (!table?.name) return
  const ours = new Set(readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => `${m.folderMillis}:${m.hash}`))
  const applied = await sql<Array<{ created_at: string, hash: string }>>`select created_at::text, hash from drizzle.__drizzle_migrations`
  const unknown = applied.filter((m) => !ours.has(`${m.created_at}:${m.hash}`)).length
  if (unknown > 0) throw new MigrationsDiverged(databaseName(url), unknown)
}

export async function runMigrations (url: string): Promise<void> {
  await createDatabaseIfMissing(url)
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 })
  try {
    // drizzle's migrator takes no lock; processes starting together (bot and workers) must not race
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`
    await checkApplied(sql, url)
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER })
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`
  } finally {
    await sql.end({ timeout: 5 })
  }
}
