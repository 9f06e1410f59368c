/**
 * Runs a scenario on the real bot: wechaty on the sandbox puppet, the real services, Postgres, Redis, BullMQ
 * queues and workers, and the send governor, all on a virtual clock. Between two steps the runner moves the
 * clock from one due job to the next, waiting each time until the bot has nothing left to do at that instant.
 */
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Config } from '../config.ts'
import { Redis } from 'ioredis'
import { markClaimed } from '../db/queries/accounts.ts'
import { markFriend, updateProfile } from '../db/queries/contacts.ts'
import { upsertCatalogItem } from '../db/queries/points.ts'
import { upsertProduct } from '../db/queries/orders.ts'
import { setRole } from '../db/queries/staff.ts'
import { unitFor } from '../domain/random.ts'
import { parseRelative, formatInZone } from '../domain/time.ts'
import type { Logger } from '../logger.ts'
import { wireApp, type App } from '../main.ts'
import { registerGroup, resolveContact } from '../services/community.ts'
import { MockCommunity } from './community.ts'
import { createRunDatabase } from './database.ts'
import type { ActionRecord, OutputSink, Target } from './output.ts'
import { groupIdOf, SandboxPuppet, type PlatformAction } from './puppet.ts'
import type { Scenario, Step, StepAction } from './scenario.ts'
import { SandboxShop } from './shop.ts'
import { redeemRecordsAfter, seedCouponBatches } from './coupons.ts'
import { buildSummary } from './summary.ts'
import { seedCalendar } from './seed-calendar.ts'
import { VirtualClock, VirtualTimeline } from './virtual-time.ts'

export const SANDBOX_ACCOUNT = 'bot'

export interface RunOptions {
  config: Config
  logger: Logger
  sink: OutputSink
  /** Keep the run's database afterwards (its URL is logged) for a look with psql. */
  keepDatabase?: boolean
  /** Tests reach into the running app here: after the community is seeded, before the first step. */
  onStarted?: (run: RunningScenario) => Promise<void> | void
  /** And here: after the last step and the summary, before shutdown (e.g. to read the store). */
  beforeShutdown?: (run: RunningScenario) => Promise<void> | void
}

export interface RunningScenario {
  app: App
  clock: VirtualClock
  timeline: VirtualTimeline
  puppet: SandboxPuppet
  community: MockCommunity
  /** The shop's side of the orders API. */
  shop: SandboxShop
  /** Waits until the bot has nothing left to do at the current virtual instant. */
  settle: () => Promise<void>
  /** Acts on the puppet, waits until the bot has taken in `events` events, then settles. */
  act: (action: () => unknown, events?: number) => Promise<void>
  /** Moves the virtual clock to `to`, running every job due on the way, as between two steps. */
  advance: (to: Date) => Promise<void>
}

export async function runScenario (scenario: Scenario, opts: RunOptions): Promise<Record<string, unknown>> {
  // The community first: a scenario it cannot build fails before a database is made for it.
  const community = new MockCommunity(scenario)
  const database = await createRunDatabase(opts.config.DATABASE_URL)
  const prefix = `qunbot-sbx-${randomBytes(4).toString('hex')}`
  const config: Config = { ...opts.config, DATABASE_URL: database.url, QUEUE_PREFIX: prefix, BOT_ACCOUNT: SANDBOX_ACCOUNT, DEFAULT_TIMEZONE: scenario.timezone, HTTP_ENABLED: false }
  const clock = new VirtualClock(scenario.start)
  const groupZone = new Map(scenario.groups.map((g) => [g.id, g.timezone ?? scenario.timezone]))
  const topics = new Map(scenario.groups.map((g) => [g.id, g.topic]))
  const records: ActionRecord[] = []
  const record = (action: PlatformAction): void => {
    const r = toRecord(action, clock.now(), groupZone, scenario.timezone)
    records.push(r)
    opts.sink.action(r)
  }
  const puppet = new SandboxPuppet(community.mocker, clock, record)
  let timeline: VirtualTimeline | null = null
  let app: App
  try {
    app = await wireApp({
      config,
      logger: opts.logger,
      clock,
      seed: String(scenario.seed),
      unguessable: (key) => unitFor(`${scenario.seed}`, `code:${key}`),
      roles: { bot: true, workers: true, http: false },
      puppet,
      makeTimers: (queues) => (timeline = new VirtualTimeline(queues, clock)),
      workerConcurrency: 1,
      housekeeping: false,
    })
  } catch (err) {
    await database.drop()
    throw err
  }
  const settle = () => settleApp(app)
  let running: RunningScenario | null = null
  let shop: SandboxShop | null = null
  try {
    await waitForEvent(app, () => community.mocker.login(community.self))
    await settle()
    const membersAtStart = await seedCommunity(app, scenario)
    puppet.befriend([...scenario.staff, ...scenario.customers].filter((p) => p.friend).map((p) => p.id))
    let lastAttempt = 0
    /** Codes tried since the last look, as `redeem` lines (docs/COUPONS.md). */
    const flushRedeems = async (): Promise<void> => {
      const { records: tried, lastId } = await redeemRecordsAfter(app.ctx, lastAttempt, scenario.timezone)
      lastAttempt = lastId
      for (const r of tried) {
        records.push(r)
        opts.sink.action(r)
      }
    }
    const act = async (action: () => unknown, events = 1): Promise<void> => {
      await waitForEvent(app, action, events)
      await settle()
    }
    shop = await SandboxShop.open(app, opts.logger)
    running = { app, clock, timeline: timeline!, puppet, community, shop, settle, act, advance: (to) => advanceTo(running!, to) }
    await opts.onStarted?.(running)
    for (const step of scenario.steps) {
      await advanceTo(running, step.at)
      if (step.action) {
        opts.sink.input({ at: formatInZone(step.at, zoneOfStep(step, groupZone, scenario.timezone)), step: step.index, kind: step.action.kind, text: describe(step.action, community, topics) })
        await perform(running, step, step.action)
        await flushRedeems()
        await settle()
        await flushRedeems()
      }
    }
    const summary = await buildSummary({ app, scenario, records, membersAtStart, limits: config })
    opts.sink.summary(summary)
    await opts.beforeShutdown?.(running)
    return summary
  } finally {
    await shop?.close()
    await app.shutdown()
    await removeRedisKeys(opts.config.REDIS_URL, prefix)
    if (opts.keepDatabase) opts.logger.info({ database: database.url }, 'sandbox database kept')
    else await database.drop()
  }
}

