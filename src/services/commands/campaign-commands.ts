/** /活动 (campaigns: draft, list, show, approve, cancel; SPEC 3.8) and /拼团 (join a group-buy). */
import { getContact } from '../../db/queries/contacts.ts'
import { campaignGroupIds, entriesOf, existingGroupIds, getCampaign, groupsByTopic, joinCount, listCampaigns } from '../../db/queries/campaigns.ts'
import { resolveWindow, type CampaignCommand, type TypedCampaign } from '../../domain/commands/campaign-args.ts'
import { mayApprove, type CampaignDraft, type CampaignTarget } from '../../domain/campaigns.ts'
import { shortDate, shortDateTime } from '../../domain/time.ts'
import { audit } from '../audit.ts'
import { joinGroupBuy } from '../campaign-participation.ts'
import { approveCampaign, cancel, createCampaign, summarize } from '../campaigns.ts'
import type { AppContext } from '../context.ts'
import type { Caller, Reply } from './types.ts'

const LIST_SIZE = 20

export async function campaignCommand (ctx: AppContext, caller: Caller, command: CampaignCommand): Promise<Reply> {
  const m = ctx.messages
  const zone = caller.group?.timezone ?? ctx.config.DEFAULT_TIMEZONE
  switch (command.action) {
    case 'list':
      return m.campaignList((await listCampaigns(ctx.db, { all: command.all, limit: LIST_SIZE })).map((c) => summarize(ctx, c, zone)))
    case 'show': {
      const c = await getCampaign(ctx.db, command.id)
      if (!c) return m.campaignRefused({ id: command.id, reason: 'not-found' })
      const name = async (id: number | null) => id === null ? null : (await getContact(ctx.db, id))?.displayName ?? null
      return m.campaignShow({
        ...summarize(ctx, c, zone), text: c.text, keyword: c.keyword, winners: c.winners, prize: c.prize, groupSize: c.groupSize,
        groups: (await campaignGroupIds(ctx.db, c.id)).length, entries: (await entriesOf(ctx.db, c.id)).length, joins: await joinCount(ctx.db, c.id),
        createdBy: (await name(c.createdBy)) ?? (c.createdVia === 'chat' ? null : c.createdVia), approvedBy: (await name(c.approvedBy)) ?? c.approvedVia,
      })
    }
    case 'approve': {
      // Drafting and approving are kept apart (SPEC 3.8): a marketer approves nothing, not even their own draft.
      if (!mayApprove(caller.role)) {
        await audit(ctx, caller.contactId, 'campaign.approve', 'denied', { campaignId: command.id, role: caller.role })
        return m.campaignRefused({ id: command.id, reason: 'approve-role' })
      }
      const outcome = await approveCampaign(ctx, command.id, { contactId: caller.contactId, via: 'chat' })
      if (outcome.kind === 'ok') await audit(ctx, caller.contactId, 'campaign.approve', 'ok', { campaignId: command.id })
      switch (outcome.kind) {
        case 'ok': return m.campaignApproved({ ...summarize(ctx, outcome.campaign, zone), groups: outcome.groups })
        case 'not-found': return m.campaignRefused({ id: command.id, reason: 'not-found' })
        case 'ended': return m.campaignRefused({ id: command.id, reason: 'ended' })
        case 'not-draft': return m.campaignRefused({ id: command.id, reason: 'not-draft', status: outcome.campaign.status })
      }
      break
    }
    case 'cancel': {
      const outcome = await cancel(ctx, command.id)
      if (outcome.kind === 'ok') await audit(ctx, caller.contactId, 'campaign.cancel', 'ok', { campaignId: command.id })
      if (outcome.kind === 'ok') return m.campaignCancelled(summarize(ctx, outcome.campaign, zone))
      return outcome.kind === 'not-found'
        ? m.campaignRefused({ id: command.id, reason: 'not-found' })
        : m.campaignRefused({ id: command.id, reason: 'not-cancellable', status: outcome.campaign.status })
    }
    case 'create':
      return create(ctx, caller, command.draft, zone)
  }
}

async function create (ctx: AppContext, caller: Caller, typed: TypedCampaign, zone: string): Promise<Reply> {
  const m = ctx.messages
  const window = resolveWindow(ctx.clock.now(), zone, typed.start, typed.end)
  if (window === null) return m.usage('campaign', 'invalid-date')
  const target = await resolveTarget(ctx, caller, typed)
  if ('unknown' in target) return m.campaignUnknownGroups(target.unknown)
  const draft: CampaignDraft = {
    kind: typed.kind, name: typed.name ?? `${m.campaignKindName(typed.kind)} ${shortDate(window.startsAt, zone)}`, text: typed.text,
    imageUrl: typed.imageUrl, linkUrl: typed.linkUrl, priority: typed.priority, ...window, target,
    keyword: typed.keyword, winners: typed.winners, prize: typed.prize, groupSize: typed.groupSize,
  }
  const outcome = await createCampaign(ctx, draft, { contactId: caller.contactId, via: 'chat', name: caller.name }, `chat-${caller.messageKey}`)
  if (outcome.kind === 'invalid') return m.campaignInvalid(outcome.problems)
  await audit(ctx, caller.contactId, 'campaign.create', 'ok', { campaignId: outcome.campaign.id, kind: typed.kind })
  return m.campaignCreated({ ...summarize(ctx, outcome.campaign, zone), existing: outcome.existing })
}

/** 本群 (the group it is typed in, also the default there), 全部 (the default in a DM), tags, or group names. */
async function resolveTarget (ctx: AppContext, caller: Caller, typed: TypedCampaign): Promise<CampaignTarget | { unknown: string[] }> {
  const t = typed.target ?? (caller.group ? { kind: 'here' as const, word: '' } : { kind: 'all' as const })
  switch (t.kind) {
    case 'all': return { kind: 'all' }
    case 'tags': return { kind: 'tags', tags: t.tags }
    case 'here': return caller.group ? { kind: 'list', groupIds: [caller.group.id] } : { unknown: [t.word] }
    case 'topics': {
      const found = await groupsByTopic(ctx.db, t.topics)
      const unknown = t.topics.filter((topic) => !found.has(topic))
      if (unknown.length > 0) return { unknown }
      return { kind: 'list', groupIds: await existingGroupIds(ctx.db, [...new Set([...found.values()].flat())]) }
    }
  }
}

export async function groupBuyCommand (ctx: AppContext, caller: Caller): Promise<Reply> {
  const msgs = ctx.messages
  const group = caller.group!
  const outcome = await joinGroupBuy(ctx, group.id, caller.contactId)
  const ends = (c: { endsAt: Date }) => shortDateTime(c.endsAt, group.timezone)
  switch (outcome.kind) {
    case 'none': return msgs.groupBuyNone()
    case 'joined': return msgs.groupBuyJoined({ name: outcome.campaign.name, count: outcome.count, size: outcome.campaign.groupSize ?? 0, endsText: ends(outcome.campaign) })
    case 'already': return msgs.groupBuyAlready({ name: outcome.campaign.name, count: outcome.count, size: outcome.campaign.groupSize ?? 0, formed: outcome.formed })
    // The team's message @mentions everyone in it, the joiner too: no second reply.
    case 'formed': return null
    case 'joined-formed': return msgs.groupBuyJoinedFormed({ name: outcome.campaign.name, count: outcome.count })
  }
}
