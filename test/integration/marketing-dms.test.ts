/** The marketing DM gate on the real Postgres: one decision per cause, caps hold under concurrency, skips recorded. */
import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { contacts, marketingDms, outbox, platformLinks } from '../../src/db/schema/index.ts'
import { ensureAccount } from '../../src/db/queries/accounts.ts'
import { markFriend } from '../../src/db/queries/contacts.ts'
import { stageMarketingDm } from '../../src/services/marketing-dms.ts'
import { stageAction } from '../../src/services/outbox.ts'
import { eraseContact } from '../../src/db/queries/crm-contacts.ts'
import { contactIdFor } from '../../src/db/queries/links.ts'
import { sendMarketingDm, type MarketingDmOutcome } from '../../src/services/marketing-dms.ts'
import { runSandbox, sentTo } from '../helpers/sandbox.ts'

const scenario = {
  start: '2026-12-01T10:00:00+08:00',
  groups: [{ id: 'g1', topic: '柏林华人群', timezone: 'Europe/Berlin', members: ['far'] }],
  customers: [
    { id: 'c1', name: '张三', friend: true, consent: true },
    { id: 'c2', name: '李四', friend: false, consent: true },
    { id: 'far', name: '远方', friend: true, consent: true },
  ],
  steps: [{ at: '+1m' }, { at: '+1m' }],
}

