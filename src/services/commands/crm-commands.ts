/** /删除我的数据 (a person's own data) and /客户 (customer 360 for operators), SPEC 3.3. */
import { eraseContact } from '../../db/queries/crm-contacts.ts'
import { lockPerson } from '../../db/queries/points.ts'
import type { Command } from '../../domain/commands/parser.ts'
import { shortDate, shortDateTime } from '../../domain/time.ts'
import { audit } from '../audit.ts'
import type { AppContext } from '../context.ts'
import { customer360, findCustomer } from '../customer-360.ts'
import { reviewScope } from './referral-commands.ts'
import type { Caller, Reply } from './types.ts'

/** Without the confirmation word: what will happen and how to confirm. With it: erase, once. */
export async function eraseMyData (ctx: AppContext, caller: Caller, command: Extract<Command, { name: 'erase' }>): Promise<Reply> {
  if (!command.confirmed) return ctx.messages.eraseConfirm()
  const erased = await ctx.db.transaction(async (tx) => {
    await lockPerson(tx, caller.contactId)
    return eraseContact(tx, caller.contactId, ctx.clock.now())
  })
  // Who erased is not personal data worth keeping: the audit line names the CRM id only.
  await audit(ctx, caller.contactId, 'data.erase', 'ok', { contactId: caller.contactId, already: !erased })
  return ctx.messages.erased()
}

export async function customerCard (ctx: AppContext, caller: Caller, command: Extract<Command, { name: 'customer' }>): Promise<Reply> {
  const m = ctx.messages
  const id = await findCustomer(ctx, command.target, await reviewScope(ctx, caller))
  const c = id === null ? null : await customer360(ctx, id)
  await audit(ctx, caller.contactId, 'customer.view', c ? 'ok' : 'denied', { target: command.target, contactId: c?.id ?? null })
  if (!c) return m.customerNotFound(command.target)
  const zone = ctx.config.DEFAULT_TIMEZONE
  return m.customerCard({
    ...c,
    phone: c.phone === null ? null : maskPhone(c.phone),
    groups: c.groups.map((g) => g.topic),
    orders: { ...c.orders, recent: c.orders.recent.map((o) => ({ at: shortDate(o.paidAt, zone), total: o.total, items: o.items.map((i) => `${i.name}×${i.qty}`).join('、') })) },
    messages: c.messages.map((msg) => ({ at: shortDateTime(msg.at, zone), incoming: msg.direction === 'in', text: msg.text === null ? null : excerpt(msg.text) })),
  })
}

/** The first line of a message, at most 30 characters: the card is an overview. */
function excerpt (text: string): string {
  const line = [...(text.split('\n')[0] ?? '')]
  return line.length > 30 ? `${line.slice(0, 30).join('')}…` : line.join('')
}

/** A phone in a chat reply: the middle digits hidden (138****8000). */
function maskPhone (phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone
}
