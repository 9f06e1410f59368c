import { bigint, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/** One row per chat account the bot runs (one process each). `key` is BOT_ACCOUNT from config. */
export const botAccounts = pgTable('bot_accounts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  key: text('key').notNull(),
  name: text('name'),
  selfPlatformId: text('self_platform_id'),
  /** sha256 of the one-time owner claim code; null once claimed. Consumed by a conditional update. */
  claimCodeHash: text('claim_code_hash'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // exactly-once: one row per configured account key, created by insert ... on conflict do nothing
  uniqueIndex('bot_accounts_key_key').on(t.key),
])
