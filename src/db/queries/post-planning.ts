/**
 * The daily-cadence planner's SQL (SPEC 3.2), set-based: one statement plans a local day for every active group,
 * another re-plans a chosen set of slots. Both pick a slot's content the same way (`slotPick`):
 *  - a promo slot goes to the live campaign of the group with the highest priority (then the earliest, then the
 *    lowest id) whose window overlaps that day's posting hours and is not over;
 *  - otherwise to a library item of the slot's kind whose region is empty or the group's, whose interests are empty
 *    or share one with the group's, valid at the due time (validity days: on the group's local day; `validFor`), not retired, and not used by another post of the group
 *    within 30 days before or after (skipped posts do not count), least recently used in the group first, then the
 *    oldest item;
 *  - otherwise to nothing (the post job then skips it and tells the operator).
 * Due time: the slot on that local day in the group's timezone, plus the group's spread offset. A campaign's post
 * goes out, on the day a flash sale, lottery or group-buy starts, at its start (the start notice: members have
 * the whole window to act); otherwise at the slot if the slot is inside its window, else at the first allowed
 * moment of the window that day.
 *
 * Callers hold the planner lock (`lockPlanner`): planning passes and re-plans run one at a time, so the 30-day rule
 * is read and written by one writer. The exactly-once guard is posts_group_day_kind_key.
 */
import { sql, type SQL } from 'drizzle-orm'
import { NO_REPEAT_DAYS, SPREAD_FACTOR, type PostKind } from '../../domain/content-calendar.ts'
import type { DbOrTx } from '../client.ts'
import { campaignSweepNeeded, targetsMissing, unmarkedScheduled } from './campaigns.ts'

export interface SlotRow { id: number, groupId: number, day: string, kind: PostKind, status: string, itemId: number | null, campaignId: number | null, dueAt: Date }

/** Any key will do, as long as every planner uses the same one. */
const PLANNER_LOCK = 0x706c616e // "plan"

