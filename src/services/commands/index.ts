/**
 * Runs a parsed chat command for a caller: where it may be typed, whether the caller's role allows it
 * (refusals are polite and audited), then the command itself. Returns the reply text.
 */
import { commandSpec, commandsFor, isAllowedWhere } from '../../domain/commands/catalog.ts'
import type { Command, ParseResult } from '../../domain/commands/parser.ts'
import { can } from '../../domain/roles.ts'
import { audit } from '../audit.ts'
import { claim } from '../claim.ts'
import type { AppContext } from '../context.ts'
import { groupCommand } from './group-settings.ts'
import { roleCommand } from './roles.ts'
import { adjustPoints, exchangeItem, points, rewards } from './points-commands.ts'
import { decide, groupLeaderboard, invite, listHeld } from './referral-commands.ts'
import { contentCommand, planCommand } from './content-commands.ts'
import { campaignCommand, groupBuyCommand } from './campaign-commands.ts'
import { subscribe, unsubscribe, whoami } from './self-service.ts'
import { customerCard, eraseMyData } from './crm-commands.ts'
import { myCoupons, verify } from './coupon-commands.ts'
import { batchCommand, issueCommand, reissueCommand, voidCommand } from './coupon-admin-commands.ts'
import type { Caller, Reply } from './types.ts'

export type { Caller } from './types.ts'

export async function runParsed (ctx: AppContext, caller: Caller, parsed: Exclude<ParseResult, { kind: 'none' }>): Promise<Reply> {
  const m = ctx.messages
  if (parsed.kind === 'unknown') return m.unknownCommand(parsed.word)
  if (parsed.kind === 'usage') return m.usage(parsed.name, parsed.reason)
  const command = parsed.command
  const spec = commandSpec(command.name)
  const inGroup = caller.group !== null
  if (!isAllowedWhere(spec, inGroup)) return inGroup ? m.onlyInDm(command.name) : m.onlyInGroup(command.name)
  const isOperatorOfGroup = caller.group?.operatorId === caller.contactId
  const privileged = spec.permission !== null && spec.permission !== 'self.service'
  if (spec.permission !== null && !can(caller.role, spec.permission, { isOperatorOfGroup })) {
    if (privileged) await audit(ctx, caller.contactId, command.name, 'denied', { groupId: caller.group?.id ?? null })
    return m.notAllowed(command.name)
  }
  return run(ctx, caller, command, isOperatorOfGroup)
}

async function run (ctx: AppContext, caller: Caller, command: Command, isOperatorOfGroup: boolean): Promise<Reply> {
  const m = ctx.messages
  switch (command.name) {
    case 'help':
      return m.help(commandsFor(caller.role, { isOperatorOfGroup, inGroup: caller.group !== null }), caller.role)
    case 'claim': {
      const outcome = await claim(ctx, caller.contactId, command.code)
      return outcome === 'ok' ? m.claimOk() : outcome === 'already-owned' ? m.claimAlreadyOwned() : m.claimBad()
    }
    case 'whoami':
      return whoami(ctx, caller)
    case 'group':
      return groupCommand(ctx, caller, command)
    case 'role':
      return roleCommand(ctx, caller, command)
    case 'unsubscribe':
      return unsubscribe(ctx, caller)
    case 'subscribe':
      return subscribe(ctx, caller)
    case 'invite':
      return invite(ctx, caller)
    case 'leaderboard':
      return groupLeaderboard(ctx, caller)
    case 'held':
      return listHeld(ctx, caller)
    case 'approve': case 'reject':
      return decide(ctx, caller, command)
    case 'points':
      return points(ctx, caller)
    case 'rewards':
      return rewards(ctx, caller)
    case 'exchange':
      return exchangeItem(ctx, caller, command)
    case 'adjust':
      return adjustPoints(ctx, caller, command)
    case 'erase':
      return eraseMyData(ctx, caller, command)
    case 'customer':
      return customerCard(ctx, caller, command)
    case 'verify':
      return verify(ctx, caller, command)
    case 'mycoupons':
      return myCoupons(ctx, caller)
    case 'batch':
      return batchCommand(ctx, caller, command)
    case 'issue':
      return issueCommand(ctx, caller, command)
    case 'void':
      return voidCommand(ctx, caller, command)
    case 'reissue':
      return reissueCommand(ctx, caller, command)
    case 'content':
      return contentCommand(ctx, caller, command)
    case 'plan':
      return planCommand(ctx, caller, command)
    case 'campaign':
      return campaignCommand(ctx, caller, command)
    case 'groupbuy':
      return groupBuyCommand(ctx, caller)
  }
}
