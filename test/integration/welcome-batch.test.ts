/** The welcome batch under concurrency, against the real Postgres: nobody falls between two batches, and a flush run twice posts once. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { groupIdFor, linkContact } from '../../src/db/queries/links.ts'
import { attachToWelcomeBatch, openMembership, openOrJoinWelcomeBatch } from '../../src/db/queries/memberships.ts'
import { outbox } from '../../src/db/schema/index.ts'
import { flushWelcome } from '../../src/services/onboarding.ts'
import { runSandbox } from '../helpers/sandbox.ts'

const scenario = { start: '2026-12-01T10:00:00+08:00', groups: [{ id: 'g1', topic: '群' }], steps: [{ at: '+10m' }] }

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
      const batch = await db.transaction(async (tx) => {
        const m = (await openMembership(tx, { groupId, contactId: first.id, joinedAt: now, inviterId: null, source: 'join' }))!
        const b = await openOrJoinWelcomeBatch(tx, groupId, now)
        await attachToWelcomeBatch(tx, m, b.id)
        return b
      })
      // a second join holds the batch row while the flush starts
      let release!: () => void
      const gate = new Promise<void>((resolve) => { release = resolve })
      let joined!: () => void
      const inBatch = new Promise<void>((resolve) => { joined = resolve })
      const join = db.transaction(async (tx) => {
        const m = (await openMembership(tx, { groupId, contactId: joiner.id, joinedAt: now, inviterId: null, source: 'join' }))!
        const b = await openOrJoinWelcomeBatch(tx, groupId, now)
        await attachToWelcomeBatch(tx, m, b.id)
        joined()
        await gate
      })
      await inBatch
      const flush = flushWelcome(ctx, batch.id)
      await new Promise((r) => setTimeout(r, 100)) // let the flush reach the locked row
      release()
      await Promise.all([join, flush])
      await flushWelcome(ctx, batch.id) // the job run twice
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
        await flushWelcome(run.app.ctx, batchId)
        await flushWelcome(run.app.ctx, batchId)
        rows = (await run.app.ctx.db.select().from(outbox).where(eq(outbox.purpose, 'welcome'))).length
      },
    })
    expect(rows).toBe(1)
  })
})
