/**
 * Scenario keys of the content calendar and campaigns (docs/SANDBOX.md): `content` (library items) and `campaigns`,
 * validated with clear errors naming the entry and field.
 */
import { z } from 'zod'
import { CAMPAIGN_KINDS } from '../db/schema/campaigns.ts'
import { CAMPAIGN_PROBLEM_TEXT, campaignProblems, type CampaignTarget } from '../domain/campaigns.ts'
import { isHttpUrl } from '../domain/content-items.ts'
import { readValidity } from '../domain/content-import.ts'
import { slotAllowed, slotRange } from '../domain/content-calendar.ts'
import type { Role } from '../domain/roles.ts'

const isoWithZone = z.string().refine((s) => /T.*(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)), 'an ISO time with its offset, e.g. 2026-12-01T07:30:00+08:00')
const url = z.string().refine(isHttpUrl, 'an http(s) URL')
const scenarioId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1-64 letters, digits, _ or -')

/** A library item: as the contract has it, plus an optional image or link and validity. */
export const contentItemSchema = z.strictObject({
  kind: z.enum(['content', 'promo']),
  text: z.string().min(1).max(2000),
  interests: z.array(z.string().min(1).max(20)).max(10).default([]),
  region: z.string().min(1).max(20).optional(),
  image: url.optional(),
  link: url.optional(),
  /** A date (a whole day in each group's own timezone) or an ISO time with offset; both of one sort. */
  valid_from: z.string().optional(),
  valid_until: z.string().optional(),
}).superRefine((item, ctx) => {
  const validity = readValidity(item.valid_from, item.valid_until)
  if (typeof validity === 'string') ctx.addIssue({ code: 'custom', message: validity, path: ['valid_from'] })
})

export const campaignSchema = z.strictObject({
  kind: z.enum(CAMPAIGN_KINDS),
  name: z.string().min(1).max(40),
  text: z.string().min(1).max(1000),
  starts_at: isoWithZone,
  ends_at: isoWithZone,
  target: z.union([z.literal('all'), z.strictObject({ tags: z.array(z.string().min(1)).min(1) }), z.strictObject({ groups: z.array(scenarioId).min(1) })]).default('all'),
  priority: z.number().int().min(-100).max(100).default(0),
  /** draft: created only; approved (the default): approved before the first step; cancelled: approved, then cancelled. */
  status: z.enum(['draft', 'approved', 'cancelled']).default('approved'),
  created_by: scenarioId.optional(),
  approved_by: scenarioId.optional(),
  keyword: z.string().optional(),
  winners: z.number().int().optional(),
  prize: z.string().optional(),
  group_size: z.number().int().optional(),
  image: url.optional(),
  link: url.optional(),
})

export type ScenarioCampaign = z.infer<typeof campaignSchema>

/** The campaign's target with scenario group ids mapped to CRM ids later by the runner. */
export function scenarioTarget (c: ScenarioCampaign, groupIdOf: (id: string) => number): CampaignTarget {
  if (c.target === 'all') return { kind: 'all' }
  if ('tags' in c.target) return { kind: 'tags', tags: c.target.tags }
  return { kind: 'list', groupIds: c.target.groups.map(groupIdOf) }
}

/** Checks that need the whole scenario: who may create and approve, known groups, the campaign rules, slots. */
export function checkCalendar (data: {
  start: Date
  staff: ReadonlyArray<{ id: string, role: Role }>
  groups: ReadonlyArray<{ id: string, slots?: { content?: string, promo?: string } }>
  campaigns: readonly ScenarioCampaign[]
}): string | null {
  const range = slotRange(10 * 60_000)
  for (const [i, g] of data.groups.entries()) {
    for (const kind of ['content', 'promo'] as const) {
      const slot = g.slots?.[kind]
      if (slot !== undefined && !slotAllowed(slot.padStart(5, '0'), 10 * 60_000)) return `groups[${i}].slots.${kind}: ${slot} is in or too close to quiet hours (22:00-08:00); use ${range.earliest}-${range.latest}`
    }
  }
  const roleOf = new Map(data.staff.map((s) => [s.id, s.role]))
  const groupIds = new Set(data.groups.map((g) => g.id))
  for (const [i, c] of data.campaigns.entries()) {
    const where = `campaigns[${i}]`
    if (c.created_by !== undefined && !['marketer', 'admin', 'owner'].includes(roleOf.get(c.created_by) ?? '')) return `${where}.created_by: "${c.created_by}" is not a marketer, admin or owner in staff`
    if (c.approved_by !== undefined && !['admin', 'owner'].includes(roleOf.get(c.approved_by) ?? '')) return `${where}.approved_by: "${c.approved_by}" is not an admin or owner in staff (marketers cannot approve)`
    if (typeof c.target === 'object' && 'groups' in c.target) {
      const unknown = c.target.groups.find((g) => !groupIds.has(g))
      if (unknown !== undefined) return `${where}.target.groups: unknown group "${unknown}"`
    }
    const problems = campaignProblems({
      kind: c.kind, name: c.name, text: c.text, priority: c.priority, startsAt: new Date(c.starts_at), endsAt: new Date(c.ends_at),
      target: c.target === 'all' ? { kind: 'all' } : 'tags' in c.target ? { kind: 'tags', tags: c.target.tags } : { kind: 'list', groupIds: c.target.groups.map(() => 0) },
      keyword: c.keyword ?? null, winners: c.winners ?? null, prize: c.prize ?? null, groupSize: c.group_size ?? null,
    }, data.start)
    if (problems.length > 0) return `${where}: ${problems.map((p) => CAMPAIGN_PROBLEM_TEXT[p]).join('; ')}`
  }
  return null
}
