/** /内容 (the content library) and /计划 (a group's posting plan), SPEC 3.2. */
import { getContact } from '../../db/queries/contacts.ts'
import { getItem, itemUsage, listItems } from '../../db/queries/content.ts'
import type { ContentCommand, PlanCommand } from '../../domain/commands/content-args.ts'
import { resolveDay } from '../../domain/content-calendar.ts'
import { contentProblems, type ContentInput } from '../../domain/content-items.ts'
import { shortDate } from '../../domain/time.ts'
import { audit } from '../audit.ts'
import { addItems, retire } from '../content-library.ts'
import { groupSchedule, replaceSlot, skipSlot } from '../content-plan.ts'
import type { AppContext } from '../context.ts'
import type { Caller, Reply } from './types.ts'

const PAGE_SIZE = 10

export async function contentCommand (ctx: AppContext, caller: Caller, command: ContentCommand): Promise<Reply> {
  const m = ctx.messages
  const zone = caller.group?.timezone ?? ctx.config.DEFAULT_TIMEZONE
  switch (command.action) {
    case 'list': {
      const { total, items } = await listItems(ctx.db, command.kind, PAGE_SIZE, (command.page - 1) * PAGE_SIZE)
      return m.contentList({ kind: command.kind, total, items: items.map((i) => ({ id: i.id, kind: i.kind, text: i.text, region: i.region, interests: i.interests })) })
    }
    case 'show': {
      const item = await getItem(ctx.db, command.id)
      if (!item) return m.contentNotFound(command.id)
      const usage = await itemUsage(ctx.db, item.id)
      const author = item.authorId ? (await getContact(ctx.db, item.authorId))?.displayName ?? null : null
      return m.contentShow({
        id: item.id, kind: item.kind, text: item.text, region: item.region, interests: item.interests, imageUrl: item.imageUrl, linkUrl: item.linkUrl,
        validFrom: item.validFromDay?.slice(5) ?? (item.validFrom ? shortDate(item.validFrom, zone) : null),
        // validUntil is the first moment it is no longer valid: the last valid day is the one before.
        validUntil: item.validUntilDay?.slice(5) ?? (item.validUntil ? shortDate(new Date(item.validUntil.getTime() - 1), zone) : null),
        author: author ?? (item.source === 'chat' ? null : item.source), retired: item.retiredAt !== null,
        posts: usage.posts, groups: usage.groups, lastDay: usage.lastDay?.slice(5) ?? null,
      })
    }
    case 'retire': {
      const item = await getItem(ctx.db, command.id)
      if (!item) return m.contentNotFound(command.id)
      // The library is shared by every group: an operator retires their own items; marketers, admins, owners any.
      if (caller.role === 'operator' && item.authorId !== caller.contactId) {
        await audit(ctx, caller.contactId, 'content.retire', 'denied', { itemId: item.id })
        return m.contentNotYours(item.id)
      }
      const outcome = await retire(ctx, item.id, caller.contactId)
      if (outcome.kind !== 'ok') return m.contentNotFound(command.id)
      await audit(ctx, caller.contactId, 'content.retire', 'ok', { itemId: item.id, replanned: outcome.replanned })
      return m.contentRetired(item.id)
    }
    case 'add': {
      const t = command.item
      const now = ctx.clock.now()
      const from = t.validFrom ? resolveDay(now, zone, t.validFrom) : null
      const until = t.validUntil ? resolveDay(now, zone, t.validUntil) : null
      if ((t.validFrom && from === null) || (t.validUntil && until === null)) return m.usage('content', 'invalid-date')
      const input: ContentInput = {
        kind: t.kind, text: t.text, imageUrl: t.imageUrl, linkUrl: t.linkUrl, region: t.region, interests: t.interests,
        // Whole days, both included ("until 12-31" includes the 31st), each group's own: the library is shared.
        validFrom: null, validUntil: null, validFromDay: from, validUntilDay: until,
      }
      const problems = contentProblems(input)
      if (problems.length > 0) return m.contentInvalid(problems)
      const result = await addItems(ctx, [input], { contactId: caller.contactId, source: 'chat' })
      const item = result.added[0] ?? result.existing[0]!
      await audit(ctx, caller.contactId, 'content.add', 'ok', { itemId: item.id, duplicate: result.added.length === 0 })
      return m.contentAdded({ id: item.id, kind: item.kind, region: item.region, interests: item.interests, duplicate: result.added.length === 0 })
    }
  }
}

export async function planCommand (ctx: AppContext, caller: Caller, command: PlanCommand): Promise<Reply> {
  const m = ctx.messages
  const group = caller.group!
  if (command.action === 'show') return m.planView({ topic: group.topic, timezone: group.timezone, days: await groupSchedule(ctx, group) })
  const day = resolveDay(ctx.clock.now(), group.timezone, command.day)
  if (day === null) return m.usage('plan', 'invalid-date')
  const outcome = command.action === 'skip'
    ? await skipSlot(ctx, group.id, day, command.kind, caller.contactId)
    : await replaceSlot(ctx, group.id, day, command.kind, command.itemId)
  if (outcome.kind === 'ok') await audit(ctx, caller.contactId, `plan.${command.action}`, 'ok', { groupId: group.id, day, kind: command.kind, itemId: outcome.post.itemId })
  if (outcome.kind === 'refused') return m.planRefused({ date: outcome.date, kind: command.kind, reason: outcome.reason, campaignName: outcome.campaignName })
  return command.action === 'skip'
    ? m.planSkipped({ date: outcome.date, kind: command.kind })
    : m.planReplaced({ date: outcome.date, kind: command.kind, itemId: outcome.post.itemId!, text: outcome.itemText ?? '' })
}
