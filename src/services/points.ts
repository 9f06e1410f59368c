/**
 * Points (积分, SPEC 3.6): an append-only ledger whose sum is the balance. Earnings are booked once per cause;
 * spending locks the person first, so two spends at the same moment see each other and the sum stays >= 0.
 */
import { TransactionRollbackError } from 'drizzle-orm'
import type { DbOrTx } from '../db/client.ts'
import { balanceOf, book, findItem, insertExchange, lockPerson, takeOne, type CatalogItem } from '../db/queries/points.ts'
import { getContact } from '../db/queries/contacts.ts'
import { groupsOfContact } from '../db/queries/memberships.ts'
import { stageAlerts } from './alerts.ts'
import type { AppContext } from './context.ts'
import { dispatch, type Staged } from './outbox.ts'

/** Books an earning once per cause; false when that cause was paid before. */
export async function earn (ctx: AppContext, db: DbOrTx, contactId: number, points: number, reason: string, cause: string): Promise<boolean> {
  if (points <= 0) return false
  return book(db, { contactId, delta: points, kind: 'earn', reason, cause, at: ctx.clock.now() })
}

export type AdjustOutcome = { ok: true, balance: number } | { ok: false, balance: number }

/** An operator's correction with a reason; refused when it would take the balance below zero. Once per cause. */
export async function adjust (ctx: AppContext, contactId: number, delta: number, note: string, cause: string): Promise<AdjustOutcome> {
  return ctx.db.transaction(async (tx) => {
    await lockPerson(tx, contactId)
    const balance = await balanceOf(tx, contactId)
    if (balance + delta < 0) return { ok: false, balance }
    await book(tx, { contactId, delta, kind: 'adjust', reason: 'adjust', cause, note, at: ctx.clock.now() })
    return { ok: true, balance: await balanceOf(tx, contactId) }
  })
}

export type ExchangeOutcome =
  | { kind: 'ok', item: CatalogItem, balance: number }
  | { kind: 'not-enough', item: CatalogItem, balance: number }
  | { kind: 'out-of-stock', item: CatalogItem }
  | { kind: 'unknown' }
  | { kind: 'duplicate', item: CatalogItem, balance: number }

/**
 * 兑换: the person is locked, the balance checked, one unit taken from stock (conditional), the exchange and its
 * spend booked, all in one transaction. The same request (chat message) delivered twice exchanges once.
 */
export async function exchange (ctx: AppContext, contactId: number, typed: string, requestKey: string): Promise<ExchangeOutcome> {
  const item = await findItem(ctx.db, typed)
  if (!item) return { kind: 'unknown' }
  const alerts: Staged[] = []
  const outcome = await ctx.db.transaction(async (tx): Promise<ExchangeOutcome> => {
    await lockPerson(tx, contactId)
    const balance = await balanceOf(tx, contactId)
    if (balance < item.cost) return { kind: 'not-enough', item, balance }
    const exchangeId = await insertExchange(tx, { contactId, itemId: item.id, cost: item.cost, requestKey, at: ctx.clock.now() })
    if (exchangeId === null) return { kind: 'duplicate', item, balance }
    // Out of stock: roll the exchange row back with everything else.
    if (!(await takeOne(tx, item.id))) tx.rollback()
    await book(tx, { contactId, delta: -item.cost, kind: 'spend', reason: 'exchange', cause: `exchange-${exchangeId}`, note: item.sku, at: ctx.clock.now() })
    // Someone has to hand the item over: the person's group operator (else the owners) hears of it.
    const [groupId] = await groupsOfContact(tx, contactId)
    const person = await getContact(tx, contactId)
    alerts.push(...await stageAlerts(ctx, tx, groupId ?? null, (m) => m.exchangeStaffAlert({ name: person?.displayName ?? '', itemName: item.name }), `alert-exchange-${exchangeId}`))
    return { kind: 'ok', item, balance: balance - item.cost }
  }).catch((err: unknown): ExchangeOutcome => {
    if (err instanceof TransactionRollbackError) return { kind: 'out-of-stock', item }
    throw err
  })
  for (const a of alerts) await dispatch(ctx, a)
  return outcome
}
