/** Before any test: are Postgres and Redis there (one clear line if not), and is the test database migrated? */
import { runMigrations } from '../src/db/migrate.ts'
import { checkServices } from '../src/preflight.ts'
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './helpers/env.ts'

export default async function setup (): Promise<void> {
  await checkServices({ databaseUrl: TEST_DATABASE_URL, redisUrl: TEST_REDIS_URL })
  await runMigrations(TEST_DATABASE_URL)
}