/** Fires every job due up to `to`, one instant at a time, then leaves the clock at `to`. */
async function advanceTo (run: RunningScenario, to: Date): Promise<void> {
  // Work still under way at the current instant first: it may put jobs on the timeline before `to`.
  await run.settle()
  // One job at a time, in the order they were scheduled: two jobs due at the same instant on different queues
  // would otherwise race, and the output would change from run to run.
  for (let next = run.timeline.nextDue(to); next !== null; next = run.timeline.nextDue(to)) {
    run.clock.set(next)
    await run.timeline.releaseNext()
    await run.settle()
  }
  run.clock.set(to)
}

async function perform (run: RunningScenario, step: Step, action: StepAction): Promise<void> {
  const { community, puppet, app } = run
  switch (action.kind) {
    case 'join': {
      const invitee = community.contact(action.contact)
      // No inviter named: joined through the bot (its group QR code), as WeChat reports it.
      await waitForEvent(app, () => community.room(action.group).add(invitee).by(action.inviter ? community.contact(action.inviter) : community.self))
      return
    }
    case 'leave': {
      const who = community.contact(action.contact)
      await waitForEvent(app, () => community.room(action.group).remove(who).by(who))
      return
    }
    case 'say': {
      const from = community.contact(action.from)
      await waitForEvent(app, () => from.say(action.text).to(action.group ? community.room(action.group) : community.self))
      return
    }
    case 'friend':
      community.contact(action.contact)
      await waitForEvent(app, () => puppet.requestFriendship(action.contact, action.hello ?? ''))
      return
    case 'unfriend':
      community.contact(action.contact)
      puppet.removeFriend(action.contact)
      return
    case 'platform':
      puppet.rateLimitUntil(new Date(step.at.getTime() + parseRelative(`+${action.rate_limit.replace(/^\+/, '')}`)!))
      return
    case 'order': {
      const response = await run.shop.order(action, step.at.toISOString())
      // A scenario's order the API refuses is the scenario's mistake (validated skus make this rare): say so on stderr.
      if (response.status >= 400) app.ctx.logger.warn({ step: step.index, status: response.status, response: response.body }, 'sandbox order refused by the orders API')
      return
    }
    case 'refund': {
      const response = await run.shop.refund(action, step.at.toISOString())
      if (response.status >= 400) app.ctx.logger.warn({ step: step.index, status: response.status, response: response.body }, 'sandbox refund refused by the orders API')
      return
    }
  }
}

