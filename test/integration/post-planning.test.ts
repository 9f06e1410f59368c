/** The planner's SQL (SPEC 3.2) on a real database: the 30-day rule, least recently used, tags, validity, campaigns. */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { insertGroup } from '../../src/db/queries/groups.ts'
import { markQueued, planDay, planningWork, type SlotRow } from '../../src/db/queries/post-planning.ts'
import { addTargetGroups, markScheduled } from '../../src/db/queries/campaigns.ts'
import { campaignGroups, campaigns, contentItems, posts } from '../../src/db/schema/index.ts'
import type { App } from '../../src/main.ts'
import { createRunDatabase, type RunDatabase } from '../../src/sandbox/database.ts'
import { addItems } from '../../src/services/content-library.ts'
import { addDays, PLANNED_DAYS, spreadOffsetSeconds } from '../../src/domain/content-calendar.ts'
import { getGroup } from '../../src/db/queries/groups.ts'
import { groupSchedule, replaceSlot } from '../../src/services/content-plan.ts'
import { calendarApp, clockFrom } from '../helpers/calendar-app.ts'
import { TEST_DATABASE_URL } from '../helpers/env.ts'

const NOW = new Date('2026-12-01T07:00:00+08:00')
let database: RunDatabase
let app: App

beforeAll(async () => {
  database = await createRunDatabase(TEST_DATABASE_URL)
  app = await calendarApp({ databaseUrl: database.url, prefix: `qunbot-test-plan-${randomBytes(4).toString('hex')}`, clock: clockFrom(NOW), workers: false })
})
afterAll(async () => {
  await app?.shutdown()
  await database?.drop()
})
beforeEach(async () => {
  await app.ctx.db.execute(sql`truncate posts, campaign_groups, campaigns, content_items, platform_links, groups restart identity cascade`)
})

type Item = { kind?: 'content' | 'promo', text: string, region?: string, interests?: string[], validFrom?: Date, validUntil?: Date, validFromDay?: string, validUntilDay?: string }
const add = (list: Item[]) => addItems(app.ctx, list.map((i) => ({ kind: i.kind ?? 'content', text: i.text, imageUrl: null, linkUrl: null, region: i.region ?? null, interests: i.interests ?? [], validFrom: i.validFrom ?? null, validUntil: i.validUntil ?? null, validFromDay: i.validFromDay ?? null, validUntilDay: i.validUntilDay ?? null })), { contactId: null, source: 'test' })
const group = async (g: { region?: string, interests?: string[], timezone?: string } = {}) => (await insertGroup(app.ctx.db, {
  accountId: app.ctx.account.id, topic: 'g', region: g.region ?? null, interests: g.interests ?? [], timezone: g.timezone ?? 'Asia/Shanghai', createdAt: new Date('2026-11-01T00:00:00Z'),
})).id

/** Plans days `from`..`to` (offsets from NOW) one statement each, as the planner does; returns the content picks by day. */
async function plan (from: number, to: number, kind: 'content' | 'promo' = 'content'): Promise<Array<string | null>> {
  const rows: SlotRow[] = []
  for (let offset = from; offset <= to; offset++) rows.push(...await planDay(app.ctx.db, { now: NOW, offset, spreadSeconds: 0 }))
  const items = new Map((await app.ctx.db.select().from(contentItems)).map((i) => [i.id, i.text]))
  return rows.filter((r) => r.kind === kind).map((r) => r.itemId === null ? null : items.get(r.itemId)!)
}

