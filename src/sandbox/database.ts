/**
 * Each sandbox run gets its own database, cloned from a template migrated by the production migrations, so
 * runs start from the same empty CRM (same ids, same output) and never touch each other or real data.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import postgres from 'postgres'
import { createDatabaseIfMissing, dropDatabase, maintenanceUrl, MIGRATIONS_FOLDER, runMigrations } from '../db/migrate.ts'

function withDatabase (url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/**
 * The template's name carries a hash of the migration journal and every migration's SQL: a new migration, or an
 * edited one, makes a new template.
 */
function templateName (): string {
  const hash = createHash('sha256').update(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'))
  for (const file of readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_FOLDER, file)))
  return `qunbot_sandbox_tpl_${hash.digest('hex').slice(0, 12)}`
}

async function ensureTemplate (serverUrl: string): Promise<string> {
  const name = templateName()
  const admin = postgres(maintenanceUrl(serverUrl), { max: 1, onnotice: () => {}, connect_timeout: 5 })
  try {
    // Parallel runs (tests) must not migrate the same template twice: one advisory lock serializes them.
    await admin`select pg_advisory_lock(hashtext(${name}))`
    const ready = await admin`select 1 from pg_database where datname = ${name}`
    if (ready.length === 0) {
      const building = `${name}_build`
      await dropDatabase(withDatabase(serverUrl, building))
      await runMigrations(withDatabase(serverUrl, building))
      await admin.unsafe(`alter database "${building}" rename to "${name}"`)
    }
    await admin`select pg_advisory_unlock(hashtext(${name}))`
  } finally {
    await admin.end({ timeout: 5 })
  }
  return name
}

export interface RunDatabase { url: string, drop: () => Promise<void> }

export async function createRunDatabase (serverUrl: string): Promise<RunDatabase> {
  const template = await ensureTemplate(serverUrl)
  const url = withDatabase(serverUrl, `qunbot_sbx_${process.pid}_${randomBytes(4).toString('hex')}`)
  await createDatabaseIfMissing(url, template)
  return { url, drop: () => dropDatabase(url) }
}
