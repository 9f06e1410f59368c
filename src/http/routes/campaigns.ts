/**
 * Campaigns over HTTP (SPEC 3.8), for marketing tools. Scope `campaigns` drafts, lists and cancels; scope
 * `campaigns.approve` approves. A token never approves a draft it created itself (unless it is an admin token), so
 * the API cannot be used to get around "drafted by marketing, approved by an owner or admin". Every change audited.
 *   POST /api/campaigns               body: the draft (below); header Idempotency-Key makes a retry create nothing new
 *   GET  /api/campaigns[?all=true]    GET /api/campaigns/:id
 *   POST /api/campaigns/:id/approve   POST /api/campaigns/:id/cancel
 */
import { z } from 'zod'
import { campaignGroupIds, existingGroupIds, getCampaign, listCampaigns, type Campaign } from '../../db/queries/campaigns.ts'
import { CAMPAIGN_KINDS } from '../../db/schema/campaigns.ts'
import { CAMPAIGN_PROBLEM_TEXT, mayApproveViaApi, type CampaignTarget } from '../../domain/campaigns.ts'
import { audit } from '../../services/audit.ts'
import { approveCampaign, cancel, createCampaign } from '../../services/campaigns.ts'
import type { AppContext } from '../../services/context.ts'
import { auditVia, requireScope } from '../auth.ts'
import type { RegisterRoutes } from '../server.ts'

const isoWithZone = z.string().refine((s) => /T.*(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)), 'an ISO time with its offset')
const draftBody = z.strictObject({
  kind: z.enum(CAMPAIGN_KINDS),
  name: z.string().min(1).max(40),
  text: z.string().min(1).max(1000),
  starts_at: isoWithZone,
  ends_at: isoWithZone,
  target: z.union([z.literal('all'), z.strictObject({ tags: z.array(z.string().min(1).max(20)).min(1).max(20) }), z.strictObject({ groups: z.array(z.number().int().positive()).min(1).max(10_000) })]),
  priority: z.number().int().default(0),
  keyword: z.string().optional(),
  winners: z.number().int().optional(),
  prize: z.string().max(100).optional(),
  group_size: z.number().int().optional(),
  image_url: z.url().optional(),
  link_url: z.url().optional(),
})
const idParam = z.strictObject({ id: z.coerce.number().int().min(1).max(2_147_483_647) })

function toJson (c: Campaign, groups?: number[]): Record<string, unknown> {
  return {
    id: c.id, kind: c.kind, name: c.name, text: c.text, status: c.status, priority: c.priority,
    starts_at: c.startsAt.toISOString(), ends_at: c.endsAt.toISOString(),
    target: c.targetKind === 'all' ? 'all' : c.targetKind === 'tags' ? { tags: c.targetTags } : { groups: c.targetGroupIds },
    keyword: c.keyword, winners: c.winners, prize: c.prize, group_size: c.groupSize, image_url: c.imageUrl, link_url: c.linkUrl,
    created_via: c.createdVia, approved_via: c.approvedVia, approved_at: c.approvedAt?.toISOString() ?? null,
    ...(groups ? { groups } : {}),
  }
}

const issues = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')

