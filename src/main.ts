/**
 * The only place that wires everything together and handles signals. `wireApp` builds one process: the bot
 * (puppet, adapter, outbox worker of its account), the workers (scheduling queue), the HTTP API, or any mix.
 * The sandbox calls it too, with its own puppet, clock and timers.
 */
import { randomBytes } from 'node:crypto'
import { UnrecoverableError, type Worker } from 'bullmq'
import { schedule as cronSchedule, type ScheduledTask } from 'node-cron'
import { WechatyBuilder, type Wechaty } from 'wechaty'
import type { Redis } from 'ioredis'
import type { FastifyInstance } from 'fastify'
import { attachAdapter, mockRoomJoinNoise, wechatyChatPort, wechatyRoster, type Adapter } from './bot/adapter.ts'
import type { Clock } from './clock.ts'
import { usesSandboxPuppet, type Config } from './config.ts'
import { createStore, type Store } from './db/client.ts'
import { lockAccount } from './db/account-lock.ts'
import { ensureAccount } from './db/queries/accounts.ts'
import type { OutboxRow } from './db/queries/outbox.ts'
import { outboxQueueName, SCHEDULING_QUEUE } from './jobs/contracts.ts'
import { createQueues, createRedis, type Queues } from './jobs/queues.ts'
import { JobRegistry, type JobHandler, type QueueKind } from './jobs/registry.ts'
import { registerSchedules } from './jobs/schedules.ts'
import { bullmqTimers, type Timers } from './jobs/timers.ts'
import { startWorker } from './jobs/worker.ts'
import { apiRoutes } from './http/routes/index.ts'
import { buildHttpServer, type HealthReport } from './http/server.ts'
import type { Logger } from './logger.ts'
import { messagesFor } from './messages/index.ts'
import { ensureClaimCode } from './services/claim.ts'
import type { AppContext } from './services/context.ts'
import { Inbound } from './services/inbound.ts'
import { flushNotices, sweepNotices } from './services/group-notices.ts'
import { afterFriendAccepted } from './services/onboarding.ts'
import { checkReferral, checkReward, sweepReferrals } from './services/referrals.ts'
import { remindExpiringCoupons } from './services/coupon-reminders.ts'
import { sweepOutbox } from './services/outbox.ts'
import { runCrmDmPass } from './services/crm-pass.ts'
import { planReminders } from './services/reminders.ts'
import { releaseSend } from './services/sender.ts'
import { planningPass } from './services/content-calendar.ts'
import { publishPost } from './services/post-publisher.ts'
import { onCampaignEnd, onCampaignStart } from './services/campaigns.ts'
import { announceResult } from './services/campaign-participation.ts'

export interface WireOptions {
  config: Config
  logger: Logger
  clock: Clock
  seed: string
  roles: { bot: boolean, workers: boolean, http: boolean }
  /** A ready puppet instance (the sandbox's); otherwise WECHATY_PUPPET names one. */
  puppet?: ConstructorParameters<typeof Object>[0]
  /** The sandbox derives "unguessable" numbers from its seed so runs repeat; production uses crypto. */
  unguessable?: (key: string) => number
  /** The sandbox replaces BullMQ delays with its virtual timeline. */
  makeTimers?: (queues: Queues) => Timers
  workerConcurrency?: number
  /** Process-local housekeeping (node-cron). Off in the sandbox, whose time is virtual. */
  housekeeping?: boolean
}

export interface App {
  ctx: AppContext
  store: Store
  redis: Redis
  queues: Queues
  bot: Wechaty | null
  adapter: Adapter | null
  workers: Worker[]
  http: FastifyInstance | null
  claimCode: string | null
  shutdown: () => Promise<void>
}