/** Puts the scenario's people and groups into the CRM, as an operator would before going live. */
async function seedCommunity (app: App, scenario: Scenario): Promise<Map<string, number>> {
  const ctx = app.ctx
  const now = ctx.clock.now()
  const ids = new Map<string, number>()
  for (const s of scenario.staff) {
    const id = await resolveContact(ctx, { platformId: s.id, name: s.name })
    ids.set(s.id, id)
    await setRole(ctx.db, id, s.role, null, now)
    if (s.friend) await markFriend(ctx.db, id, now, ctx.account.id)
  }
  for (const c of scenario.customers) {
    const id = await resolveContact(ctx, { platformId: c.id, name: c.name })
    if (c.friend) await markFriend(ctx.db, id, now, ctx.account.id)
    await updateProfile(ctx.db, id, {
      consentAt: c.consent ? now : null, consentVersion: c.consent ? 'sandbox' : null, birthday: c.birthday ?? null,
      city: c.city ?? null, interests: c.interests ?? [], sourceChannel: c.source ?? null,
    })
  }
  const sizes = new Map<string, number>()
  for (const g of scenario.groups) {
    await registerGroup(ctx, { platformId: `${g.id}@chatroom`, topic: g.topic }, {
      topic: g.topic, region: g.region ?? null, interests: g.interests, operatorId: g.operator ? ids.get(g.operator) ?? null : null,
      timezone: g.timezone ?? scenario.timezone, contentSlot: g.slots?.content, promoSlot: g.slots?.promo,
    }, g.members.map((m) => ({ platformId: m, name: null })))
    sizes.set(g.id, g.members.length)
  }
  for (const p of scenario.products) await upsertProduct(ctx.db, { sku: p.sku, name: p.name, price: p.price, cycleDays: p.cycle_days ?? null }, now)
  for (const item of scenario.rewards) await upsertCatalogItem(ctx.db, { sku: item.sku, name: item.name, cost: item.points, stock: item.stock })
  await seedCouponBatches(ctx, scenario)
  await seedCalendar(app, scenario, ids)
  if (scenario.staff.some((s) => s.role === 'owner')) await markClaimed(ctx.db, ctx.account.id, now)
  return sizes
}

/** Acts on the puppet and waits until the bot has taken in the event it raises. */
async function waitForEvent (app: App, act: () => unknown, events = 1): Promise<void> {
  const before = app.adapter!.eventsSeen()
  act()
  for (let i = 0; app.adapter!.eventsSeen() < before + events; i++) {
    if (i > 2000) throw new Error('the bot did not receive the event within 10 s')
    await sleep(5)
  }
}

/** Waits until no event handler runs and no queue holds a job: the bot is done with this instant. */
async function settleApp (app: App): Promise<void> {
  let quiet = 0
  while (quiet < 3) {
    await app.adapter!.idle()
    const counts = await Promise.all(app.queues.all.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused')))
    const busy = counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0) + app.adapter!.inFlight()
    quiet = busy === 0 ? quiet + 1 : 0
    await sleep(busy === 0 ? 2 : 1)
  }
}

function toRecord (action: PlatformAction, at: Date, groupZone: Map<string, string>, zone: string): ActionRecord {
  const target = (to: { room: string } | { contact: string }): Target => 'room' in to ? { group: groupIdOf(to.room) } : { contact: to.contact }
  const zoneFor = (t: Target | null): string => t && 'group' in t ? groupZone.get(t.group) ?? zone : zone
  switch (action.type) {
    case 'send': {
      const to = target(action.to)
      return { at: formatInZone(at, zoneFor(to)), type: 'send', account: SANDBOX_ACCOUNT, to, ...(action.mentions.length > 0 ? { mentions: action.mentions } : {}), text: action.text, ...(action.delivered === false ? { delivered: false as const } : {}) }
    }
    case 'accept-friend':
      return { at: formatInZone(at, zone), type: 'accept-friend', account: SANDBOX_ACCOUNT, contact: action.contact }
    case 'kick': {
      const group = groupIdOf(action.room)
      return { at: formatInZone(at, zoneFor({ group })), type: 'kick', group, contact: action.contact }
    }
    case 'send-refused': {
      const to = action.to ? target(action.to) : null
      return { at: formatInZone(at, zoneFor(to)), type: 'send-refused', account: SANDBOX_ACCOUNT, reason: action.reason, to }
    }
  }
}

function zoneOfStep (step: Step, groupZone: Map<string, string>, zone: string): string {
  const g = step.action && 'group' in step.action ? step.action.group : undefined
  return g ? groupZone.get(g) ?? zone : zone
}

function describe (action: StepAction, community: MockCommunity, topics: Map<string, string>): string {
  const n = (id: string): string => community.nameOf(id)
  const g = (id: string): string => `[${topics.get(id) ?? id}]`
  switch (action.kind) {
    case 'join': return `${n(action.contact)} joins ${g(action.group)}${action.inviter ? ` (invited by ${n(action.inviter)})` : ''}`
    case 'leave': return `${n(action.contact)} leaves ${g(action.group)}`
    case 'say': return `${n(action.from)} ${action.group ? `in ${g(action.group)}` : 'to bot'}: ${action.text}`
    case 'friend': return `${n(action.contact)} adds the bot as a friend`
    case 'order': return `order ${action.id} by ${n(action.customer)}: ${action.items.map((i) => `${i.sku}×${i.qty}`).join(', ')}${action.coupon ? ` with coupon ${[action.coupon].flat().join(' + ')}` : ''}`
    case 'refund': return `order ${action.order} ${action.cancel === true ? 'cancelled' : action.partial === true ? 'partly refunded' : 'refunded'}`
    case 'unfriend': return `${n(action.contact)} deletes the bot from their friends`
    case 'platform': return `platform rate-limits the account for ${action.rate_limit}`
  }
}

async function removeRedisKeys (url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}