describe('picking a slot\'s item', () => {
  it('posts an item again in a group 30 days after its last use, not 29', async () => {
    await group()
    await add([{ text: 'only' }])
    const days = await plan(0, 31)
    expect(days[0]).toBe('only')
    expect(days.slice(1, 30).every((d) => d === null)).toBe(true)
    expect(days[30]).toBe('only')
    expect(days[31]).toBeNull()
  })

  it('does not count a skipped post as a use, and looks 30 days ahead as well as back', async () => {
    await group()
    await add([{ text: 'only' }])
    await plan(5, 5)
    expect(await plan(0, 0)).toEqual([null])
    await app.ctx.db.update(posts).set({ status: 'skipped', skipReason: 'operator' })
    expect(await plan(1, 1)).toEqual(['only'])
  })

  it('takes the least recently used item, never-used first, then the oldest', async () => {
    const g = await group()
    await add([{ text: 'A' }, { text: 'B' }, { text: 'C' }])
    // C was posted here 40 days ago, A 35 days ago; B never
    for (const [text, ago] of [['C', 40], ['A', 35]] as const) {
      const [item] = await app.ctx.db.select().from(contentItems).where(sql`${contentItems.text} = ${text}`)
      await app.ctx.db.insert(posts).values({ groupId: g, day: new Date(NOW.getTime() - ago * 86_400_000).toISOString().slice(0, 10), kind: 'content', status: 'posted', itemId: item!.id, dueAt: NOW, plannedAt: NOW })
    }
    expect(await plan(0, 2)).toEqual(['B', 'C', 'A'])
  })

  it('matches an item\'s region and interests to the group\'s, empty meaning any', async () => {
    await group({ region: '成都', interests: ['育儿'] })
    await add([
      { text: 'other region', region: '上海' }, { text: 'other interest', region: '成都', interests: ['美食'] },
      { text: 'shares one interest', interests: ['美食', '育儿'] }, { text: 'for everyone' }, { text: 'this region', region: '成都' },
    ])
    expect((await plan(0, 4)).sort()).toEqual([null, null, 'for everyone', 'shares one interest', 'this region'].sort())
  })

  it('leaves out retired items and items not valid at the slot time', async () => {
    await group()
    await add([
      { text: 'expired', validUntil: new Date('2026-12-01T10:00:00+08:00') },
      { text: 'not yet', validFrom: new Date('2026-12-01T10:00:01+08:00') },
      { text: 'retired' },
      { text: 'valid', validFrom: new Date('2026-12-01T10:00:00+08:00'), validUntil: new Date('2026-12-01T10:00:01+08:00') },
    ])
    await app.ctx.db.update(contentItems).set({ retiredAt: NOW }).where(sql`${contentItems.text} = 'retired'`)
    expect(await plan(0, 0)).toEqual(['valid'])
    expect(await plan(1, 1)).toEqual(['not yet'])
  })
})

