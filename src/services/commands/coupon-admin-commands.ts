/** /券批次 (marketing), /发券, /作废, /补发 (operators and marketing). Each change is audited by its service. */
import { getContact } from '../../db/queries/contacts.ts'
import { batchById, recentBatches } from '../../db/queries/coupons.ts'
import type { Command } from '../../domain/commands/parser.ts'
import { endOfLocalDay } from '../../domain/coupons.ts'
import { shortDateTime } from '../../domain/time.ts'
import type { AppContext } from '../context.ts'
import { batchInput, createBatch } from '../coupon-batches.ts'
import { batchData } from '../coupon-texts.ts'
import { issueFromBatch, reissueCoupon, voidCoupon, zoneOf } from '../coupons.ts'
import { nameOf } from './coupon-commands.ts'
import { resolveTarget } from './target.ts'
import type { Caller, Reply } from './types.ts'

const BATCHES_LISTED = 15

export async function batchCommand (ctx: AppContext, caller: Caller, command: Extract<Command, { name: 'batch' }>): Promise<Reply> {
  const m = ctx.messages
  const zone = await zoneOf(ctx, caller.contactId)
  if (command.action === 'list') {
    const rows = await recentBatches(ctx.db, BATCHES_LISTED)
    return m.batchList(rows.map((r) => ({ ...batchData(ctx, r.batch, zone), issued: r.issued, redeemed: r.redeemed })))
  }
  const { until, ...rest } = command.batch
  const now = ctx.clock.now()
  const ends = until === undefined ? undefined : endOfLocalDay(until, now, zone)
  if (ends === null) return m.batchInvalid('validity')
  // The chat's words become the API's body, so chat, API and CLI validate alike.
  const parsed = batchInput.safeParse({ ...rest, ...(ends === undefined ? {} : { ends_at: ends.toISOString() }) })
  if (!parsed.success) return m.usage('batch', 'invalid-value')
  const outcome = await createBatch({ db: ctx.db, now }, parsed.data, { contactId: caller.contactId, via: 'chat' })
  switch (outcome.kind) {
    case 'created': return m.batchCreated(batchData(ctx, outcome.batch, zone))
    case 'exists': return m.batchExists(outcome.batch.code)
    case 'invalid': return m.batchInvalid(outcome.problem)
  }
}

export async function issueCommand (ctx: AppContext, caller: Caller, command: Extract<Command, { name: 'issue' }>): Promise<Reply> {
  const m = ctx.messages
  const target = await resolveTarget(ctx, caller, command.target)
  if (!target) return m.couponCustomerNotFound(command.target)
  const name = target.displayName ?? command.target
  // One coupon per command message: the same message delivered twice issues once (coupons_cause_key).
  const outcome = await issueFromBatch(ctx, { batch: command.batch, contactId: target.id, cause: `issue-${caller.messageKey}`, dm: true, by: { contactId: caller.contactId, via: 'chat' } })
  switch (outcome.kind) {
    case 'issued': case 'duplicate': {
      const batch = (await batchById(ctx.db, outcome.coupon.batchId))!
      return m.couponIssued({ name, title: m.couponTitle(batch), friend: target.isFriend })
    }
    case 'unknown-batch': return m.couponIssueRefused('unknown-batch', { batch: command.batch, name })
    case 'refused': return m.couponIssueRefused(outcome.reason, { batch: command.batch.toUpperCase(), name })
  }
}

export async function voidCommand (ctx: AppContext, caller: Caller, command: Extract<Command, { name: 'void' }>): Promise<Reply> {
  const m = ctx.messages
  const outcome = await voidCoupon(ctx, command.code, command.reason, { contactId: caller.contactId, via: 'chat' })
  switch (outcome.kind) {
    case 'ok': {
      const batch = (await batchById(ctx.db, outcome.coupon.batchId))!
      return m.couponVoided({ code: outcome.coupon.code, title: m.couponTitle(batch), holderName: await nameOf(ctx, outcome.coupon.contactId) })
    }
    case 'redeemed': return m.couponVoidRefused('redeemed', { code: outcome.coupon.code, usedAt: outcome.coupon.redeemedAt ? shortDateTime(outcome.coupon.redeemedAt, await zoneOf(ctx, caller.contactId)) : null })
    case 'already-void': return m.couponVoidRefused('already-void', { code: outcome.coupon.code, usedAt: null })
    default: return m.couponVoidRefused(outcome.kind, { code: command.code, usedAt: null })
  }
}

export async function reissueCommand (ctx: AppContext, caller: Caller, command: Extract<Command, { name: 'reissue' }>): Promise<Reply> {
  const m = ctx.messages
  const outcome = await reissueCoupon(ctx, command.code, { contactId: caller.contactId, via: 'chat' })
  switch (outcome.kind) {
    case 'ok': {
      const batch = (await batchById(ctx.db, outcome.coupon.batchId))!
      const holder = await getContact(ctx.db, outcome.coupon.contactId)
      return m.couponReissued({ title: m.couponTitle(batch), holderName: holder?.displayName ?? '', friend: holder?.isFriend === true })
    }
    case 'not-void': case 'expired': return m.couponReissueRefused(outcome.kind, { code: outcome.coupon.code })
    case 'already': return m.couponReissueRefused('already', { code: outcome.old.code })
    default: return m.couponReissueRefused(outcome.kind, { code: command.code })
  }
}
