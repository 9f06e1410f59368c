/** /group: show or change the settings of the group the command is typed in. */
import { getContact } from '../../db/queries/contacts.ts'
import { updateGroup } from '../../db/queries/groups.ts'
import { roleOf, setRole } from '../../db/queries/staff.ts'
import type { Command } from '../../domain/commands/parser.ts'
import { can } from '../../domain/roles.ts'
import { slotAllowed, slotRange } from '../../domain/content-calendar.ts'
import { onScheduleChanged } from '../content-calendar.ts'
import { audit } from '../audit.ts'
import type { AppContext } from '../context.ts'
import { resolveTarget } from './target.ts'
import type { Caller, Reply } from './types.ts'

type GroupCommand = Extract<Command, { name: 'group' }>

export async function groupCommand (ctx: AppContext, caller: Caller, command: GroupCommand): Promise<Reply> {
  const group = caller.group
  if (!group) return ctx.messages.groupNotRegistered()
  const m = ctx.messages
  if (command.action === 'show') {
    const operator = group.operatorId ? await getContact(ctx.db, group.operatorId) : null
    return m.groupShow({
      topic: group.topic, region: group.region, interests: group.interests, operatorName: operator?.displayName ?? null,
      timezone: group.timezone, contentSlot: group.contentSlot, promoSlot: group.promoSlot,
    })
  }
  const detail = { groupId: group.id, field: command.field }
  switch (command.field) {
    case 'region':
      await updateGroup(ctx.db, group.id, { region: command.value })
      await audit(ctx, caller.contactId, 'group.set', 'ok', { ...detail, value: command.value })
      return m.groupUpdated('region', command.value)
    case 'interests':
      await updateGroup(ctx.db, group.id, { interests: command.values })
      await audit(ctx, caller.contactId, 'group.set', 'ok', { ...detail, value: command.values })
      return m.groupUpdated('interests', command.values.join('、'))
    case 'timezone':
      await updateGroup(ctx.db, group.id, { timezone: command.value })
      await audit(ctx, caller.contactId, 'group.set', 'ok', { ...detail, value: command.value })
      // Planned posts move to the same slots in the new timezone.
      await onScheduleChanged(ctx, group.id)
      return m.groupUpdated('timezone', command.value)
    case 'slots':
      // Quiet hours (SPEC 3.2): a slot whose post (plus the group's spread offset) could fall in 22:00-08:00 is refused.
      if (!slotAllowed(command.content, ctx.config.POST_SPREAD_MS) || !slotAllowed(command.promo, ctx.config.POST_SPREAD_MS)) {
        return m.groupSlotQuiet(slotRange(ctx.config.POST_SPREAD_MS))
      }
      await updateGroup(ctx.db, group.id, { contentSlot: command.content, promoSlot: command.promo })
      await audit(ctx, caller.contactId, 'group.set', 'ok', { ...detail, value: [command.content, command.promo] })
      // Planned posts not yet out move to the new slots (today's too, if still to come; at once if the new time passed).
      await onScheduleChanged(ctx, group.id)
      return m.groupUpdated('slots', `${command.content} / ${command.promo}`)
    case 'operator': {
      // Handing a group to someone else decides who runs it: that is a staffing decision (owner/admin).
      if (!can(caller.role, 'role.manage')) {
        await audit(ctx, caller.contactId, 'group.set', 'denied', detail)
        return m.notAllowed('group')
      }
      const target = await resolveTarget(ctx, caller, command.target)
      if (!target) return m.groupOperatorNotFound(command.target)
      if ((await roleOf(ctx.db, target.id)) === 'customer') await setRole(ctx.db, target.id, 'operator', caller.contactId, ctx.clock.now())
      await updateGroup(ctx.db, group.id, { operatorId: target.id })
      await audit(ctx, caller.contactId, 'group.set', 'ok', { ...detail, operatorId: target.id })
      return m.groupUpdated('operator', target.displayName ?? command.target)
    }
  }
}
