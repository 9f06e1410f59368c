/** /points, /rewards, /exchange for customers; /adjust for operators. */
import { activeCatalog, balanceOf, recentEntries } from '../../db/queries/points.ts'
import type { Command } from '../../domain/commands/parser.ts'
import { audit } from '../audit.ts'
import type { AppContext } from '../context.ts'
import { adjust, exchange } from '../points.ts'
import { resolveTarget } from './target.ts'
import type { Caller, Reply } from './types.ts'

const RECENT = 5

export async function points (ctx: AppContext, caller: Caller): Promise<Reply> {
  const recent = await recentEntries(ctx.db, caller.contactId, RECENT)
  return ctx.messages.pointsBalance({
    balance: await balanceOf(ctx.db, caller.contactId),
    recent: recent.map((r) => ({ delta: r.delta, reason: ctx.messages.pointsReason(r.reason as 'referral') })),
  })
}

export async function rewards (ctx: AppContext, caller: Caller): Promise<Reply> {
  const items = await activeCatalog(ctx.db)
  return ctx.messages.rewardsList(items.map((i) => ({ sku: i.sku, name: i.name, cost: i.cost, stock: i.stock })), await balanceOf(ctx.db, caller.contactId))
}

export async function exchangeItem (ctx: AppContext, caller: Caller, command: Extract<Command, { name: 'exchange' }>): Promise<Reply> {
  const m = ctx.messages
  const outcome = await exchange(ctx, caller.contactId, command.item, `msg-${caller.messageKey}`)
  switch (outcome.kind) {
    case 'ok': case 'duplicate': return m.exchangeOk({ itemName: outcome.item.name, cost: outcome.item.cost, balance: outcome.balance })
    case 'not-enough': return m.exchangeNotEnough({ itemName: outcome.item.name, cost: outcome.item.cost, balance: outcome.balance })
    case 'out-of-stock': return m.exchangeOutOfStock(outcome.item.name)
    case 'unknown': return m.exchangeUnknown(command.item)
  }
}

export async function adjustPoints (ctx: AppContext, caller: Caller, command: Extract<Command, { name: 'adjust' }>): Promise<Reply> {
  const target = await resolveTarget(ctx, caller, command.target)
  if (!target) return ctx.messages.roleTargetNotFound(command.target)
  const name = target.displayName ?? command.target
  const outcome = await adjust(ctx, target.id, command.delta, command.reason, `adjust-${caller.messageKey}`)
  await audit(ctx, caller.contactId, 'points.adjust', outcome.ok ? 'ok' : 'denied', { targetId: target.id, delta: command.delta, reason: command.reason })
  return outcome.ok ? ctx.messages.pointsAdjusted({ name, delta: command.delta, balance: outcome.balance }) : ctx.messages.pointsAdjustNegative({ name, balance: outcome.balance })
}
