/**
 * `qunbot coupons create-batch | list-batches`: marketing's batches from a terminal. The options become the body of
 * POST /api/coupon-batches, so the CLI validates exactly as the API does. Audited as `cli`.
 */
import { Command } from 'commander'
import { systemClock } from './clock.ts'
import type { Config } from './config.ts'
import { createStore } from './db/client.ts'
import { recentBatches } from './db/queries/coupons.ts'
import { runMigrations } from './db/migrate.ts'
import { checkPostgres } from './preflight.ts'
import { batchInput, BATCH_PROBLEM_TEXT, batchProblem, createBatch } from './services/coupon-batches.ts'
import { issueLines } from './zod-issues.ts'

/** A problem the user can fix: one line on stderr, a non-zero exit. */
export class CliInputError extends Error {}

const num = (value: string | undefined): number | undefined => value === undefined ? undefined : Number(value)

interface CreateOptions {
  code: string, kind: string, amount?: string, gift?: string, minSpend: string, validDays?: string, startsAt?: string, endsAt?: string,
  perCustomer: string, cap?: string, stacks?: boolean, streamer?: string, channel?: string, name?: string
}

/** The API's body from the options; undefined values are left out so defaults apply. */
export function batchBody (o: CreateOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    code: o.code, kind: o.kind, amount: num(o.amount), gift: o.gift, min_spend: num(o.minSpend), valid_days: num(o.validDays), starts_at: o.startsAt,
    ends_at: o.endsAt, per_customer: num(o.perCustomer), cap: num(o.cap), stacks: o.stacks === true, streamer: o.streamer, channel: o.channel, name: o.name,
  }
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))
}

async function withStore<T> (config: Config, work: (db: ReturnType<typeof createStore>['db']) => Promise<T>): Promise<T> {
  await checkPostgres(config.DATABASE_URL)
  await runMigrations(config.DATABASE_URL)
  const store = createStore(config.DATABASE_URL, { max: 1 })
  try {
    return await work(store.db)
  } finally {
    await store.close()
  }
}

export function couponsCommand (load: () => Config, out: (line: string) => void): Command {
  const coupons = new Command('coupons').description('coupon batches (docs/COUPONS.md)')
  coupons.command('create-batch').description('create a coupon batch; the same rules as POST /api/coupon-batches')
    .requiredOption('--code <code>', '3-12 letters and digits; a shared batch\'s code is what customers type (ANNA30)')
    .option('--kind <kind>', 'unique (one code per customer) or shared (one code for everyone)', 'unique')
    .option('--amount <yuan>', 'yuan off')
    .option('--gift <what>', 'a gift instead of an amount (试用装)')
    .option('--min-spend <yuan>', 'minimum spend, 0 = 无门槛', '0')
    .option('--valid-days <days>', 'unique: days from issue; shared: days from the start')
    .option('--starts-at <iso>', 'valid from (ISO time with offset)')
    .option('--ends-at <iso>', 'valid until (ISO time with offset)')
    .option('--per-customer <n>', 'unique: coupons per customer; shared: uses per customer', '1')
    .option('--cap <n>', 'unique: coupons in all; shared: uses in all')
    .option('--stacks', 'may go on one order with other coupons that stack')
    .option('--streamer <name>', 'redemptions are attributed to this streamer')
    .option('--channel <name>', 'the channel it is handed out in')
    .option('--name <name>', 'a display name (default: the value says it)')
    .action(async (o: CreateOptions) => {
      const parsed = batchInput.safeParse(batchBody(o))
      if (!parsed.success) throw new CliInputError(`invalid batch: ${issueLines(parsed.error).join('; ')}`)
      const problem = batchProblem(parsed.data, systemClock.now())
      if (problem !== null) throw new CliInputError(`invalid batch: ${BATCH_PROBLEM_TEXT[problem]}`)
      const config = load()
      const outcome = await withStore(config, (db) => createBatch({ db, now: systemClock.now() }, parsed.data, { contactId: null, via: 'cli' }))
      if (outcome.kind === 'invalid') throw new CliInputError(`invalid batch: ${BATCH_PROBLEM_TEXT[outcome.problem]}`)
      if (outcome.kind === 'exists') throw new CliInputError(`a batch ${outcome.batch.code} exists already`)
      out(JSON.stringify({ created: true, batch: outcome.batch }))
    })
  coupons.command('list-batches').description('the newest batches with coupons issued and redeemed (JSON lines)')
    .option('--limit <n>', 'how many', '20')
    .action(async (o: { limit: string }) => {
      const rows = await withStore(load(), (db) => recentBatches(db, Math.max(1, Math.min(1000, Number(o.limit) || 20))))
      for (const r of rows) out(JSON.stringify({ code: r.batch.code, kind: r.batch.kind, amount: r.batch.amount, gift: r.batch.gift, issued: r.issued, redeemed: r.redeemed, cap: r.batch.cap, streamer: r.batch.streamer }))
    })
  return coupons
}
