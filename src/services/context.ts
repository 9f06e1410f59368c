/** What every use case gets: the store, config, time, queues and the account it acts for. */
import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import type { GovernorLimits } from '../domain/governor.ts'
import type { Timers } from '../jobs/timers.ts'
import type { Logger } from '../logger.ts'
import type { Messages } from '../messages/index.ts'

export interface AppContext {
  db: Db
  config: Config
  logger: Logger
  clock: Clock
  timers: Timers
  messages: Messages
  account: { id: number, key: string }
  /** Seed of the jitter: fixed by the scenario in the sandbox, random in production. */
  seed: string
  /**
   * A number in [0, 1) for a purpose that must not be guessed (coupon codes). Production draws from the crypto
   * source and ignores the key; the sandbox derives it from its seed and the key, so runs repeat exactly.
   */
  unguessable: (key: string) => number
}

export function governorLimits (config: Config): GovernorLimits {
  return {
    minGapMs: config.GOVERNOR_MIN_GAP_MS,
    jitterMs: config.GOVERNOR_JITTER_MS,
    perMinute: config.GOVERNOR_PER_MINUTE,
    perHour: config.GOVERNOR_PER_HOUR,
    backoffBaseMs: config.GOVERNOR_BACKOFF_BASE_MS,
    backoffMaxMs: config.GOVERNOR_BACKOFF_MAX_MS,
  }
}
