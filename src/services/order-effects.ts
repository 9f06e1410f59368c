/**
 * What an order causes in the CRM (SPEC 3.6, 3.7), the same for an order from the API, a CSV import or an order
 * linked to its customer later: points for the purchase (once per order), the cancellation of a planned reminder of
 * a product bought again, the conversion of a reminder answered by a purchase within the window, and the customer's
 * last activity. Everything runs inside the caller's transaction and is set-based, so it commits with the orders.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../db/client.ts'
import { bookOrderPoints, cancelSupersededReminders, convertReminders, idList, linkOrdersByPlatformId, touchLastActiveByOrders } from '../db/queries/order-effects.ts'
import { lockPerson } from '../db/queries/points.ts'
import type { AppContext } from './context.ts'

export type EffectsContext = Pick<AppContext, 'config' | 'clock'>

export interface OrderEffects { points: number, cancelled: number, converted: number }

/** Applies the effects of the orders `orders` (an SQL subquery of order ids); orders without a customer cause nothing. */
export async function applyOrderEffects (ctx: EffectsContext, tx: DbOrTx, orders: SQL): Promise<OrderEffects> {
  const now = ctx.clock.now()
  const points = await bookOrderPoints(tx, orders, ctx.config.ORDER_POINTS_PER_YUAN, now)
  const cancelled = await cancelSupersededReminders(tx, orders, now)
  const converted = await convertReminders(tx, orders, ctx.config.REMINDER_CONVERSION_DAYS)
  await touchLastActiveByOrders(tx, orders)
  return { points, cancelled, converted }
}

/**
 * Inside recordOrder's transaction. The customer is locked first: the reminder sender locks them too, so a purchase
 * and the reminder of the same product never pass each other (the purchase either cancels the planned reminder or
 * converts the sent one).
 */
export async function onOrderForCrm (ctx: EffectsContext, tx: DbOrTx, orderId: number, contactId: number | null): Promise<void> {
  if (contactId === null) return
  await lockPerson(tx, contactId)
  await applyOrderEffects(ctx, tx, sql`select ${orderId}::bigint`)
}

/** A contact seen for the first time under a platform id: the unmatched orders that named it are theirs now. */
export async function linkOrdersOfNewContact (ctx: AppContext, contactId: number, platformId: string): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const linked = await linkOrdersByPlatformId(tx, contactId, platformId)
    if (linked.length === 0) return 0
    await lockPerson(tx, contactId)
    await applyOrderEffects(ctx, tx, idList(linked))
    ctx.logger.info({ contactId, orders: linked.length }, 'unmatched orders linked')
    return linked.length
  })
}
