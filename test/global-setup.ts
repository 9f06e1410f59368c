/** Before any test: are Postgres and Redis there (one clear line if not), and is the test database migrated? */
import { dropDatabase, MigrationsDiverged, runMigrations } from '../src/db/migrate.ts'
import { checkServices } from '../src/preflight.ts'
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './helpers/env.ts'

export default async function setup (): Promise<void> {
  await checkServices({ databaseUrl: TEST_DATABASE_URL, redisUrl: TEST_REDIS_URL })
  try {
    await runMigrations(TEST_DATABASE_URL)
  } catch (err) {
    if (!(err instanceof MigrationsDiverged)) throw err
    // The test database is ours to rebuild: another checkout (a branch, an older version) migrated it differently.
    process.stderr.write(`test database: ${err.message}; rebuilding it\n`)
    await dropDatabase(TEST_DATABASE_URL)
    await runMigrations(TEST_DATABASE_URL)
  }
}
