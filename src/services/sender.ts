/**
 * Releases one outbox row: asks the governor for a slot, waits for it on the timeline, then makes the platform
 * call exactly once.
 *
 * What a crash leads to, by where it happens:
 * - before `markSending`: the retry finds the row pending or reserved and carries on: no send was made.
 * - after `markSending`, before or after the platform call: the retry finds `sending`. If the bot's own echo
 *   of the message was seen, the echo already completed the row (sent). Otherwise a message becomes `uncertain`
 *   and is NOT resent, and the operators are told: a duplicate post or reward notice in a customer group is
 *   worse than a person checking one message (SPEC 3.10: a crash never double-sends). Accepting a friend and
 *   removing a member are repeated instead: doing them twice changes nothing on the platform.
 * - after the platform call, before `completeSend`: as above; the echo usually closes it.
 */
import { eq } from 'drizzle-orm'
import { pauseForRateLimit, recordSuccess, reserveRelease } from '../domain/governor.ts'
import { shortDateTime } from '../domain/time.ts'
import { governorState } from '../db/schema/index.ts'
import { unitFor } from '../domain/random.ts'
import { lockGovernor, saveGovernor } from '../db/queries/governor.ts'
import { contactPlatformIds, roomPlatformId } from '../db/queries/links.ts'
import { voidUndeliverableDms } from '../db/queries/marketing.ts'
import { completeSend, finish, getAction, getActionForUpdate, markSending, releaseSlot, retrySending, returnToPending, setReserved, type OutboxRow } from '../db/queries/outbox.ts'
import { jobId } from '../jobs/contracts.ts'
import { DEFAULT_JOB_OPTIONS } from '../jobs/queues.ts'
import { notifyOperators } from './alerts.ts'
import { governorLimits, type AppContext } from './context.ts'
import { RateLimitedError, type ChatPort } from './ports.ts'

/** Called after a platform call succeeded, before the row is marked sent (e.g. a friend accept greets). */
export type AfterSend = (row: OutboxRow) => Promise<void>

export interface SenderDeps {
  chat: ChatPort
  afterSend: Partial<Record<OutboxRow['kind'], AfterSend>>
}

const MAX_ATTEMPTS = DEFAULT_JOB_OPTIONS.attempts ?? 5

export async function releaseSend (ctx: AppContext, deps: SenderDeps, outboxId: number): Promise<void> {
  const row = await getAction(ctx.db, outboxId)
  if (!row) {
    ctx.logger.warn({ outboxId }, 'send job for a missing outbox row')
    return
  }
  switch (row.status) {
    case 'sent': case 'failed': case 'uncertain':
      return
    case 'sending':
      // Accepting a friend or removing a member again changes nothing on the platform: retry those.
      if (row.kind !== 'text' && (await retrySending(ctx.db, outboxId))) return releaseSend(ctx, deps, outboxId)
      await markUncertain(ctx, row)
      return
    case 'pending':
    case 'reserved': {
      // A slot that came due long ago (a slow platform call held the queue) is void: going now would put two
      // sends closer than the gap. Ask for a fresh one.
      const late = row.status === 'reserved' && row.releaseAt !== null && ctx.clock.now().getTime() - row.releaseAt.getTime() > ctx.config.GOVERNOR_MIN_GAP_MS
      if (late) await releaseSlot(ctx.db, outboxId)
      const releaseAt = row.status === 'reserved' && row.releaseAt && !late ? row.releaseAt : await reserve(ctx, outboxId)
      if (releaseAt === null) return
      if (releaseAt.getTime() > ctx.clock.now().getTime()) {
        await ctx.timers.schedule({ name: 'send', data: { outboxId, account: ctx.account.key }, jobId: jobId('send', outboxId, 'at', releaseAt.getTime()), runAt: releaseAt })
        return
      }
      await perform(ctx, deps, outboxId)
    }
  }
}

/** Takes a governor slot for a pending row, under the account's governor row lock. */
async function reserve (ctx: AppContext, outboxId: number): Promise<Date | null> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now()
    const memory = await lockGovernor(tx, ctx.account.id, now)
    const row = await getActionForUpdate(tx, outboxId)
    if (!row || (row.status !== 'pending' && row.status !== 'reserved')) return null
    if (row.status === 'reserved' && row.releaseAt) return row.releaseAt
    const jitter = unitFor(ctx.seed, `${row.id}#${row.attempts}`)
    const { releaseAt, memory: next } = reserveRelease(memory, now, governorLimits(ctx.config), jitter)
    await saveGovernor(tx, ctx.account.id, next, now)
    await setReserved(tx, outboxId, releaseAt)
    return releaseAt
  })
}

/** While logged out nothing can be sent; asking again this often costs nothing. */
const LOGGED_OUT_RETRY_MS = 30_000

