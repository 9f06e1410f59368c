/** First sight of a person or a room from several events at once: one CRM row, no orphans, no errors. */
import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { linkContact } from '../../src/db/queries/links.ts'
import { contacts, groups, platformLinks } from '../../src/db/schema/index.ts'
import { registerGroup } from '../../src/services/community.ts'
import { runSandbox } from '../helpers/sandbox.ts'

describe('identity under concurrency', () => {
  it('20 events seeing a new person at once make one contact and one link', async () => {
    let ids: number[] = []
    let contactRows = -1
    await runSandbox({ start: '2026-12-01T10:00:00+08:00', steps: [{ at: '+1m' }] }, async (run) => {
      const ctx = run.app.ctx
      const before = (await ctx.db.select({ n: count() }).from(contacts))[0]!.n
      const results = await Promise.all(Array.from({ length: 20 }, () => linkContact(ctx.db, ctx.account.id, 'new-person', '新人', ctx.clock.now())))
      ids = results.map((r) => r.id)
      expect(results.filter((r) => r.created)).toHaveLength(1)
      contactRows = (await ctx.db.select({ n: count() }).from(contacts))[0]!.n - before
    })
    expect(new Set(ids).size).toBe(1)
    expect(contactRows).toBe(1)
  })

  it('10 events seeing a new room at once register one group', async () => {
    let groupIds: number[] = []
    let links = -1
    await runSandbox({ start: '2026-12-01T10:00:00+08:00', steps: [{ at: '+1m' }] }, async (run) => {
      const ctx = run.app.ctx
      const room = { platformId: 'new-room@chatroom', topic: '新群' }
      const results = await Promise.all(Array.from({ length: 10 }, () => registerGroup(ctx, room, { topic: '新群' }, [])))
      groupIds = results.map((g) => g.id)
      links = (await ctx.db.select({ n: count() }).from(platformLinks).where(eq(platformLinks.platformId, room.platformId)))[0]!.n
      const orphans = await ctx.db.select({ n: count() }).from(groups).where(eq(groups.topic, '新群'))
      expect(orphans[0]!.n).toBe(1)
    })
    expect(new Set(groupIds).size).toBe(1)
    expect(links).toBe(1)
  })
})
