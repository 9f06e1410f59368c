/** Behaviours a review found wrong once; each test failed before its fix. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { wechatyChatPort } from '../../src/bot/adapter.ts'
import { linkContact } from '../../src/db/queries/links.ts'
import { markSending, setReserved } from '../../src/db/queries/outbox.ts'
import { roleOf } from '../../src/db/queries/staff.ts'
import { contacts, outbox } from '../../src/db/schema/index.ts'
import { parseCommand } from '../../src/domain/commands/parser.ts'
import { runParsed } from '../../src/services/commands/index.ts'
import { afterFriendAccepted } from '../../src/services/onboarding.ts'
import { enqueueAction, stageAction } from '../../src/services/outbox.ts'
import { releaseSend } from '../../src/services/sender.ts'
import { BASE, runSandbox, sentTo } from '../helpers/sandbox.ts'

describe('review regressions', () => {
  it('a DM is never queued for someone who is not a friend, and a non-friend\'s TD in a group is not announced', async () => {
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', say: { from: 'c2', text: '/help' } },
        { at: '+1m', say: { from: 'c2', group: 'g1', text: 'TD' } },
        { at: '+1m', say: { from: 'c1', group: 'g1', text: '退订' } },
        { at: '+5m' },
      ],
    })
    expect(sentTo(result, { contact: 'c2' })).toEqual([])
    const inGroup = sentTo(result, { group: 'g1' })
    expect(inGroup).toHaveLength(1) // c2's: a neutral acknowledgement; c1 (a friend) is answered by DM
    expect(inGroup[0]).not.toContain('退订')
    expect(sentTo(result, { contact: 'c1' })[0]).toContain('退订')
  })

  it('a command with a NUL character in it is still answered', async () => {
    const result = await runSandbox({ ...BASE, steps: [{ at: '2026-12-01T10:00:00+08:00', say: { from: 'c1', text: '/帮助\u0000' } }, { at: '+5m' }] })
    expect(sentTo(result, { contact: 'c1' })[0]).toContain('/帮助')
  })

  it('sends wait while the account is logged out instead of failing, and go out after the login', async () => {
    let statusWhileOut = ''
    const result = await runSandbox({ ...BASE, steps: [{ at: '+2h' }] }, async (run) => {
      const ctx = run.app.ctx
      await run.puppet.logout()
      await run.settle()
      const c1 = (await linkContact(ctx.db, ctx.account.id, 'c1', null, ctx.clock.now())).id
      const id = (await enqueueAction(ctx, { kind: 'text', purpose: 'test', idemKey: 'while-out', contactId: c1, text: '等你上线' }))!
      await run.advance(new Date(ctx.clock.now().getTime() + 10 * 60_000))
      statusWhileOut = (await ctx.db.select({ s: outbox.status }).from(outbox).where(eq(outbox.id, id)))[0]!.s
      await run.act(() => run.community.mocker.login(run.community.self))
    })
    expect(statusWhileOut).toBe('pending')
    expect(sentTo(result, { contact: 'c1' })).toEqual(['等你上线'])
  })

  it('a friend accept interrupted by a crash is repeated, so the friend flag and the greeting are not lost', async () => {
    let isFriend = false
    const result = await runSandbox({ ...BASE, steps: [{ at: '+10m' }] }, async (run) => {
      const ctx = run.app.ctx
      const c3 = (await linkContact(ctx.db, ctx.account.id, 'c3', '王五', ctx.clock.now())).id
      run.puppet.requestFriendship('c3', '', { deliver: false }) // the request the crashed process was accepting
      const staged = (await stageAction(ctx, ctx.db, { kind: 'accept-friend', purpose: 'friend-accept', idemKey: 'accept-crash', contactId: c3, friendshipId: 'fr-c3-1' }))!
      await setReserved(ctx.db, staged.outboxId, ctx.clock.now())
      await markSending(ctx.db, staged.outboxId, ctx.clock.now()) // ...and the process died here
      await releaseSend(ctx, { chat: wechatyChatPort(run.app.bot!), afterSend: { 'accept-friend': (row) => afterFriendAccepted(ctx, row) } }, staged.outboxId)
      await run.settle()
      isFriend = (await ctx.db.select({ f: contacts.isFriend }).from(contacts).where(eq(contacts.id, c3)))[0]!.f
    })
    expect(result.actions.filter((a) => a.type === 'accept-friend')).toHaveLength(1)
    expect(isFriend).toBe(true)
    // the greeting, the welcome coupon and the consent notice that follow it, once each
    expect(sentTo(result, { contact: 'c3' })).toEqual([expect.stringContaining('感谢添加'), expect.stringContaining('50元无门槛券'), expect.stringContaining('同意请回复「同意」')])
  })

  it('two owners demoting each other at the same moment leave one owner', async () => {
    let owners: string[] = []
    await runSandbox({ ...BASE, staff: [...BASE.staff, { id: 'boss2', name: '二老板', role: 'owner' }], steps: [{ at: '+1m' }] }, async (run) => {
      const ctx = run.app.ctx
      const id = async (p: string) => (await linkContact(ctx.db, ctx.account.id, p, null, ctx.clock.now())).id
      const [a, b] = [await id('boss'), await id('boss2')]
      const caller = (contactId: number, key: string) => ({ contactId, name: null, role: 'owner' as const, group: null, mentionContactIds: [], messageKey: key })
      for (let round = 0; round < 5; round++) {
        await Promise.all([
          runParsed(ctx, caller(a, `a${round}`), parseCommand('/role 二老板 customer') as never),
          runParsed(ctx, caller(b, `b${round}`), parseCommand('/role 老板 customer') as never),
        ])
        owners = [await roleOf(ctx.db, a), await roleOf(ctx.db, b)].filter((r) => r === 'owner')
        expect(owners.length).toBeGreaterThanOrEqual(1)
      }
    })
    expect(owners).toHaveLength(1)
  })
})
