/**
 * Coupon batches (templates, SPEC 3.5): created by marketing through the chat command, the CLI, the HTTP API or a
 * sandbox scenario; all of them describe a batch in the one shape `batchInput` (the API's body) and take this path.
 * A batch's code is unique (coupon_batches_code_key): creating one twice creates it once.
 */
import { z } from 'zod'
import { batchByKey, insertBatch, type Batch } from '../db/queries/coupons.ts'
import type { DbOrTx } from '../db/client.ts'
import { batchCode, BATCH_CODE_MAX } from '../domain/coupons.ts'
import { writeAudit } from '../db/queries/audit.ts'
import { money } from './orders.ts'

export { TRIAL_PACK_BATCH, WELCOME_BATCH } from '../domain/coupons.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

export const batchInput = z.strictObject({
  /** 3-12 letters and digits; for a shared batch, the code customers type (ANNA30). */
  code: z.string().trim().min(1).max(BATCH_CODE_MAX * 2),
  kind: z.enum(['unique', 'shared']).default('unique'),
  /** Yuan off ... */
  amount: money.refine((n) => n > 0, 'must be more than 0').optional(),
  /** ... or a gift (试用装). */
  gift: text(40).optional(),
  min_spend: money.default(0),
  valid_days: z.number().int().positive().max(3650).optional(),
  starts_at: z.iso.datetime({ offset: true }).optional(),
  ends_at: z.iso.datetime({ offset: true }).optional(),
  per_customer: z.number().int().min(1).max(100).default(1),
  cap: z.number().int().positive().max(100_000_000).optional(),
  stacks: z.boolean().default(false),
  streamer: text(40).optional(),
  channel: text(40).optional(),
  name: text(40).optional(),
})
export type BatchInput = z.input<typeof batchInput>
type ParsedBatch = z.output<typeof batchInput>

/** A batch by its code as anyone writes it (anna30, ANNA30, ANNA3O); null when there is none. */
export async function batchByCode (db: DbOrTx, typed: string): Promise<Batch | null> {
  const code = batchCode(typed)
  return code === null ? null : batchByKey(db, code.key)
}

/** What is wrong with a batch that has the right shape. */
export type BatchProblem = 'code' | 'value' | 'validity' | 'ended' | 'window'

export type CreateBatchOutcome =
  | { kind: 'created', batch: Batch }
  /** The code is taken (by this batch, created before, or another). */
  | { kind: 'exists', batch: Batch }
  | { kind: 'invalid', problem: BatchProblem }

export interface CreatedBy { contactId: number | null, via: string }

/**
 * Creates a batch once per code. A shared batch's `valid_days` run from its start (or now), so it gets a fixed end;
 * a unique batch's run from each coupon's issue. Audited.
 */
export async function createBatch (deps: { db: DbOrTx, now: Date }, raw: ParsedBatch, by: CreatedBy): Promise<CreateBatchOutcome> {
  const values = batchValues(raw, deps.now, by)
  if (typeof values === 'string') return { kind: 'invalid', problem: values }
  const batch = await insertBatch(deps.db, values)
  const outcome: CreateBatchOutcome = batch ? { kind: 'created', batch } : { kind: 'exists', batch: (await batchByKey(deps.db, values.codeKey))! }
  await writeAudit(deps.db, { actorContactId: by.contactId, via: by.via, action: 'coupon.batch.create', outcome: batch ? 'ok' : 'denied', detail: { code: values.code, exists: !batch }, at: deps.now })
  return outcome
}

/** What is wrong with the batch before any database is asked (the CLI checks this first); null when nothing. */
export function batchProblem (raw: ParsedBatch, now: Date): BatchProblem | null {
  const values = batchValues(raw, now, { contactId: null, via: 'check' })
  return typeof values === 'string' ? values : null
}

function batchValues (b: ParsedBatch, now: Date, by: CreatedBy): Parameters<typeof insertBatch>[1] | BatchProblem {
  const code = batchCode(b.code)
  if (code === null) return 'code'
  if ((b.amount === undefined) === (b.gift === undefined)) return 'value'
  if (b.valid_days === undefined && b.ends_at === undefined) return 'validity'
  const startsAt = b.starts_at === undefined ? null : new Date(b.starts_at)
  let endsAt = b.ends_at === undefined ? null : new Date(b.ends_at)
  if (b.kind === 'shared' && b.valid_days !== undefined) {
    const byDays = new Date((startsAt ?? now).getTime() + b.valid_days * 86_400_000)
    endsAt = endsAt === null || byDays < endsAt ? byDays : endsAt
  }
  if (endsAt !== null && endsAt <= now) return 'ended'
  if (startsAt !== null && endsAt !== null && startsAt >= endsAt) return 'window'
  return {
    code: code.code, codeKey: code.key, name: b.name ?? null, kind: b.kind, amount: b.amount ?? null, gift: b.gift ?? null,
    minSpend: b.min_spend, validDays: b.valid_days ?? null, startsAt, endsAt, perCustomer: b.per_customer, cap: b.cap ?? null,
    stacks: b.stacks, streamer: b.streamer ?? null, channel: b.channel ?? null, createdBy: by.contactId, createdVia: by.via, createdAt: now,
  }
}

/** Problems as the API and the CLI say them. */
export const BATCH_PROBLEM_TEXT: Record<BatchProblem, string> = {
  code: 'code: 3-12 letters and digits',
  value: 'give either amount or gift',
  validity: 'give valid_days or ends_at',
  ended: 'the batch would already have ended',
  window: 'starts_at must be before ends_at',
}
