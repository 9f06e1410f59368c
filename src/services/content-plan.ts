/**
 * /计划 (SPEC 3.2): a group's plan for today and the next 7 days, and an operator's changes to one slot (skip it,
 * or post another item). Days already planned show the plan; later days show a forecast, made by running the
 * planner's own SQL in a transaction that is rolled back, so the preview follows exactly the rules the planner
 * will apply (it can still change: new items, campaigns, skips).
 */
import { sql, TransactionRollbackError } from 'drizzle-orm'
import { findSlot, getItem, groupPlan, markSkipped, setSlotItem, usedNear, type PlanEntry, type Post } from '../db/queries/content.ts'
import { getCampaign } from '../db/queries/campaigns.ts'
import { getGroup, type Group } from '../db/queries/groups.ts'
import { lockPlanner, planDay, refillEmpty, replanSlots, tunePlanning } from '../db/queries/post-planning.ts'
import type { DbOrTx, Tx } from '../db/client.ts'
import { addDays, daysBetween, localDay, NO_REPEAT_DAYS, PLAN_DAYS_AHEAD, weekday, type PostKind } from '../domain/content-calendar.ts'
import { formatInZone } from '../domain/time.ts'
import { validFor } from '../domain/content-items.ts'
import type { PlanDay, SlotRefusal } from '../messages/calendar.ts'
import { fanOut, spreadSecondsOf } from './content-calendar.ts'
import type { AppContext } from './context.ts'

/** Today and the next PLAN_DAYS_AHEAD days of a group, planned or forecast. */
export async function groupSchedule (ctx: AppContext, group: Group): Promise<PlanDay[]> {
  const now = ctx.clock.now()
  const today = localDay(now, group.timezone)
  const last = addDays(today, PLAN_DAYS_AHEAD)
  let entries: PlanEntry[] = []
  const forecast = new Set<number>()
  await ctx.db.transaction(async (tx) => {
    await tunePlanning(tx)
    for (let offset = 0; offset <= PLAN_DAYS_AHEAD; offset++) {
      for (const row of await planDay(tx, { now, offset, spreadSeconds: spreadSecondsOf(ctx), groupIds: [group.id] })) forecast.add(row.id)
    }
    entries = await groupPlan(tx, group.id, today, last)
    tx.rollback()
  }).catch((err: unknown) => { if (!(err instanceof TransactionRollbackError)) throw err })
  const days: PlanDay[] = []
  for (let offset = 0; offset <= PLAN_DAYS_AHEAD; offset++) {
    const day = addDays(today, offset)
    const rows = entries.filter((e) => e.day === day)
    days.push({
      date: day.slice(5), weekday: weekday(day), offset, forecast: rows.length > 0 && rows.every((r) => forecast.has(r.id)),
      slots: rows.map((r) => ({
        time: formatInZone(r.dueAt, group.timezone).slice(11, 16), kind: r.kind, state: r.status, skipReason: r.skipReason,
        itemId: r.itemId, itemText: r.itemText, campaignId: r.campaignId, campaignName: r.campaignName,
      })),
    })
  }
  return days
}

export type SlotOutcome =
  | { kind: 'ok', date: string, post: Post, itemText?: string }
  | { kind: 'refused', date: string, reason: SlotRefusal, campaignName?: string | null }

/** The row of (group, day, kind), planning that day for the group first if it is not planned yet. */
async function slotFor (ctx: AppContext, tx: DbOrTx, group: Group, day: string, kind: PostKind): Promise<Post | null> {
  const offset = daysBetween(localDay(ctx.clock.now(), group.timezone), day)
  if (offset < 0 || offset > PLAN_DAYS_AHEAD) return null
  await planDay(tx, { now: ctx.clock.now(), offset, spreadSeconds: spreadSecondsOf(ctx), groupIds: [group.id] })
  return findSlot(tx, group.id, day, kind)
}