export function campaignRoutes (ctx: AppContext): RegisterRoutes {
  return async (app) => {
    app.post('/campaigns', { preHandler: requireScope('campaigns') }, async (request, reply) => {
      const body = draftBody.safeParse(request.body)
      if (!body.success) return reply.code(400).send({ error: issues(body.error) })
      const b = body.data
      let target: CampaignTarget = { kind: 'all' }
      if (b.target !== 'all' && 'tags' in b.target) target = { kind: 'tags', tags: b.target.tags }
      if (b.target !== 'all' && 'groups' in b.target) {
        const known = new Set(await existingGroupIds(ctx.db, b.target.groups))
        const unknown = b.target.groups.filter((g) => !known.has(g))
        if (unknown.length > 0) return reply.code(400).send({ error: `unknown group id(s): ${unknown.join(', ')}` })
        target = { kind: 'list', groupIds: [...known] }
      }
      const via = auditVia(request)
      const key = request.headers['idempotency-key']
      const requestKey = typeof key === 'string' && key.length > 0 && key.length <= 200 ? `${via}:${key}` : null
      const outcome = await createCampaign(ctx, {
        kind: b.kind, name: b.name, text: b.text, imageUrl: b.image_url ?? null, linkUrl: b.link_url ?? null, priority: b.priority,
        startsAt: new Date(b.starts_at), endsAt: new Date(b.ends_at), target,
        keyword: b.keyword ?? null, winners: b.winners ?? null, prize: b.prize ?? null, groupSize: b.group_size ?? null,
      }, { contactId: null, via, name: via }, requestKey)
      if (outcome.kind === 'invalid') return reply.code(400).send({ error: outcome.problems.map((p) => CAMPAIGN_PROBLEM_TEXT[p]).join('; ') })
      if (!outcome.existing) await audit(ctx, null, 'campaign.create', 'ok', { campaignId: outcome.campaign.id, kind: b.kind }, via)
      return reply.code(outcome.existing ? 200 : 201).send(toJson(outcome.campaign))
    })

    app.get('/campaigns', { preHandler: requireScope('campaigns') }, async (request) => {
      const all = (request.query as Record<string, unknown>)['all'] === 'true'
      return { campaigns: (await listCampaigns(ctx.db, { all, limit: 500 })).map((c) => toJson(c)) }
    })

    app.get('/campaigns/:id', { preHandler: requireScope('campaigns') }, async (request, reply) => {
      const p = idParam.safeParse(request.params)
      if (!p.success) return reply.code(400).send({ error: issues(p.error) })
      const c = await getCampaign(ctx.db, p.data.id)
      if (!c) return reply.code(404).send({ error: `no campaign ${p.data.id}` })
      return toJson(c, await campaignGroupIds(ctx.db, c.id))
    })

    app.post('/campaigns/:id/approve', { preHandler: requireScope('campaigns.approve') }, async (request, reply) => {
      const p = idParam.safeParse(request.params)
      if (!p.success) return reply.code(400).send({ error: issues(p.error) })
      const via = auditVia(request)
      const c = await getCampaign(ctx.db, p.data.id)
      if (!c) return reply.code(404).send({ error: `no campaign ${p.data.id}` })
      const token = request.server.apiTokens.findByName(request.apiToken!)!
      if (!mayApproveViaApi(token, c.createdVia)) {
        await audit(ctx, null, 'campaign.approve', 'denied', { campaignId: c.id, reason: 'own-draft' }, via)
        return reply.code(403).send({ error: 'a token cannot approve a campaign it created; approve it with another token or in chat' })
      }
      const outcome = await approveCampaign(ctx, c.id, { contactId: null, via })
      switch (outcome.kind) {
        case 'ok':
          await audit(ctx, null, 'campaign.approve', 'ok', { campaignId: c.id }, via)
          return toJson(outcome.campaign, await campaignGroupIds(ctx.db, c.id))
        case 'not-found': return reply.code(404).send({ error: `no campaign ${c.id}` })
        case 'ended': return reply.code(409).send({ error: `campaign ${c.id} ended before it was approved` })
        case 'not-draft': return reply.code(409).send({ error: `campaign ${c.id} is ${outcome.campaign.status}, not a draft` })
      }
    })

    app.post('/campaigns/:id/cancel', { preHandler: requireScope('campaigns') }, async (request, reply) => {
      const p = idParam.safeParse(request.params)
      if (!p.success) return reply.code(400).send({ error: issues(p.error) })
      const outcome = await cancel(ctx, p.data.id)
      if (outcome.kind === 'not-found') return reply.code(404).send({ error: `no campaign ${p.data.id}` })
      if (outcome.kind === 'too-late') return reply.code(409).send({ error: `campaign ${p.data.id} is ${outcome.campaign.status}; it can be cancelled only before it starts` })
      await audit(ctx, null, 'campaign.cancel', 'ok', { campaignId: p.data.id }, auditVia(request))
      return toJson(outcome.campaign)
    })
  }
}