/** Serializes planning passes and re-plans until the transaction ends, and tunes the transaction for them. */
export async function lockPlanner (tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${PLANNER_LOCK})`)
  await tunePlanning(tx)
}

/**
 * For the rest of the transaction: the pick looks up each candidate item's last use in the group through
 * posts_group_item_day_idx. On a young table (or one the pass itself is filling) the statistics say "empty" and
 * Postgres scans posts once per candidate instead, which makes a pass quadratic: planning 10,000 groups took 224 s
 * that way and 4 s with the index. JIT is off too: it spent 3 s compiling a statement that runs once.
 */
export async function tunePlanning (tx: DbOrTx): Promise<void> {
  await tx.execute(sql`set local enable_seqscan = off`)
  await tx.execute(sql`set local jit = off`)
}

const toRow = (r: Record<string, unknown>): SlotRow => ({
  id: Number(r.id), groupId: Number(r.group_id), day: String(r.day), kind: r.kind as PostKind, status: String(r.status),
  itemId: r.item_id === null ? null : Number(r.item_id), campaignId: r.campaign_id === null ? null : Number(r.campaign_id),
  dueAt: new Date(Number(r.due_ms)),
})

const RETURNING = sql`returning id, group_id, day::text as day, kind, status, item_id, campaign_id, extract(epoch from due_at) * 1000 as due_ms`

/**
 * The laterals that pick a slot's campaign or item and its due time, for a groups row `g`, a day `d.day` and a kind
 * `k.kind`. `current`: 'none' when planning a new row; 'keep' re-plans an existing row `cur` and keeps its item if
 * it is still eligible (a slot moved, a campaign came or went); 'replace' re-plans `cur` with another item (the row's
 * own item counts as used on that day, so it is never picked again).
 */
function slotPick (now: Date, spreadSeconds: number, current: 'none' | 'keep' | 'replace'): SQL {
  const span = Math.max(1, spreadSeconds)
  const notSelf = current === 'keep' ? sql`and p.id <> cur.id` : sql``
  const currentFirst = current === 'keep' ? sql`(i.id = cur.item_id) desc,` : sql``
  return sql`
    cross join lateral (select
        ((d.day + (case when k.kind = 'content' then g.content_slot else g.promo_slot end)::time) at time zone g.timezone) as slot_at,
        ((d.day + time '08:00') at time zone g.timezone) as opens_at,
        ((d.day + time '22:00') at time zone g.timezone) - make_interval(secs => ${span}) as closes_at,
        make_interval(secs => ((g.id * ${SPREAD_FACTOR}) % ${span})::int) as spread) s
    left join lateral (
      select c.id, case
          when c.kind in ('flash_sale', 'lottery', 'group_buy') and c.starts_at >= s.opens_at and c.starts_at < s.closes_at then c.starts_at
          when s.slot_at >= c.starts_at and s.slot_at < c.ends_at then s.slot_at
          else greatest(c.starts_at, s.opens_at) end as base_at
      from campaign_groups cg join campaigns c on c.id = cg.campaign_id
      where cg.group_id = g.id and k.kind = 'promo' and c.status in ('approved', 'scheduled', 'running')
        and c.starts_at < s.closes_at and c.ends_at > greatest(s.opens_at, ${now.toISOString()}::timestamptz)
      order by c.priority desc, c.starts_at, c.id
      limit 1) camp on true
    left join lateral (
      select i.id from content_items i
      left join lateral (
        select max(p.day) as last_day, min(abs(p.day - d.day)) as nearest from posts p
        where p.group_id = g.id and p.item_id = i.id and p.status <> 'skipped' ${notSelf}) u on true
      where camp.id is null and i.kind = k.kind and i.retired_at is null
        and (i.valid_from is null or i.valid_from <= s.slot_at + s.spread)
        and (i.valid_until is null or i.valid_until > s.slot_at + s.spread)
        -- validity given as days is read in the group's own timezone: d.day is the group's local day
        and (i.valid_from_day is null or i.valid_from_day <= d.day)
        and (i.valid_until_day is null or i.valid_until_day >= d.day)
        and (i.region is null or i.region = g.region)
        and (cardinality(i.interests) = 0 or i.interests && g.interests)
        and (u.nearest is null or u.nearest >= ${NO_REPEAT_DAYS})
      order by ${currentFirst} u.last_day nulls first, i.id
      limit 1) item on true
    cross join lateral (select date_trunc('second', coalesce(camp.base_at, s.slot_at) + s.spread) as due_at) x`
}

/**
 * Plans the local day `offset` days after `now` (0 = today in each group's timezone) for every active group (or
 * those listed) that has no row for it yet. A group registered after a slot's due time that day gets that slot
 * recorded as skipped (`joined-late`) rather than posted at once.
 */
export async function planDay (db: DbOrTx, p: { now: Date, offset: number, spreadSeconds: number, groupIds?: number[] }): Promise<SlotRow[]> {
  const now = p.now.toISOString()
  const only = p.groupIds ? sql`and g.id = any(${sql.param(p.groupIds)}::bigint[])` : sql``
  const rows = await db.execute(sql`
    insert into posts (group_id, day, kind, status, item_id, campaign_id, due_at, planned_at, skip_reason)
    select g.id, d.day, k.kind,
      case when g.created_at > x.due_at then 'skipped' else 'planned' end,
      case when g.created_at > x.due_at then null else (case when camp.id is null then item.id end) end,
      case when g.created_at > x.due_at then null else camp.id end,
      x.due_at, ${now}::timestamptz,
      case when g.created_at > x.due_at then 'joined-late' end
    from groups g
    cross join lateral (select ((${now}::timestamptz at time zone g.timezone)::date + ${p.offset}::int) as day) d
    cross join (values ('content'), ('promo')) as k(kind)
    ${slotPick(p.now, p.spreadSeconds, 'none')}
    where g.active ${only}
      and not exists (select 1 from posts e where e.group_id = g.id and e.day = d.day and e.kind = k.kind)
    -- exactly-once: posts_group_day_kind_key; a second planner (or a retry) inserts nothing
    on conflict (group_id, day, kind) do nothing
    ${RETURNING}`)
  return rows.map(toRow)
}

export interface PlanningWork {
  /** An active group lacks its rows of one of the days, a live campaign a group it targets, or an approved campaign its `scheduled`. */
  plan: boolean
  /** A planned row has no job yet (the fan-out has work). */
  queue: boolean
  /** Something is overdue (the sweep has work). */
  sweep: boolean
}

/**
 * What a planning pass has to do, in one cheap query: whether an active group lacks its rows for one of the local
 * days `offsets` (the same day expression as planDay), a live campaign a group it targets, or an approved campaign
 * holding a slot its `scheduled` mark; whether a planned row has no job; whether the sweep has anything overdue
 * (before `sweepBefore`). Most hourly passes find nothing and stop here.
 */
export async function planningWork (db: DbOrTx, now: Date, offsets: readonly number[], sweepBefore: Date): Promise<PlanningWork> {
  const at = now.toISOString()
  const [row] = await db.execute(sql`select
    exists (
      select 1 from groups g
      cross join unnest(${sql.param([...offsets])}::int[]) as o(n)
      cross join (values ('content'), ('promo')) as k(kind)
      -- offset 0 keeps this a probe of posts_group_day_kind_key per (group, day, kind): as an anti-join Postgres
      -- merged it with all of posts (3 s with 10,000 groups and two months of posts; 0.2 s as probes)
      where g.active and not exists (select 1 from posts e
        where e.group_id = g.id and e.day = (${at}::timestamptz at time zone g.timezone)::date + o.n and e.kind = k.kind offset 0)
    ) or ${targetsMissing(now)} or ${unmarkedScheduled} as plan,
    exists (select 1 from posts where ${UNQUEUED}) as queue,
    exists (select 1 from posts where ${overdue(sweepBefore)}) or ${campaignSweepNeeded(sweepBefore)} as sweep`)
  return { plan: row?.plan === true, queue: row?.queue === true, sweep: row?.sweep === true }
}

/**
 * Re-plans the planned (not yet posted or skipped) rows that `where` selects (alias `cur`), set-based. A row whose
 * due time moves loses its queue mark, so the fan-out queues a job for the new time (the old job finds the time
 * changed and does nothing).
 */
export async function replanSlots (db: DbOrTx, p: { now: Date, spreadSeconds: number, mode: 'keep' | 'replace', where: SQL }): Promise<SlotRow[]> {
  const rows = await db.execute(sql`
    update posts as target set item_id = pk.item_id, campaign_id = pk.campaign_id, due_at = pk.due_at,
      queued_at = case when pk.due_at = target.due_at then target.queued_at end
    from (
      select cur.id, camp.id as campaign_id, case when camp.id is null then item.id end as item_id, x.due_at
      from posts cur
      join groups g on g.id = cur.group_id
      cross join lateral (select cur.day as day) d
      cross join lateral (select cur.kind as kind) k
      ${slotPick(p.now, p.spreadSeconds, p.mode)}
      where cur.status = 'planned' and (${p.where})
    ) pk
    -- conditional update: a row the post job claimed in the meantime is left as posted
    where target.id = pk.id and target.status = 'planned'
    returning target.id, target.group_id, target.day::text as day, target.kind, target.status, target.item_id, target.campaign_id,
      extract(epoch from target.due_at) * 1000 as due_ms`)
  return rows.map(toRow)
}

/**
 * Gives the planned empty slots (no item, no campaign) that `where` selects an item if one fits now: after an
 * item was added, or freed (a campaign took its slot, an operator skipped or replaced it).
 */
export async function refillEmpty (db: DbOrTx, p: { now: Date, spreadSeconds: number, where: SQL }): Promise<SlotRow[]> {
  return replanSlots(db, { ...p, mode: 'keep', where: sql`cur.item_id is null and cur.campaign_id is null and (${p.where})` })
}

const UNQUEUED = sql`status = 'planned' and queued_at is null`
const overdue = (before: Date): SQL => sql`status = 'planned' and queued_at is not null and due_at < ${before.toISOString()}::timestamptz`

/** Planned rows without a job for their current due time, earliest first. */
export async function unqueuedSlots (db: DbOrTx, limit: number): Promise<SlotRow[]> {
  const rows = await db.execute(sql`
    select id, group_id, day::text as day, kind, status, item_id, campaign_id, extract(epoch from due_at) * 1000 as due_ms
    from posts where ${UNQUEUED} order by due_at, id limit ${limit}`)
  return rows.map(toRow)
}

/** Marks rows queued, but only those whose due time is still the one their job was added for. */
export async function markQueued (db: DbOrTx, slots: ReadonlyArray<Pick<SlotRow, 'id' | 'dueAt'>>, now: Date): Promise<number> {
  if (slots.length === 0) return 0
  const rows = await db.execute(sql`
    update posts p set queued_at = ${now.toISOString()}::timestamptz
    from unnest(${sql.param(slots.map((s) => s.id))}::bigint[], ${sql.param(slots.map((s) => s.dueAt.getTime()))}::float8[]) as q(id, due_ms)
    where p.id = q.id and p.status = 'planned' and p.queued_at is null and extract(epoch from p.due_at) * 1000 = q.due_ms
    returning p.id`)
  return rows.length
}

/** Queued rows still planned well after their due time: their job was lost or failed for good. */
export async function overdueSlots (db: DbOrTx, before: Date, limit: number): Promise<SlotRow[]> {
  const rows = await db.execute(sql`
    select id, group_id, day::text as day, kind, status, item_id, campaign_id, extract(epoch from due_at) * 1000 as due_ms
    from posts where ${overdue(before)} order by due_at, id limit ${limit}`)
  return rows.map(toRow)
}
