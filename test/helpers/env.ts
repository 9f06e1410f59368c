/** One place for the test environment: the test database (its own, migrated by the real migrations) and Redis. */
import { loadConfig, type Config } from '../../src/config.ts'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qunbot_test'
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

export function testConfig (overrides: Record<string, string> = {}): Config {
  return loadConfig({ DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'silent', LOG_PRETTY: 'false', ...overrides })
}