/** The slot's old item is free again: the group's empty slots of that kind may take it. */
async function refillGroup (ctx: AppContext, tx: DbOrTx, groupId: number, kind: PostKind): Promise<void> {
  await refillEmpty(tx, { now: ctx.clock.now(), spreadSeconds: spreadSecondsOf(ctx), where: sql`cur.group_id = ${groupId} and cur.kind = ${kind}` })
}

/**
 * Runs an operator's change of one planned slot under the planner lock: the slot is planned first if its day is
 * not yet (today to PLAN_DAYS_AHEAD days ahead), a slot already posted or skipped is refused, and the jobs follow.
 */
async function changeSlot (ctx: AppContext, groupId: number, day: string, kind: PostKind, change: (tx: Tx, slot: Post, date: string) => Promise<SlotOutcome>): Promise<SlotOutcome> {
  const group = (await getGroup(ctx.db, groupId))!
  const date = day.slice(5)
  const outcome = await ctx.db.transaction(async (tx): Promise<SlotOutcome> => {
    await lockPlanner(tx)
    const slot = await slotFor(ctx, tx, group, day, kind)
    if (!slot) return { kind: 'refused', date, reason: 'out-of-range' }
    if (slot.status !== 'planned') return { kind: 'refused', date, reason: slot.status === 'posted' ? 'posted' : 'skipped' }
    return change(tx, slot, date)
  }).catch((err: unknown): SlotOutcome => {
    // A change that finds nothing better rolls back and keeps the slot as it was.
    if (err instanceof TransactionRollbackError) return { kind: 'refused', date, reason: 'none-left' }
    throw err
  })
  await fanOut(ctx)
  return outcome
}

/** An operator skips one slot: nothing is posted then, and its item is free for other days. */
export async function skipSlot (ctx: AppContext, groupId: number, day: string, kind: PostKind, by: number): Promise<SlotOutcome> {
  return changeSlot(ctx, groupId, day, kind, async (tx, slot, date) => {
    const skipped = await markSkipped(tx, slot.id, 'operator', by)
    if (!skipped) return { kind: 'refused', date, reason: 'posted' }
    await refillGroup(ctx, tx, groupId, kind)
    return { kind: 'ok', date, post: skipped }
  })
}

/**
 * An operator replaces one slot's item: with the item they name (of the slot's kind, in the library, valid then and
 * not posted in the group within 30 days; their choice may ignore the group's tags), or with the next one the
 * planner would pick. A campaign's slot is marketing's: it is not replaced here.
 */
export async function replaceSlot (ctx: AppContext, groupId: number, day: string, kind: PostKind, itemId: number | null): Promise<SlotOutcome> {
  return changeSlot(ctx, groupId, day, kind, async (tx, slot, date) => {
    if (slot.campaignId !== null) {
      return { kind: 'refused', date, reason: 'campaign', campaignName: (await getCampaign(tx, slot.campaignId))?.name ?? null }
    }
    if (itemId !== null) {
      const item = await getItem(tx, itemId)
      const usable = item !== null && item.kind === kind && item.retiredAt === null && validFor(item, day, slot.dueAt) &&
        !(await usedNear(tx, groupId, itemId, day, NO_REPEAT_DAYS, slot.id))
      if (!usable || !(await setSlotItem(tx, slot.id, itemId))) return { kind: 'refused', date, reason: 'item-unusable' }
      await refillGroup(ctx, tx, groupId, kind)
      return { kind: 'ok', date, post: { ...slot, itemId }, itemText: item.text }
    }
    const [next] = await replanSlots(tx, { now: ctx.clock.now(), spreadSeconds: spreadSecondsOf(ctx), mode: 'replace', where: sql`cur.id = ${slot.id}` })
    // Nothing else fits: keep the item that was planned rather than leave the slot empty.
    if (!next || next.itemId === null) tx.rollback()
    await refillGroup(ctx, tx, groupId, kind)
    const item = await getItem(tx, next!.itemId!)
    return { kind: 'ok', date, post: { ...slot, itemId: next!.itemId }, itemText: item?.text ?? '' }
  })
}
