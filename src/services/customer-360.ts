/**
 * Customer 360 (SPEC 3.3): one person's profile, groups, orders, coupons, points, referrals and last messages, for
 * the operators' `/客户` command and `GET /api/customers/:id`. Operators see customers of their own groups (a stay
 * now or before); owners, admins and API tokens with the `customers` scope see everyone. Reading it is audited by the
 * callers.
 */
import { and, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { getContact, findContactsByName } from '../db/queries/contacts.ts'
import { contactByPhone } from '../db/queries/orders.ts'
import { balanceOf } from '../db/queries/points.ts'
import { countPending, countQualified } from '../db/queries/referrals.ts'
import { contacts, coupons, groups, memberships, messageLog, orderItems, orders, products, referrals } from '../db/schema/index.ts'
import type { OrderStatus } from '../db/schema/orders.ts'
import { readId } from '../domain/commands/referral-args.ts'
import { normalizePhone } from '../domain/phone.ts'
import type { CustomerCardData } from '../messages/index.ts'
import type { AppContext } from './context.ts'
import { profileOf } from './profile.ts'

const RECENT_ORDERS = 3
const RECENT_MESSAGES = 5

/** What customer 360 shows, as data: the card's fields that need no formatting, plus the raw rows behind the rest. */
export interface Customer360 extends Pick<CustomerCardData, 'id' | 'name' | 'erased' | 'phone' | 'profile' | 'consented' | 'subscribed' | 'friend' | 'coupons' | 'points' | 'referrals'> {
  sourceChannel: string | null
  firstSeenAt: Date
  lastActiveAt: Date | null
  groups: Array<{ id: number, topic: string }>
  /** `count` and `total`: what they bought (refunded and cancelled orders left out); `recent`: every order, with its status. */
  orders: { count: number, total: number, recent: Array<{ id: number, source: string, externalId: string, total: number, paidAt: Date, status: OrderStatus, items: Array<{ sku: string, name: string, qty: number }> }> }
  messages: Array<{ at: Date, direction: 'in' | 'out', text: string | null }>
}

export async function customer360 (ctx: AppContext, contactId: number): Promise<Customer360 | null> {
  const { db } = ctx
  const c = await getContact(db, contactId)
  if (!c) return null
  const now = ctx.clock.now()
  const inGroups = await db.select({ id: groups.id, topic: groups.topic }).from(memberships).innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(memberships.contactId, contactId), isNull(memberships.leftAt))).orderBy(groups.id)
  const [orderTotals] = await db.select({ n: count(), total: sql<number>`coalesce(sum(${orders.total}), 0)::float8` }).from(orders).where(and(eq(orders.contactId, contactId), eq(orders.status, 'paid')))
  const recent = await db.select().from(orders).where(eq(orders.contactId, contactId)).orderBy(desc(orders.paidAt), desc(orders.id)).limit(RECENT_ORDERS)
  const items = recent.length === 0 ? [] : await db.select({ orderId: orderItems.orderId, sku: products.sku, name: products.name, qty: orderItems.qty })
    .from(orderItems).innerJoin(products, eq(products.id, orderItems.productId)).where(inArray(orderItems.orderId, recent.map((o) => o.id))).orderBy(orderItems.id)
  const [couponCounts] = await db.select({
    issued: count(),
    usable: sql<number>`count(*) filter (where ${coupons.status} = 'issued' and (${coupons.expiresAt} is null or ${coupons.expiresAt} > ${now.toISOString()}::timestamptz))::int`,
  }).from(coupons).where(eq(coupons.contactId, contactId))
  const [inviter] = await db.select({ name: contacts.displayName }).from(referrals).innerJoin(contacts, eq(contacts.id, referrals.inviterId))
    .where(and(eq(referrals.inviteeId, contactId), or(eq(referrals.status, 'qualified'), eq(referrals.status, 'pending')))).limit(1)
  const messages = await db.select({ at: messageLog.at, direction: messageLog.direction, text: messageLog.text }).from(messageLog)
    .where(and(eq(messageLog.contactId, contactId), isNull(messageLog.groupId))).orderBy(desc(messageLog.at), desc(messageLog.id)).limit(RECENT_MESSAGES)
  return {
    id: c.id,
    name: c.displayName,
    erased: c.erasedAt !== null,
    phone: c.phone,
    profile: profileOf(c),
    consented: c.consentAt !== null,
    subscribed: c.optedOutAt === null,
    friend: c.isFriend,
    sourceChannel: c.sourceChannel,
    firstSeenAt: c.firstSeenAt,
    lastActiveAt: c.lastActiveAt,
    groups: inGroups,
    orders: {
      count: orderTotals?.n ?? 0,
      total: Math.round((orderTotals?.total ?? 0) * 100) / 100,
      recent: recent.map((o) => ({ id: o.id, source: o.source, externalId: o.externalId, total: o.total, paidAt: o.paidAt, status: o.status, items: items.filter((i) => i.orderId === o.id).map(({ sku, name, qty }) => ({ sku, name, qty })) })),
    },
    coupons: { issued: couponCounts?.issued ?? 0, usable: couponCounts?.usable ?? 0 },
    points: await balanceOf(db, contactId),
    referrals: { qualified: await countQualified(db, contactId), pending: await countPending(db, contactId), invitedBy: inviter?.name ?? null },
    // Their private conversation with the bot, newest last.
    messages: messages.reverse(),
  }
}

/**
 * The customer an operator means: "#12" (CRM id), an exact name only one person has, or a phone only one person has.
 * `scope` limits the answer to people with a stay (now or before) in these groups; null means everyone.
 */
export async function findCustomer (ctx: AppContext, typed: string, scope: number[] | null): Promise<number | null> {
  const byId = typed.startsWith('#') || typed.startsWith('＃') ? readId(typed) : null
  let id: number | null = byId !== null ? ((await getContact(ctx.db, byId)) === null ? null : byId) : null
  if (id === null && byId === null) {
    const named = await findContactsByName(ctx.db, typed)
    if (named.length === 1) id = named[0]!.id
    const phone = named.length === 0 ? normalizePhone(typed) : null
    if (phone !== null) id = await contactByPhone(ctx.db, phone)
  }
  if (id === null || scope === null) return id
  if (scope.length === 0) return null
  const [stay] = await ctx.db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.contactId, id), inArray(memberships.groupId, scope))).limit(1)
  return stay ? id : null
}
