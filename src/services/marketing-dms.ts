/**
 * The one gate every marketing DM goes through (SPEC 3.7): friend, consented, not opted out, at most one per person
 * per 24 h and 4 per 30 days across all kinds, only 09:00-21:00 local. Senders (repurchase reminders, coupon expiry
 * reminders, lifecycle messages) call `stageMarketingDm` inside their own transaction and never DM marketing any
 * other way.
 *
 * Concurrency: the person's contact row is locked for the decision, so two senders racing for one person's daily
 * slot are serialized and the second sees the first's DM. Exactly once: one decision per cause
 * (marketing_dms_cause_key), and the outbox row commits with it. Run twice, the second call finds the decision.
 */
import { getContact } from '../db/queries/contacts.ts'
import { contactTimeZone, dmDecisionFor, dmsSentSince, recordDmDecision } from '../db/queries/marketing.ts'
import { lockPerson } from '../db/queries/points.ts'
import type { DbOrTx } from '../db/client.ts'
import { decideMarketingDm, type DmDeferReason, type DmPolicy } from '../domain/marketing-policy.ts'
import type { Config } from '../config.ts'
import type { AppContext } from './context.ts'
import { dispatch, stageAction, type Staged } from './outbox.ts'

export interface MarketingDmRequest {
  contactId: number
  /** 'repurchase', 'coupon-expiry', 'reactivation', 'birthday', 'care', ...; also the outbox purpose. */
  kind: string
  /** Business key of what is said: one decision per cause, ever. */
  cause: string
  /**
   * The DM's text, or a composer called only when the DM is queued, inside the transaction (so a personal coupon is
   * issued only for a DM that actually goes out, and rolls back with it).
   */
  text: string | ((tx: DbOrTx) => Promise<string>)
}

export type MarketingDmOutcome =
  | { kind: 'queued', staged: Staged | null }
  /** Never to this person as things stand (reason: not-friend, no-consent, opted-out, erased); recorded. */
  | { kind: 'skipped', reason: string }
  /** Not now: a cap or the hour; ask again at `until`. Nothing is recorded. */
  | { kind: 'deferred', until: Date, reason: DmDeferReason }
  /** This cause was decided before (sent or skipped). */
  | { kind: 'decided-before', status: 'sent' | 'skipped' }

export function dmPolicy (config: Config): DmPolicy {
  return {
    perDay: config.MARKETING_DM_PER_DAY,
    perWindow: config.MARKETING_DM_PER_30_DAYS,
    windowDays: 30,
    startHour: config.MARKETING_DM_START_HOUR,
    endHour: config.MARKETING_DM_END_HOUR,
  }
}

/** Decides and, when allowed, stages the DM inside the caller's transaction; the caller dispatches `staged` after commit. */
export async function stageMarketingDm (ctx: AppContext, tx: DbOrTx, request: MarketingDmRequest): Promise<MarketingDmOutcome> {
  const now = ctx.clock.now()
  await lockPerson(tx, request.contactId)
  const before = await dmDecisionFor(tx, request.cause)
  if (before) return { kind: 'decided-before', status: before.status }
  const contact = await getContact(tx, request.contactId)
  if (!contact) throw new Error(`no contact ${request.contactId}`)
  const policy = dmPolicy(ctx.config)
  const verdict = decideMarketingDm({
    recipient: { isFriend: contact.isFriend, consented: contact.consentAt !== null, optedOut: contact.optedOutAt !== null, erased: contact.erasedAt !== null },
    sentAt: await dmsSentSince(tx, request.contactId, new Date(now.getTime() - policy.windowDays * 86_400_000)),
    now,
    timeZone: (await contactTimeZone(tx, request.contactId)) ?? ctx.config.DEFAULT_TIMEZONE,
  }, policy)
  switch (verdict.kind) {
    case 'defer':
      return { kind: 'deferred', until: verdict.until, reason: verdict.reason }
    case 'skip':
      await recordDmSkip(ctx, tx, request, verdict.reason)
      return { kind: 'skipped', reason: verdict.reason }
    case 'send': {
      const text = typeof request.text === 'string' ? request.text : await request.text(tx)
      const staged = await stageAction(ctx, tx, { kind: 'text', purpose: request.kind, idemKey: `marketing-${request.cause}`, contactId: request.contactId, text })
      await recordDmDecision(tx, { contactId: request.contactId, kind: request.kind, cause: request.cause, status: 'sent', outboxId: staged?.outboxId ?? null, decidedAt: now })
      return { kind: 'queued', staged }
    }
  }
}

/** Records that a marketing DM will not be sent, for a reason of the sender's own (e.g. 'stale'). */
export async function recordDmSkip (ctx: AppContext, tx: DbOrTx, request: Pick<MarketingDmRequest, 'contactId' | 'kind' | 'cause'>, reason: string): Promise<void> {
  await recordDmDecision(tx, { contactId: request.contactId, kind: request.kind, cause: request.cause, status: 'skipped', reason, decidedAt: ctx.clock.now() })
}

/** `stageMarketingDm` in a transaction of its own, dispatching the DM after the commit. */
export async function sendMarketingDm (ctx: AppContext, request: MarketingDmRequest): Promise<MarketingDmOutcome> {
  const outcome = await ctx.db.transaction((tx) => stageMarketingDm(ctx, tx, request))
  if (outcome.kind === 'queued' && outcome.staged) await dispatch(ctx, outcome.staged)
  return outcome
}