describe('/计划: today and the next 7 days', () => {
  it('shows 8 days from today, and changes a slot up to 7 days ahead, not 8', async () => {
    const g = await group()
    await add([{ text: 'A' }])
    const days = await groupSchedule(app.ctx, (await getGroup(app.ctx.db, g))!)
    expect(days.map((d) => d.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(days[0]!.date).toBe('12-01')
    const change = (offset: number) => replaceSlot(app.ctx, g, addDays('2026-12-01', offset), 'content', null)
    expect(await change(7)).toMatchObject({ kind: 'refused', reason: 'none-left' })
    expect(await change(8)).toMatchObject({ kind: 'refused', reason: 'out-of-range' })
    expect(await change(-1)).toMatchObject({ kind: 'refused', reason: 'out-of-range' })
  })
})

describe('validity given as days', () => {
  it('is read in each group\'s own timezone: a one-day item goes out on that local day in Shanghai and in Los Angeles', async () => {
    const shanghai = await group()
    const la = await group({ timezone: 'America/Los_Angeles' })
    await add([{ text: 'dec 2 only', validFromDay: '2026-12-02', validUntilDay: '2026-12-02' }])
    // NOW is 12-01 07:00 in Shanghai, 11-30 15:00 in Los Angeles: offsets 0..3 cover 12-01..12-04 and 11-30..12-03
    const rows: SlotRow[] = []
    for (let offset = 0; offset <= 3; offset++) rows.push(...await planDay(app.ctx.db, { now: NOW, offset, spreadSeconds: 0 }))
    const days = (g: number) => rows.filter((r) => r.groupId === g && r.kind === 'content' && r.itemId !== null).map((r) => r.day)
    expect(days(shanghai)).toEqual(['2026-12-02'])
    expect(days(la)).toEqual(['2026-12-02'])
  })
})

describe('due times', () => {
  it('puts each group\'s posts its own fixed offset after the slot, the same offset the domain computes', async () => {
    const ids = [await group(), await group(), await group()]
    const rows = await planDay(app.ctx.db, { now: NOW, offset: 0, spreadSeconds: 600 })
    for (const id of ids) {
      const content = rows.find((r) => r.groupId === id && r.kind === 'content')!
      expect(content.dueAt.getTime() - Date.parse('2026-12-01T10:00:00+08:00')).toBe(spreadOffsetSeconds(id, 600_000) * 1000)
    }
    expect(new Set(rows.map((r) => r.dueAt.getTime())).size).toBe(6)
  })
})

describe('a campaign in the promo slot', () => {
  async function campaign (c: { name: string, kind?: 'flash_sale' | 'holiday', priority?: number, starts: string, ends: string, status?: 'approved' | 'draft' | 'cancelled' }, groupId: number): Promise<number> {
    const [row] = await app.ctx.db.insert(campaigns).values({
      kind: c.kind ?? 'holiday', name: c.name, text: c.name, priority: c.priority ?? 0, startsAt: new Date(c.starts), endsAt: new Date(c.ends),
      targetKind: 'all', status: c.status ?? 'approved', createdVia: 'test', createdAt: NOW,
    }).returning()
    await app.ctx.db.insert(campaignGroups).values({ campaignId: row!.id, groupId, addedAt: NOW })
    return row!.id
  }
  const promo = async (offset: number, spreadSeconds = 0) => (await planDay(app.ctx.db, { now: NOW, offset, spreadSeconds })).find((r) => r.kind === 'promo')!

  it('goes to the highest priority live campaign of the day, at the slot when the slot is in its window', async () => {
    const g = await group()
    await add([{ kind: 'promo', text: 'library' }])
    await campaign({ name: 'low', priority: 1, starts: '2026-12-01T00:00:00+08:00', ends: '2026-12-02T00:00:00+08:00' }, g)
    const high = await campaign({ name: 'high', priority: 5, starts: '2026-12-01T12:00:00+08:00', ends: '2026-12-01T23:00:00+08:00' }, g)
    await campaign({ name: 'draft', priority: 9, starts: '2026-12-01T00:00:00+08:00', ends: '2026-12-02T00:00:00+08:00', status: 'draft' }, g)
    const slot = await promo(0)
    expect(slot).toMatchObject({ campaignId: high, itemId: null, dueAt: new Date('2026-12-01T20:00:00+08:00') })
  })

  it('posts a flash sale\'s notice at its start, and a campaign that ends before the slot at its first allowed moment', async () => {
    const g = await group()
    const flash = await campaign({ name: 'flash', kind: 'flash_sale', starts: '2026-12-01T13:00:00+08:00', ends: '2026-12-01T14:00:00+08:00' }, g)
    expect(await promo(0)).toMatchObject({ campaignId: flash, dueAt: new Date('2026-12-01T13:00:00+08:00') })
    const morning = await campaign({ name: 'morning', starts: '2026-12-02T06:00:00+08:00', ends: '2026-12-02T12:00:00+08:00' }, g)
    expect(await promo(1)).toMatchObject({ campaignId: morning, dueAt: new Date('2026-12-02T08:00:00+08:00') })
  })

  it('does not give the slot to a campaign whose window misses the day\'s posting hours', async () => {
    const g = await group()
    await add([{ kind: 'promo', text: 'library' }])
    await campaign({ name: 'night', starts: '2026-12-01T22:00:00+08:00', ends: '2026-12-02T07:59:00+08:00' }, g)
    // with a 10-minute spread the last post of a day must start by 21:50
    await campaign({ name: 'late', starts: '2026-12-01T21:55:00+08:00', ends: '2026-12-01T23:00:00+08:00' }, g)
    await campaign({ name: 'over', starts: '2026-11-30T10:00:00+08:00', ends: '2026-12-01T06:59:00+08:00' }, g)
    expect((await promo(0, 600)).campaignId).toBeNull()
    expect((await promo(1, 600)).campaignId).toBeNull()
  })
})

describe('whether a planning pass has work (the hourly pass stops early when not)', () => {
  const work = async () => (await planningWork(app.ctx.db, NOW, PLANNED_DAYS, NOW)).plan
  const pass = async () => {
    for (const offset of PLANNED_DAYS) await planDay(app.ctx.db, { now: NOW, offset, spreadSeconds: 0 })
    await markScheduled(app.ctx.db)
  }

  it('has work while an active group lacks a slot of today or tomorrow, and none once both are planned', async () => {
    expect(await work()).toBe(false)
    const g = await group()
    expect(await work()).toBe(true)
    await planDay(app.ctx.db, { now: NOW, offset: 0, spreadSeconds: 0 })
    expect(await work()).toBe(true)
    await planDay(app.ctx.db, { now: NOW, offset: 1, spreadSeconds: 0 })
    expect(await work()).toBe(false)
    // one missing kind of one day is enough
    await app.ctx.db.execute(sql`delete from posts where group_id = ${g} and kind = 'promo' and day = '2026-12-02'`)
    expect(await work()).toBe(true)
    await app.ctx.db.execute(sql`update groups set active = false`)
    expect(await work()).toBe(false)
  })

  it('has work while a live campaign lacks a group it targets, or an approved one holds a slot', async () => {
    const g = await group({ interests: ['育儿'] })
    await pass()
    expect(await work()).toBe(false)
    const [c] = await app.ctx.db.insert(campaigns).values({
      kind: 'holiday', name: 'c', text: 'c', priority: 0, startsAt: new Date('2026-12-01T12:00:00+08:00'), endsAt: new Date('2026-12-03T00:00:00+08:00'),
      targetKind: 'tags', targetTags: ['育儿'], status: 'approved', createdVia: 'test', createdAt: NOW,
    }).returning()
    expect(await work()).toBe(true)
    await addTargetGroups(app.ctx.db, NOW, null)
    expect(await work()).toBe(false)
    await app.ctx.db.execute(sql`update posts set campaign_id = ${c!.id}, item_id = null where group_id = ${g} and kind = 'promo' and day = '2026-12-01'`)
    expect(await work()).toBe(true)
    await markScheduled(app.ctx.db)
    expect(await work()).toBe(false)
  })

  it('has fan-out work while a planned row has no job, and sweep work while something is overdue', async () => {
    await group()
    const rows = await planDay(app.ctx.db, { now: NOW, offset: 0, spreadSeconds: 0 })
    const at = (before: Date) => planningWork(app.ctx.db, NOW, [0], before)
    expect(await at(NOW)).toEqual({ plan: false, queue: true, sweep: false })
    await markQueued(app.ctx.db, rows, NOW)
    // queued rows due at 10:00 and 20:00: overdue only once their time is before the sweep's cut-off
    expect(await at(new Date('2026-12-01T10:00:00+08:00'))).toEqual({ plan: false, queue: false, sweep: false })
    expect(await at(new Date('2026-12-01T10:00:01+08:00'))).toEqual({ plan: false, queue: false, sweep: true })
    await app.ctx.db.execute(sql`update posts set status = 'skipped', skip_reason = 'operator'`)
    expect(await at(new Date('2026-12-02T00:00:00+08:00'))).toEqual({ plan: false, queue: false, sweep: false })
    // a live campaign whose start passed without its job, and a result due but not announced
    const [c] = await app.ctx.db.insert(campaigns).values({
      kind: 'holiday', name: 'c', text: 'c', priority: 0, startsAt: new Date('2026-12-01T12:00:00+08:00'), endsAt: new Date('2026-12-03T00:00:00+08:00'),
      targetKind: 'list', targetGroupIds: [1], status: 'scheduled', createdVia: 'test', createdAt: NOW,
    }).returning()
    expect((await at(new Date('2026-12-01T12:00:00+08:00'))).sweep).toBe(true)
    expect((await at(new Date('2026-12-01T11:59:59+08:00'))).sweep).toBe(false)
    await app.ctx.db.update(campaigns).set({ status: 'done' })
    expect((await at(new Date('2026-12-01T12:00:00+08:00'))).sweep).toBe(false)
    await app.ctx.db.insert(campaignGroups).values({ campaignId: c!.id, groupId: 1, addedAt: NOW, announceDueAt: new Date('2026-12-01T13:00:00+08:00') })
    expect((await at(new Date('2026-12-01T13:00:00+08:00'))).sweep).toBe(true)
    expect((await at(new Date('2026-12-01T12:59:59+08:00'))).sweep).toBe(false)
  })
})