describe('marketing DM gate', () => {
  it('lets one of two DMs racing for the same person through today and puts the other off 24 h; a repeat is a no-op', async () => {
    let outcomes: MarketingDmOutcome[] = []
    let repeat: MarketingDmOutcome | null = null
    const result = await runSandbox(scenario, async (run) => {
      const ctx = run.app.ctx
      const c1 = (await contactIdFor(ctx.db, ctx.account.id, 'c1'))!
      outcomes = await Promise.all(['a', 'b', 'c'].map((k) => sendMarketingDm(ctx, { contactId: c1, kind: 'repurchase', cause: `test-${k}`, text: `提醒${k}` })))
      const sentCause = ['a', 'b', 'c'][outcomes.findIndex((o) => o.kind === 'queued')]
      repeat = await sendMarketingDm(ctx, { contactId: c1, kind: 'repurchase', cause: `test-${sentCause}`, text: 'again' })
      expect(await ctx.db.select().from(marketingDms)).toHaveLength(1)
    })
    expect(outcomes.filter((o) => o.kind === 'queued')).toHaveLength(1)
    const deferred = outcomes.filter((o) => o.kind === 'deferred')
    expect(deferred).toHaveLength(2)
    expect(deferred.every((o) => o.kind === 'deferred' && o.reason === 'daily-cap' && o.until.toISOString() === '2026-12-02T02:00:00.000Z')).toBe(true)
    expect(repeat).toEqual({ kind: 'decided-before', status: 'sent' })
    expect(sentTo(result, { contact: 'c1' })).toHaveLength(1)
  })

  it('records a skip with its reason for a non-friend and never queues the DM', async () => {
    let outcome: MarketingDmOutcome | null = null
    let rows: Array<{ status: string, reason: string | null }> = []
    let queued = -1
    await runSandbox(scenario, async (run) => {
      const ctx = run.app.ctx
      const c2 = (await contactIdFor(ctx.db, ctx.account.id, 'c2'))!
      outcome = await sendMarketingDm(ctx, { contactId: c2, kind: 'birthday', cause: 'bday-c2-2026', text: '生日快乐' })
      rows = await ctx.db.select({ status: marketingDms.status, reason: marketingDms.reason }).from(marketingDms)
      queued = (await ctx.db.select().from(outbox)).filter((r) => r.purpose === 'birthday').length
    })
    expect(outcome).toEqual({ kind: 'skipped', reason: 'not-friend' })
    expect(rows).toEqual([{ status: 'skipped', reason: 'not-friend' }])
    expect(queued).toBe(0)
  })

  it('reads the hours in the zone of the person\'s group', async () => {
    let outcome: MarketingDmOutcome | null = null
    await runSandbox(scenario, async (run) => {
      const ctx = run.app.ctx
      const far = (await contactIdFor(ctx.db, ctx.account.id, 'far'))!
      outcome = await sendMarketingDm(ctx, { contactId: far, kind: 'care', cause: 'care-far', text: '使用小贴士' })
    })
    // 10:00 in Shanghai is 03:00 in Berlin: wait for 09:00 there
    expect(outcome).toEqual({ kind: 'deferred', reason: 'outside-hours', until: new Date('2026-12-01T08:00:00Z') })
  })

  it('calls a text composer only when it queues the DM, so what it issues never exists without the DM', async () => {
    const calls: string[] = []
    const compose = (who: string) => async () => { calls.push(who); return `给${who}的券` }
    let outcomes: MarketingDmOutcome[] = []
    const result = await runSandbox(scenario, async (run) => {
      const ctx = run.app.ctx
      const id = async (p: string) => (await contactIdFor(ctx.db, ctx.account.id, p))!
      outcomes = [
        await sendMarketingDm(ctx, { contactId: await id('far'), kind: 'birthday', cause: 'compose-far', text: compose('far') }), // 03:00 in Berlin: deferred
        await sendMarketingDm(ctx, { contactId: await id('c2'), kind: 'birthday', cause: 'compose-c2', text: compose('c2') }), // not a friend: skipped
        await sendMarketingDm(ctx, { contactId: await id('c1'), kind: 'birthday', cause: 'compose-c1', text: compose('c1') }),
      ]
    })
    expect(outcomes.map((o) => o.kind)).toEqual(['deferred', 'skipped', 'queued'])
    expect(calls).toEqual(['c1'])
    expect(sentTo(result, { contact: 'c1' })).toEqual(['给c1的券'])
  })

  it('voids at send time a queued DM to a person who opted out (TD) meanwhile, and on erase all their queued ones', async () => {
    let rows: Array<{ cause: string, status: string, reason: string | null, outbox: string | null, text: string | null }> = []
    const result = await runSandbox(scenario, {
      onStarted: async (run) => {
        const ctx = run.app.ctx
        const c1 = (await contactIdFor(ctx.db, ctx.account.id, 'c1'))!
        const far = (await contactIdFor(ctx.db, ctx.account.id, 'far'))!
        // queued while allowed; the send job runs later on the timeline
        expect((await sendMarketingDm(ctx, { contactId: c1, kind: 'repurchase', cause: 'td-c1', text: '该补货啦' })).kind).toBe('queued')
        await ctx.db.update(contacts).set({ optedOutAt: ctx.clock.now() }).where(eq(contacts.id, c1))
        // 'far' is in Berlin: 03:00 there, so queue by hand as if allowed, then erase before it goes
        const staged = await ctx.db.transaction(async (tx) => {
          const [o] = await tx.insert(outbox).values({ accountId: ctx.account.id, idemKey: 'marketing-erase-far', kind: 'text', purpose: 'care', contactId: far, text: '使用小贴士', createdAt: ctx.clock.now() }).returning()
          await tx.insert(marketingDms).values({ contactId: far, kind: 'care', cause: 'erase-far', status: 'sent', outboxId: o!.id, decidedAt: ctx.clock.now() })
          await eraseContact(tx, far, ctx.clock.now())
          return o!.id
        })
        expect(staged).toBeGreaterThan(0)
      },
      beforeShutdown: async (run) => {
        const db = run.app.ctx.db
        rows = (await db.select({ cause: marketingDms.cause, status: marketingDms.status, reason: marketingDms.reason, outbox: outbox.status, text: outbox.text })
          .from(marketingDms).leftJoin(outbox, eq(outbox.id, marketingDms.outboxId)).orderBy(marketingDms.cause))
      },
    })
    expect(rows).toEqual([
      { cause: 'erase-far', status: 'skipped', reason: 'erased', outbox: 'voided', text: null },
      { cause: 'td-c1', status: 'skipped', reason: 'opted-out', outbox: 'voided', text: null },
    ])
    expect(sentTo(result, { contact: 'c1' })).toEqual([])
    expect(sentTo(result, { contact: 'far' })).toEqual([])
  })

  it('stages a DM on the account the person is a friend of, whichever account\'s process decides it', async () => {
    await runSandbox(scenario, async (run) => {
      const ctx = run.app.ctx
      const db = ctx.db
      const other = await ensureAccount(db, 'other-account')
      const c1 = (await contactIdFor(db, ctx.account.id, 'c1'))!
      await db.insert(platformLinks).values({ accountId: other.id, kind: 'contact', platformId: 'c1-on-other', contactId: c1, linkedAt: ctx.clock.now() })
      expect(await markFriend(db, c1, ctx.clock.now(), other.id)).toBe(false) // a friend already: only the account moves
      const outcome = await db.transaction((tx) => stageMarketingDm(ctx, tx, { contactId: c1, kind: 'care', cause: 'care-c1', text: '使用小贴士' }))
      expect(outcome).toMatchObject({ kind: 'queued', staged: { accountId: other.id } })
      // a friend request is still accepted by the account that received it
      const accept = await stageAction(ctx, db, { kind: 'accept-friend', purpose: 'friend-accept', idemKey: 'accept-x', contactId: c1, friendshipId: 'fr-x' })
      expect(accept!.accountId).toBe(ctx.account.id)
      // a friend with no account on record goes out from the account that knows them
      const far = (await contactIdFor(db, ctx.account.id, 'far'))!
      await db.update(contacts).set({ friendAccountId: null }).where(eq(contacts.id, far))
      const reply = await stageAction(ctx, db, { kind: 'text', purpose: 'reply', idemKey: 'reply-far', contactId: far, text: 'hi' })
      expect(reply!.accountId).toBe(ctx.account.id)
    })
  })
})
