/** Puts a scenario's library items and campaigns into the CRM before the first step, through the product's services. */
import { groupIdFor } from '../db/queries/links.ts'
import { CAMPAIGN_PROBLEM_TEXT } from '../domain/campaigns.ts'
import type { App } from '../main.ts'
import { approveCampaign, cancel, createCampaign } from '../services/campaigns.ts'
import { addItems } from '../services/content-library.ts'
import { readValidity, type Validity } from '../domain/content-import.ts'
import { roomIdOf } from './puppet.ts'
import { ScenarioError, type Scenario } from './scenario.ts'
import { scenarioTarget } from './scenario-calendar.ts'

export async function seedCalendar (app: App, scenario: Scenario, staffIds: ReadonlyMap<string, number>): Promise<void> {
  const ctx = app.ctx
  if (scenario.content.length > 0) {
    await addItems(ctx, scenario.content.map((c) => ({
      kind: c.kind, text: c.text, imageUrl: c.image ?? null, linkUrl: c.link ?? null, region: c.region ?? null, interests: c.interests,
      // checked by the scenario's schema: never an error here
      ...(readValidity(c.valid_from, c.valid_until) as Validity),
    })), { contactId: null, source: 'sandbox' })
  }
  const groupIds = new Map<string, number>()
  for (const g of scenario.groups) groupIds.set(g.id, (await groupIdFor(ctx.db, ctx.account.id, roomIdOf(g.id)))!)
  for (const [i, c] of scenario.campaigns.entries()) {
    const by = { contactId: c.created_by ? staffIds.get(c.created_by) ?? null : null, via: 'sandbox', name: c.created_by ? scenario.staff.find((s) => s.id === c.created_by)?.name ?? null : null }
    const created = await createCampaign(ctx, {
      kind: c.kind, name: c.name, text: c.text, imageUrl: c.image ?? null, linkUrl: c.link ?? null, priority: c.priority,
      startsAt: new Date(c.starts_at), endsAt: new Date(c.ends_at), target: scenarioTarget(c, (id) => groupIds.get(id)!),
      keyword: c.keyword ?? null, winners: c.winners ?? null, prize: c.prize ?? null, groupSize: c.group_size ?? null,
    }, by, `sandbox-campaign-${i}`, c.status === 'draft')
    if (created.kind === 'invalid') throw new ScenarioError(`campaigns[${i}]: ${created.problems.map((p) => CAMPAIGN_PROBLEM_TEXT[p]).join('; ')}`)
    if (c.status === 'draft') continue
    await approveCampaign(ctx, created.campaign.id, { contactId: c.approved_by ? staffIds.get(c.approved_by) ?? null : null, via: 'sandbox' })
    if (c.status === 'cancelled') await cancel(ctx, created.campaign.id)
  }
}
