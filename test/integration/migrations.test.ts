/** The migrator refuses a database that other code migrated, instead of silently skipping our migrations. */
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { dropDatabase, MigrationsDiverged, runMigrations } from '../../src/db/migrate.ts'
import { TEST_DATABASE_URL } from '../helpers/env.ts'

function scratchUrl (): string {
  const u = new URL(TEST_DATABASE_URL)
  u.pathname = `/qunbot_mig_${randomBytes(4).toString('hex')}`
  return u.toString()
}

describe('migrations', () => {
  it('applies cleanly twice, and refuses a database holding a migration this code does not have', async () => {
    const url = scratchUrl()
    try {
      await runMigrations(url)
      await runMigrations(url)
      const sql = postgres(url, { max: 1, onnotice: () => {} })
      await sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-another-branch', ${Date.now() + 1000})`
      await sql.end()
      const error = await runMigrations(url).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MigrationsDiverged)
      expect((error as Error).message).toMatch(/has 1 applied migration\(s\) this version of qunbot does not have/)
    } finally {
      await dropDatabase(url)
    }
  })
})
