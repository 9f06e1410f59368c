/** The campaign jobs run twice (a retry, a sweep, a duplicate delivery): one transition, one draw, one result. */
import { randomBytes } from 'node:crypto'
import { count, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignGroups, campaigns, contacts, lotteryEntries, outbox } from '../../src/db/schema/index.ts'
import type { App } from '../../src/main.ts'
import { createRunDatabase, type RunDatabase } from '../../src/sandbox/database.ts'
import { announceResult } from '../../src/services/campaign-participation.ts'
import { onCampaignEnd, onCampaignStart } from '../../src/services/campaigns.ts'
import { calendarApp, clockFrom, seedGroups } from '../helpers/calendar-app.ts'
import { TEST_DATABASE_URL } from '../helpers/env.ts'

/** 10:00 in Shanghai: the lottery below ended an hour ago, outside quiet hours. */
const NOW = new Date('2026-12-01T10:00:00+08:00')
let database: RunDatabase
let app: App

beforeAll(async () => {
  database = await createRunDatabase(TEST_DATABASE_URL)
  app = await calendarApp({ databaseUrl: database.url, prefix: `qunbot-test-cjobs-${randomBytes(4).toString('hex')}`, clock: clockFrom(NOW), workers: false })
})
afterAll(async () => {
  await app?.queues.scheduling.obliterate({ force: true })
  await app?.shutdown()
  await database?.drop()
})

describe('campaign jobs', () => {
  it('starts, draws and announces once however often the jobs run', async () => {
    const db = app.ctx.db
    const [groupId] = await seedGroups(app, 1, '10:00')
    const [c] = await db.insert(campaigns).values({
      kind: 'lottery', name: '抽奖', text: '参与', keyword: '抽奖', winners: 2, startsAt: new Date(NOW.getTime() - 5 * 3_600_000), endsAt: new Date(NOW.getTime() - 3_600_000),
      targetKind: 'all', status: 'approved', createdVia: 'test', createdAt: NOW,
    }).returning()
    await db.insert(campaignGroups).values({ campaignId: c!.id, groupId: groupId!, addedAt: NOW })
    for (let i = 0; i < 6; i++) {
      const [who] = await db.insert(contacts).values({ displayName: `客户${i}`, firstSeenAt: NOW }).returning()
      await db.insert(lotteryEntries).values({ campaignId: c!.id, contactId: who!.id, groupId: groupId!, enteredAt: NOW })
    }

    await Promise.all([onCampaignStart(app.ctx, c!.id), onCampaignStart(app.ctx, c!.id)])
    expect((await db.select().from(campaigns).where(eq(campaigns.id, c!.id)))[0]!.status).toBe('running')

    await Promise.all([onCampaignEnd(app.ctx, c!.id), onCampaignEnd(app.ctx, c!.id)])
    const ranks = await db.select({ rank: lotteryEntries.rank }).from(lotteryEntries).where(isNotNull(lotteryEntries.rank))
    await onCampaignEnd(app.ctx, c!.id)
    expect(ranks.map((r) => r.rank).sort()).toEqual([1, 2])
    expect(await db.select({ rank: lotteryEntries.rank }).from(lotteryEntries).where(isNotNull(lotteryEntries.rank))).toEqual(expect.arrayContaining(ranks))
    const [done] = await db.select().from(campaigns).where(eq(campaigns.id, c!.id))
    expect(done).toMatchObject({ status: 'done' })
    expect(done!.drawSeed).not.toBeNull()

    await Promise.all([announceResult(app.ctx, c!.id, groupId!), announceResult(app.ctx, c!.id, groupId!)])
    await announceResult(app.ctx, c!.id, groupId!)
    const results = await db.select({ n: count() }).from(outbox).where(eq(outbox.purpose, 'campaign-result'))
    expect(results[0]!.n).toBe(1)
    const [posted] = await db.select().from(outbox).where(eq(outbox.purpose, 'campaign-result'))
    expect(posted!.mentionIds).toHaveLength(2)
  })
})