async function perform (ctx: AppContext, deps: SenderDeps, outboxId: number): Promise<void> {
  // A slot granted before the platform asked us to pause is void: take a new one after the pause.
  const pausedUntil = await currentPause(ctx)
  // Logged out: not an attempt (the platform was not asked); wait for the login instead of failing.
  const resumeAt = pausedUntil ?? (deps.chat.isLoggedIn() ? null : new Date(ctx.clock.now().getTime() + LOGGED_OUT_RETRY_MS))
  if (resumeAt) {
    await releaseSlot(ctx.db, outboxId)
    await ctx.timers.schedule({ name: 'send', data: { outboxId, account: ctx.account.key }, jobId: jobId('send', outboxId, 'after', resumeAt.getTime()), runAt: resumeAt })
    return
  }
  // At send time, a marketing DM to a person who has since opted out (TD) or erased their data is voided, not sent.
  if ((await voidUndeliverableDms(ctx.db, { outboxId })).length > 0) {
    ctx.logger.info({ outboxId }, 'marketing dm voided at send time: the person opted out or was erased')
    return
  }
  if (!(await markSending(ctx.db, outboxId, ctx.clock.now()))) return
  const row = (await getAction(ctx.db, outboxId))!
  try {
    await callPlatform(ctx, deps.chat, row)
  } catch (err) {
    if (err instanceof RateLimitedError) {
      await onRateLimited(ctx, row, err)
      return
    }
    const message = (err as Error).message ?? String(err)
    // Counted on the row: each retry runs as a new job (a new slot), so the job's own attempt count restarts.
    if (row.attempts >= MAX_ATTEMPTS) {
      await finish(ctx.db, outboxId, 'failed', message)
      ctx.logger.error({ outboxId, purpose: row.purpose, err: message }, 'send failed for good')
      return
    }
    // The call failed before the platform took it: a fresh slot on the retry keeps the gap honest.
    await returnToPending(ctx.db, outboxId, message)
    throw err
  }
  await deps.afterSend[row.kind]?.(row)
  await completeSend(ctx.db, outboxId, ctx.clock.now(), null)
  const ended = await ctx.db.transaction(async (tx) => {
    const memory = await lockGovernor(tx, ctx.account.id, ctx.clock.now())
    const { memory: next, endedIncident } = recordSuccess(memory, ctx.clock.now())
    if (next !== memory) await saveGovernor(tx, ctx.account.id, next, ctx.clock.now())
    return endedIncident
  })
  if (ended) await reportIncident(ctx, ended)
}

/**
 * The operators hear of a rate-limit incident when it is over: the paused account is the one that would have
 * to tell them, so an alert during the pause would only wait in the same queue and arrive out of date.
 */
async function reportIncident (ctx: AppContext, incident: { since: Date, until: Date }): Promise<void> {
  const minutes = Math.max(1, Math.round((incident.until.getTime() - incident.since.getTime()) / 60_000))
  await notifyOperators(ctx, null, (m) => m.rateLimitedAlert(ctx.account.key, shortDateTime(incident.since, ctx.config.DEFAULT_TIMEZONE), minutes), `alert-ratelimit-${incident.since.getTime()}`)
}

async function callPlatform (ctx: AppContext, chat: ChatPort, row: OutboxRow): Promise<void> {
  switch (row.kind) {
    case 'text': {
      if (row.groupId !== null) {
        const roomId = await requireRoom(ctx, row.groupId)
        const ids = await contactPlatformIds(ctx.db, ctx.account.id, row.mentionIds)
        await chat.sendText({ roomId }, row.text ?? '', row.mentionIds.map((id) => ids.get(id)).filter((x): x is string => x !== undefined))
      } else {
        await chat.sendText({ contactId: await requireContact(ctx, row.contactId!) }, row.text ?? '', [])
      }
      return
    }
    case 'kick':
      await chat.kick(await requireRoom(ctx, row.groupId!), await requireContact(ctx, row.contactId!))
      return
    case 'accept-friend':
      await chat.acceptFriend(row.data.friendshipId ?? '')
  }
}

async function requireRoom (ctx: AppContext, groupId: number): Promise<string> {
  const id = await roomPlatformId(ctx.db, ctx.account.id, groupId)
  if (!id) throw new Error(`group ${groupId} has no room on account ${ctx.account.key}`)
  return id
}

async function requireContact (ctx: AppContext, contactId: number): Promise<string> {
  const id = (await contactPlatformIds(ctx.db, ctx.account.id, [contactId])).get(contactId)
  if (!id) throw new Error(`contact ${contactId} has no platform id on account ${ctx.account.key}`)
  return id
}

async function currentPause (ctx: AppContext): Promise<Date | null> {
  const [row] = await ctx.db.select({ pausedUntil: governorState.pausedUntil }).from(governorState).where(eq(governorState.accountId, ctx.account.id))
  return row?.pausedUntil && row.pausedUntil > ctx.clock.now() ? row.pausedUntil : null
}

async function onRateLimited (ctx: AppContext, row: OutboxRow, err: RateLimitedError): Promise<void> {
  const now = ctx.clock.now()
  const pausedUntil = await ctx.db.transaction(async (tx) => {
    const memory = await lockGovernor(tx, ctx.account.id, now)
    // A second refusal during the same pause does not stretch it again.
    const next = memory.pausedUntil && memory.pausedUntil > now ? memory : pauseForRateLimit(memory, now, governorLimits(ctx.config))
    if (next !== memory) await saveGovernor(tx, ctx.account.id, next, now)
    return next.pausedUntil!
  })
  await returnToPending(ctx.db, row.id, err.message)
  ctx.logger.warn({ account: ctx.account.key, until: pausedUntil.toISOString() }, 'platform rate limit: account paused')
  await ctx.timers.schedule({ name: 'send', data: { outboxId: row.id, account: ctx.account.key }, jobId: jobId('send', row.id, 'after', pausedUntil.getTime()), runAt: pausedUntil })
}

async function markUncertain (ctx: AppContext, row: OutboxRow): Promise<void> {
  if (!(await finish(ctx.db, row.id, 'uncertain', 'crashed during the platform call; not resent to avoid a duplicate'))) return
  ctx.logger.warn({ outboxId: row.id, purpose: row.purpose }, 'send uncertain after a crash; not resent')
  if (row.purpose !== 'alert') {
    await notifyOperators(ctx, row.groupId, (m) => m.sendUncertainAlert(row.text ?? row.kind), `alert-uncertain-${row.id}`)
  }
}
