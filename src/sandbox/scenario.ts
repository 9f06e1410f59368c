/**
 * Scenario files (SANDBOX.md): YAML or JSON, validated into a plain, absolute-time model. An invalid file gives
 * one ScenarioError naming the step or field, never a stack trace.
 */
import { readFile } from 'node:fs/promises'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { STAFF_ROLES } from '../db/schema/staff.ts'
import { parseClock } from '../domain/commands/parser.ts'
import { batchCode, BUILT_IN_BATCHES } from '../domain/coupons.ts'
import { isValidTimeZone, parseRelative } from '../domain/time.ts'
import { issuePath } from '../zod-issues.ts'
import { campaignSchema, checkCalendar, contentItemSchema } from './scenario-calendar.ts'

export class ScenarioError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'ScenarioError'
  }
}

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1-64 letters, digits, _ or -')
const isoWithZone = z.string().refine((s) => /T.*(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)), 'an ISO time with its offset, e.g. 2026-12-01T07:30:00+08:00')
const zone = z.string().refine(isValidTimeZone, 'an IANA timezone such as Asia/Shanghai')
const clock = z.string().refine((s) => parseClock(s) !== null, 'a time of day HH:MM')
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'a real calendar date')
const text = z.string().min(1).max(4000)

const staff = z.strictObject({ id, name: z.string().min(1), role: z.enum(STAFF_ROLES), friend: z.boolean().default(true) })
const group = z.strictObject({
  id,
  topic: z.string().min(1),
  region: z.string().optional(),
  interests: z.array(z.string()).default([]),
  operator: id.optional(),
  timezone: zone.optional(),
  members: z.array(id).default([]),
  slots: z.strictObject({ content: clock.optional(), promo: clock.optional() }).optional(),
})
const customer = z.strictObject({
  id,
  name: z.string().min(1),
  friend: z.boolean().default(false),
  consent: z.boolean().default(false),
  birthday: date.optional(),
  city: z.string().optional(),
  interests: z.array(z.string()).optional(),
  source: z.string().optional(),
})
const product = z.strictObject({ sku: id, name: z.string().min(1), price: z.number().nonnegative(), cycle_days: z.number().int().positive().optional() })
/** Library items and campaigns: scenario-calendar.ts. */
const contentItem = contentItemSchema
/** The points catalog (积分兑换): what points buy, and how many are in stock. */
const rewardItem = z.strictObject({ sku: id, name: z.string().min(1), points: z.number().int().positive(), stock: z.number().int().nonnegative() })
/** A coupon batch (docs/COUPONS.md): `value` is yuan off, or `gift` names a gift; valid_days defaults to 30. */
const couponBatch = z.strictObject({
  code: z.string().min(3), kind: z.enum(['shared', 'unique']), value: z.number().positive().optional(), gift: z.string().min(1).max(40).optional(),
  valid_days: z.number().int().positive().max(3650).optional(), streamer: z.string().min(1).max(40).optional(), cap: z.number().int().positive().optional(),
  min_spend: z.number().nonnegative().optional(), stacks: z.boolean().optional(), per_customer: z.number().int().min(1).max(100).optional(),
  name: z.string().min(1).max(40).optional(), channel: z.string().min(1).max(40).optional(),
}).refine((b) => (b.value === undefined) !== (b.gift === undefined), 'give either value (yuan off) or gift')
  .refine((b) => batchCode(b.code) !== null, { path: ['code'], message: '3-12 letters and digits' })
const couponCode = z.string().min(1).max(64)

const actions = {
  join: z.strictObject({ group: id, contact: id, inviter: id.optional() }),
  say: z.strictObject({ from: id, group: id.optional(), text }),
  friend: z.strictObject({ contact: id, hello: z.string().optional() }),
  leave: z.strictObject({ group: id, contact: id }),
  order: z.strictObject({ id, customer: id, items: z.array(z.strictObject({ sku: id, qty: z.number().int().positive() })).min(1), coupon: z.union([couponCode, z.array(couponCode).min(1).max(5)]).optional() }),
  /** The shop refunds an earlier order step's order, in full unless `partial`, or cancels it (`cancel: true`), through POST /api/orders/refund. */
  refund: z.strictObject({ order: id, cancel: z.boolean().optional(), partial: z.boolean().optional() })
    .refine((r) => !(r.cancel === true && r.partial === true), 'a cancellation is always of the whole order'),
  /** Sandbox extension: the contact deletes the bot from their friends (the platform does not tell the bot). */
  unfriend: z.strictObject({ contact: id }),
  /** Sandbox extension: the platform refuses sends for a while (操作过于频繁). */
  platform: z.strictObject({ rate_limit: z.string().refine((s) => parseRelative(`+${s.replace(/^\+/, '')}`) !== null, 'a duration such as 30m') }),
} as const
export type ActionName = keyof typeof actions
const ACTION_NAMES = Object.keys(actions) as ActionName[]

const step = z.strictObject({ at: z.string(), ...Object.fromEntries(ACTION_NAMES.map((n) => [n, actions[n].optional()])) as { [K in ActionName]: z.ZodOptional<(typeof actions)[K]> } })