export async function wireApp (opts: WireOptions): Promise<App> {
  const { config, logger, clock } = opts
  const store = createStore(config.DATABASE_URL)
  const redis = createRedis(config.REDIS_URL)
  const account = await ensureAccount(store.db, config.BOT_ACCOUNT)
  const queues = createQueues(redis, config.QUEUE_PREFIX, account.key)
  const timers = opts.makeTimers ? opts.makeTimers(queues) : bullmqTimers(queues, clock)
  const ctx: AppContext = { db: store.db, config, logger, clock, timers, messages: messagesFor(config.LOCALE), account: { id: account.id, key: account.key }, seed: opts.seed, unguessable: opts.unguessable ?? (() => randomBytes(6).readUIntBE(0, 6) / 2 ** 48) }

  const handlers: Array<[Parameters<typeof JobRegistry.build>[0][number][0], JobHandler<any>]> = [
    ['referral-check', async ({ referralId }) => checkReferral(ctx, referralId)],
    ['reward-check', async ({ inviterId }) => checkReward(ctx, inviterId)],
    ['notice-flush', async ({ batchId }) => flushNotices(ctx, batchId)],
    ['reminders-plan', async () => { await planReminders(ctx) }],
    ['crm-dm-pass', async () => runCrmDmPass(ctx)],
    ['coupon-expiry-reminders', async () => { await remindExpiringCoupons(ctx) }],
    ['content-plan', async () => { await planningPass(ctx) }],
    ['post', async ({ postId, dueAt }) => publishPost(ctx, postId, dueAt)],
    ['campaign-start', async ({ campaignId }) => onCampaignStart(ctx, campaignId)],
    ['campaign-end', async ({ campaignId }) => onCampaignEnd(ctx, campaignId)],
    ['campaign-announce', async ({ campaignId, groupId }) => announceResult(ctx, campaignId, groupId)],
  ]
  const consumes: QueueKind[] = []
  if (opts.roles.workers) consumes.push('scheduling')

  let bot: Wechaty | null = null
  let adapter: Adapter | null = null
  let claimCode: string | null = null
  let accountLock: { release: () => Promise<void> } | null = null
  if (opts.roles.bot) {
    accountLock = await lockAccount(config.DATABASE_URL, account.key)
    bot = WechatyBuilder.build({
      name: config.WECHATY_NAME,
      puppet: (opts.puppet ?? config.WECHATY_PUPPET ?? 'wechaty-puppet-mock') as never,
      puppetOptions: config.WECHATY_PUPPET_SERVICE_TOKEN ? { token: config.WECHATY_PUPPET_SERVICE_TOKEN } : undefined,
    })
    const inbound = new Inbound(ctx, wechatyRoster(bot))
    adapter = attachAdapter(bot, { clock, logger, onEvent: (e) => inbound.handle(e), isNoise: usesSandboxPuppet(config) ? mockRoomJoinNoise : undefined })
    const chat = wechatyChatPort(bot)
    const deps = { chat, afterSend: { 'accept-friend': (row: OutboxRow) => afterFriendAccepted(ctx, row) } }
    handlers.push(['send', async ({ outboxId, account: key }) => {
      if (key !== account.key) throw new UnrecoverableError(`send for account ${key} reached the bot of ${account.key}`)
      await releaseSend(ctx, deps, outboxId)
    }])
    consumes.push('outbox')
    claimCode = await ensureClaimCode(ctx)
  }
  const registry = JobRegistry.build(handlers, consumes)

  const workers: Worker[] = []
  const concurrency = opts.workerConcurrency ?? config.WORKER_CONCURRENCY
  if (opts.roles.workers) {
    // Every worker registers the recurring jobs; an upsert per scheduler id keeps one of each.
    await registerSchedules(timers)
    workers.push(await startWorker({ queueName: SCHEDULING_QUEUE, connection: redis, prefix: config.QUEUE_PREFIX, concurrency, registry, logger }))
  }
  // One sender per account: the governor's order is the queue's order.
  if (opts.roles.bot) workers.push(await startWorker({ queueName: outboxQueueName(account.key), connection: redis, prefix: config.QUEUE_PREFIX, concurrency: 1, registry, logger }))

  let http: FastifyInstance | null = null
  if (opts.roles.http) {
    http = await buildHttpServer({ tokens: config.API_TOKENS, logger, queues: queues.all, health: () => health(store, redis), routes: apiRoutes(ctx) })
    await http.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT })
  }

  const tasks: ScheduledTask[] = []
  if (opts.housekeeping !== false && opts.roles.bot) {
    // Process-local: only this process sends for its account, so only it sweeps its outbox.
    tasks.push(cronSchedule('* * * * *', () => { void housekeep(ctx).catch((err: Error) => logger.error({ err: err.message }, 'housekeeping failed')) }))
  }

  if (bot) await bot.start()

  const shutdown = async (): Promise<void> => {
    adapter?.stopIntake()
    await http?.close()
    for (const t of tasks) await t.stop()
    await Promise.all(workers.map((w) => w.close()))
    await adapter?.idle()
    await queues.close()
    if (bot) await bot.stop()
    await accountLock?.release()
    await store.close()
    await redis.quit()
  }
  return { ctx, store, redis, queues, bot, adapter, workers, http, claimCode, shutdown }
}

/** Heals what a crash between a commit and a job add can leave behind. Idempotent. */
async function housekeep (ctx: AppContext): Promise<void> {
  await sweepOutbox(ctx)
  await sweepReferrals(ctx)
  await sweepNotices(ctx)
}

async function health (store: Store, redis: Redis): Promise<HealthReport> {
  const checks: HealthReport['checks'] = {}
  await store.sql`select 1`.then(() => { checks.postgres = { ok: true } }, (e: Error) => { checks.postgres = { ok: false, detail: e.message } })
  await redis.ping().then(() => { checks.redis = { ok: true } }, (e: Error) => { checks.redis = { ok: false, detail: e.message } })
  return { ok: Object.values(checks).every((c) => c.ok), checks }
}

/**
 * Catches SIGTERM/SIGINT from the start of a serving process. A signal that arrives while the process is still
 * starting is kept, and the ordered shutdown runs as soon as the app is up (never a half-started exit).
 */
export function trapSignals (): { runUntilSignal: (app: App, logger: Logger, timeoutMs: number) => Promise<never> } {
  let received: string | null = null
  let onSignal: ((signal: string) => void) | null = null
  const handle = (signal: string): void => {
    if (onSignal) onSignal(signal)
    else received ??= signal
  }
  process.on('SIGTERM', () => handle('SIGTERM'))
  process.on('SIGINT', () => handle('SIGINT'))
  return {
    runUntilSignal: (app, logger, timeoutMs) => new Promise(() => {
      onSignal = once((signal) => shutDown(app, logger, timeoutMs, signal))
      if (received) onSignal(received)
    }),
  }
}

function once (fn: (signal: string) => void): (signal: string) => void {
  let done = false
  return (signal) => {
    if (done) return
    done = true
    fn(signal)
  }
}

/**
 * The ordered shutdown: intake, workers (in-flight jobs finish or are returned to the queue), queues, bot, database,
 * Redis. A hard-exit timer is the last resort.
 */
function shutDown (app: App, logger: Logger, timeoutMs: number, signal: string): void {
  logger.info({ signal }, 'shutting down')
  const timer = setTimeout(() => {
    logger.error({ timeoutMs }, 'shutdown timed out; exiting')
    process.exit(1)
  }, timeoutMs)
  timer.unref()
  app.shutdown().then(() => {
    logger.info('stopped')
    process.exit(0)
  }, (err: Error) => {
    logger.error({ err: err.message }, 'shutdown failed')
    process.exit(1)
  })
}
