/** The welcome batch under concurrency, against the real Postgres: nobody falls between two batches, and a flush run twice posts once. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { groupIdFor, linkContact } from '../../src/db/queries/links.ts'
import { openMembership } from '../../src/db/queries/memberships.ts'
import { outbox } from '../../src/db/schema/index.ts'
import { flushNotices, stageNotice } from '../../src/services/group-notices.ts'
import type { AppContext } from '../../src/services/context.ts'
import type { DbOrTx } from '../../src/db/client.ts'
import { runSandbox } from '../helpers/sandbox.ts'

const scenario = { start: '2026-12-01T10:00:00+08:00', groups: [{ id: 'g1', topic: '群' }], steps: [{ at: '+10m' }] }

/** What a join does for the welcome: open the stay and add it to the group's welcome batch. */
async function join (ctx: AppContext, tx: DbOrTx, groupId: number, contactId: number): Promise<{ batchId: number } | null> {
  const membershipId = (await openMembership(tx, { groupId, contactId, joinedAt: ctx.clock.now(), inviterId: null, source: 'join' }))!
  const timer = await stageNotice(ctx, tx, { groupId, kind: 'welcome', contactId, cause: `welcome-${membershipId}`, data: { type: 'welcome', membershipId } })
  return timer ? { batchId: timer.batchId } : null
}

describe('welcome batch', () => {
  it('a join that commits while the flush runs is in that welcome or the next, never lost', async () => {
    let mentionSets: number[][] = []
    let joinerId = 0
    await runSandbox(scenario, async (run) => {
      const { ctx } = run.app
      const db = ctx.db
      const groupId = (await groupIdFor(db, ctx.account.id, 'g1@chatroom'))!
      const now = ctx.clock.now()
      const first = await linkContact(db, ctx.account.id, 'p1', '甲', now)
      const joiner = await linkContact(db, ctx.account.id, 'p2', '乙', now)
      joinerId = joiner.id
      // the first join opens a batch
      const batch = (await db.transaction((tx) => join(ctx, tx, groupId, first.id)))!
      // a second join holds the batch row while the flush starts
      let release!: () => void
      const gate = new Promise<void>((resolve) => { release = resolve })
      let joined!: () => void
      const inBatch = new Promise<void>((resolve) => { joined = resolve })
      const second = db.transaction(async (tx) => {
        await join(ctx, tx, groupId, joiner.id)
        joined()
        await gate
      })
      await inBatch
      const flush = flushNotices(ctx, batch.batchId)
      await new Promise((r) => setTimeout(r, 100)) // let the flush reach the locked row
      release()
      await Promise.all([second, flush])
      await flushNotices(ctx, batch.batchId) // the job run twice
      mentionSets = (await db.select({ m: outbox.mentionIds }).from(outbox).where(eq(outbox.purpose, 'welcome'))).map((r) => r.m)
    })
    expect(mentionSets).toHaveLength(1)
    expect(mentionSets[0]).toContain(joinerId)
  })

  it('flushing a batch twice stages one welcome', async () => {
    let rows = 0
    await runSandbox({ ...scenario, steps: [{ at: '+10s', join: { group: 'g1', contact: 'x' } }, { at: '+5m' }] }, {
      beforeShutdown: async (run) => {
        const batchId = 1
        await flushNotices(run.app.ctx, batchId)
        await flushNotices(run.app.ctx, batchId)
        rows = (await run.app.ctx.db.select().from(outbox).where(eq(outbox.purpose, 'welcome'))).length
      },
    })
    expect(rows).toBe(1)
  })
})