const file = z.strictObject({
  seed: z.number().int().default(42),
  start: isoWithZone,
  timezone: zone.default('Asia/Shanghai'),
  staff: z.array(staff).default([]),
  groups: z.array(group).default([]),
  customers: z.array(customer).default([]),
  products: z.array(product).default([]),
  content: z.array(contentItem).default([]),
  coupons: z.array(couponBatch).default([]),
  rewards: z.array(rewardItem).default([]),
  campaigns: z.array(campaignSchema).default([]),
  steps: z.array(step).default([]),
})

export type StepAction = { [K in ActionName]: { kind: K } & z.infer<(typeof actions)[K]> }[ActionName]
export interface Step { index: number, at: Date, action: StepAction | null }
export type ScenarioFile = z.infer<typeof file>
export interface Scenario extends Omit<ScenarioFile, 'start' | 'steps'> { start: Date, end: Date, steps: Step[] }

/** A scenario simulates days to months; years of virtual time are a typo. */
const MAX_SPAN_MS = 3 * 366 * 86_400_000

export function parseScenario (raw: unknown): Scenario {
  const result = file.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new ScenarioError(`${issuePath(issue.path) || 'scenario'}: ${issue.message}`)
  }
  const data = result.data
  const start = new Date(data.start)
  const groupIds = new Set<string>()
  for (const [i, g] of data.groups.entries()) {
    if (groupIds.has(g.id)) throw new ScenarioError(`groups[${i}].id: "${g.id}" is used twice`)
    groupIds.add(g.id)
  }
  const staffIds = new Set(data.staff.map((s) => s.id))
  const seen = new Set<string>()
  for (const [i, who] of [...data.staff, ...data.customers].entries()) {
    if (seen.has(who.id)) throw new ScenarioError(`${i < data.staff.length ? 'staff' : 'customers'}: id "${who.id}" is used twice`)
    seen.add(who.id)
  }
  for (const [i, g] of data.groups.entries()) {
    if (g.operator && !staffIds.has(g.operator)) throw new ScenarioError(`groups[${i}].operator: "${g.operator}" is not in staff`)
  }
  // The built-in batches exist in every database.
  const batchKeys = new Set(BUILT_IN_BATCHES.map((c) => batchCode(c)!.key))
  for (const [i, b] of data.coupons.entries()) {
    const key = batchCode(b.code)!.key
    if (batchKeys.has(key)) throw new ScenarioError(`coupons[${i}].code: "${b.code}" is used twice (or is a built-in batch: ${BUILT_IN_BATCHES.join(', ')})`)
    batchKeys.add(key)
  }
  const skus = new Set(data.products.map((p) => p.sku))
  const orderIds = new Set<string>()
  const calendarProblem = checkCalendar({ start, staff: data.staff, groups: data.groups, campaigns: data.campaigns })
  if (calendarProblem !== null) throw new ScenarioError(calendarProblem)
  let previous = start
  const steps: Step[] = data.steps.map((s, index) => {
    const where = `steps[${index}]`
    const relative = s.at.startsWith('+') ? parseRelative(s.at) : null
    if (s.at.startsWith('+') && relative === null) throw new ScenarioError(`${where}.at: "${s.at}" is not a relative time like +90s, +30m, +2h, +3d`)
    if (!s.at.startsWith('+') && !isoWithZone.safeParse(s.at).success) throw new ScenarioError(`${where}.at: "${s.at}" must be +DURATION or an ISO time with its offset`)
    if (relative !== null && relative > MAX_SPAN_MS) throw new ScenarioError(`${where}.at: ${s.at} is more than 3 years after the start`)
    const at = relative !== null ? new Date(previous.getTime() + relative) : new Date(s.at)
    if (at < previous) throw new ScenarioError(`${where}.at: ${s.at} is before the previous step; the clock never goes back`)
    if (at.getTime() - start.getTime() > MAX_SPAN_MS) throw new ScenarioError(`${where}.at: ${s.at} is more than 3 years after the start`)
    previous = at
    const present = ACTION_NAMES.filter((n) => s[n] !== undefined)
    if (present.length > 1) throw new ScenarioError(`${where}: one action per step, found ${present.join(' and ')}`)
    const kind = present[0]
    const action = kind ? ({ kind, ...(s[kind] as object) } as StepAction) : null
    if (action && 'group' in action && action.group !== undefined && !groupIds.has(action.group)) {
      throw new ScenarioError(`${where}.${action.kind}.group: unknown group "${action.group}"`)
    }
    if (action?.kind === 'order') {
      if (orderIds.has(action.id)) throw new ScenarioError(`${where}.order.id: "${action.id}" is used twice`)
      orderIds.add(action.id)
      const unknown = action.items.findIndex((i) => !skus.has(i.sku))
      if (unknown >= 0) throw new ScenarioError(`${where}.order.items[${unknown}].sku: "${action.items[unknown]!.sku}" is not in products`)
    }
    if (action?.kind === 'refund' && !orderIds.has(action.order)) throw new ScenarioError(`${where}.refund.order: "${action.order}" is no earlier order step's id`)
    return { index, at, action }
  })
  return { ...data, start, end: previous, steps }
}

export async function loadScenario (path: string): Promise<Scenario> {
  let source: string
  try {
    source = await readFile(path, 'utf8')
  } catch (err) {
    throw new ScenarioError(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`)
  }
  let raw: unknown
  try {
    raw = path.endsWith('.json') ? JSON.parse(source) : parseYaml(source)
  } catch (err) {
    throw new ScenarioError(`${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`)
  }
  try {
    return parseScenario(raw)
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError(`${path}: ${err.message}`)
    throw err
  }
}
