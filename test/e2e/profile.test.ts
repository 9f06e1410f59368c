/** The consent notice and profile questions on friendship, delete-my-data, and customer 360 for operators (SPEC 3.3). */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactIdFor } from '../../src/db/queries/links.ts'
import { auditLog, contacts, messageLog, outbox } from '../../src/db/schema/index.ts'
import type { AppContext } from '../../src/services/context.ts'
import { onFriendConfirmed } from '../../src/services/onboarding.ts'
import { BASE, contentAlert, runSandbox, sentTo } from '../helpers/sandbox.ts'

const say = (from: string, text: string, at = '+1m') => ({ at, say: { from, text } })
/** The CRM row of a scenario person, read before the run's database goes. */
async function contactRow (ctx: AppContext, id: string): Promise<typeof contacts.$inferSelect | undefined> {
  return (await ctx.db.select().from(contacts).where(eq(contacts.id, (await contactIdFor(ctx.db, ctx.account.id, id))!)))[0]
}

describe('consent notice and profile questions', () => {
  it('greets a new friend, asks consent with the purpose, then one question at a time; answers fill the profile', async () => {
    let c3: typeof contacts.$inferSelect | undefined
    let c4: typeof contacts.$inferSelect | undefined
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', friend: { contact: 'c3' } },
        { at: '+1m', friend: { contact: 'c4' } },
        say('c3', '你们收集这些干嘛'),
        say('c3', '同意'),
        say('c3', '我在成都'),
        say('c3', '育儿，美食'),
        say('c3', '跳过'),
        say('c3', '28岁'),
        say('c3', '/我的资料'),
        say('c4', '不用了'),
        say('c4', '谢谢'),
        { at: '+5m' },
      ],
    }, {
      beforeShutdown: async (run) => {
        c3 = await contactRow(run.app.ctx, 'c3')
        c4 = await contactRow(run.app.ctx, 'c4')
      },
    })
    // the welcome coupon's DM comes between the greeting and the notice (docs/COUPONS.md); this test is about the rest
    const toC3 = sentTo(result, { contact: 'c3' }).filter((t) => !t.includes('新人专享'))
    expect(toC3[0]).toContain('王五，你好')
    // the notice: what is collected, why, how to decline, how to delete, and how to agree
    expect(toC3[1]).toMatch(/城市、兴趣、生日（可不填）和年龄段/)
    expect(toC3[1]).toMatch(/用途/)
    expect(toC3[1]).toMatch(/不用了/)
    expect(toC3[1]).toMatch(/删除我的数据/)
    expect(toC3.slice(2)).toEqual([
      expect.stringMatching(/回复「同意」/), // not an answer: asked again
      expect.stringMatching(/哪个城市/),
      expect.stringMatching(/感兴趣/),
      expect.stringMatching(/生日/),
      expect.stringMatching(/年龄段/),
      expect.stringMatching(/资料填好啦/),
      expect.stringMatching(/城市：成都[\s\S]*兴趣：育儿、美食[\s\S]*生日：未填写[\s\S]*年龄段：25-34岁/),
    ])
    expect(c3).toMatchObject({ city: '成都', interests: ['育儿', '美食'], birthday: null, ageRange: '25-34', profileStep: null })
    expect(c3!.consentAt).not.toBeNull()
    // declining is fine: no consent, no more questions, and later chat is just chat
    const toC4 = sentTo(result, { contact: 'c4' }).filter((t) => !t.includes('新人专享'))
    expect(toC4).toHaveLength(3)
    expect(toC4[2]).toMatch(/不打扰你/)
    expect(c4).toMatchObject({ consentAt: null, profileStep: null })
  })

  it('while a question is open, chat stays chat and commands run as commands; only an answer is recorded', async () => {
    let c3: typeof contacts.$inferSelect | undefined
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', friend: { contact: 'c3' } },
        say('c3', '同意'),
        say('c3', '奶粉什么时候发货？'), // the city question is open: this is not a city
        say('c3', '/我的资料'),
        say('c3', 'TD'),
        say('c3', '成都'),
        { at: '+5m' },
      ],
    }, {
      beforeShutdown: async (run) => {
        c3 = await contactRow(run.app.ctx, 'c3')
      },
    })
    const toC3 = sentTo(result, { contact: 'c3' }).filter((t) => !t.includes('新人专享'))
    const afterConsent = toC3.slice(toC3.findIndex((t) => /哪个城市/.test(t)))
    expect(afterConsent).toEqual([
      expect.stringMatching(/哪个城市/),
      expect.stringMatching(/城市：未填写/), // the command's answer, nothing for the chat
      expect.stringMatching(/退订/),
      expect.stringMatching(/感兴趣/),
    ])
    expect(c3).toMatchObject({ city: '成都', profileStep: 'interests' })
    expect(c3!.optedOutAt).not.toBeNull()
  })

  it('a friend from before the CRM gets the consent notice on their first DM, once; a consented one is not asked', async () => {
    const result = await runSandbox({
      ...BASE,
      customers: [...BASE.customers.filter((c) => c.id !== 'c2'), { id: 'c2', name: '李四', friend: true }],
      steps: [
        say('c2', '你好', '2026-12-01T10:00:00+08:00'),
        say('c2', '在吗？'),
        say('c1', '你好'),
        say('clerk', '你好'),
        { at: '+5m' },
      ],
    })
    expect(sentTo(result, { contact: 'clerk' })).toEqual([]) // staff are not customers to ask
    const toC2 = sentTo(result, { contact: 'c2' })
    expect(toC2).toHaveLength(1)
    expect(toC2[0]).toMatch(/删除我的数据/)
    expect(sentTo(result, { contact: 'c1' })).toEqual([])
  })

  it('a friendship the platform confirms gets the consent notice once, however often it is reported', async () => {
    let notices = -1
    await runSandbox({ ...BASE, steps: [{ at: '2026-12-01T10:00:00+08:00' }] }, async (run) => {
      const ctx = run.app.ctx
      await onFriendConfirmed(ctx, { platformId: 'c3', name: '王五' })
      await onFriendConfirmed(ctx, { platformId: 'c3', name: '王五' })
      const c3 = (await contactIdFor(ctx.db, ctx.account.id, 'c3'))!
      notices = (await ctx.db.select().from(outbox).where(eq(outbox.contactId, c3))).filter((o) => o.purpose === 'profile').length
    })
    expect(notices).toBe(1)
  })

  it('erases personal fields and message texts after the confirmation, keeping the anonymous record', async () => {
    let after: typeof contacts.$inferSelect | undefined
    let texts: Array<string | null> = []
    let audits: string[] = []
    const result = await runSandbox({
      ...BASE,
      products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 }],
      customers: [{ id: 'c1', name: '张三', friend: true, consent: true, birthday: '1990-05-12', city: '成都' }],
      steps: [
        { at: '2026-12-01T10:00:00+08:00', order: { id: 'o1', customer: 'c1', items: [{ sku: 'milk-1', qty: 1 }] } },
        say('c1', '我的快递到哪了'),
        say('c1', '/删除我的数据'),
        say('c1', '/删除我的数据 确认'),
        { at: '+5m' },
      ],
    }, {
      beforeShutdown: async (run) => {
        const ctx = run.app.ctx
        const id = (await contactIdFor(ctx.db, ctx.account.id, 'c1'))!
        after = (await ctx.db.select().from(contacts).where(eq(contacts.id, id)))[0]
        texts = (await ctx.db.select({ text: messageLog.text, direction: messageLog.direction }).from(messageLog).where(eq(messageLog.contactId, id)))
          .filter((m) => m.direction === 'in').map((m) => m.text)
        audits = (await ctx.db.select().from(auditLog)).map((a) => a.action)
      },
    })
    const replies = sentTo(result, { contact: 'c1' })
    expect(replies[0]).toMatch(/确认删除请发送：\/删除我的数据 确认/)
    expect(replies[1]).toMatch(/已删除你的个人资料/)
    expect(after).toMatchObject({ displayName: null, city: null, birthday: null, phone: null, consentAt: null })
    expect(after!.erasedAt).not.toBeNull()
    expect(texts).toEqual([null, null, null])
    expect(audits).toContain('data.erase')
    // the order stays, as an anonymous aggregate
    expect(result.summary.orders).toMatchObject({ recorded: 1, revenue: 199 })
  })
})

describe('customer 360', () => {
  it('shows an operator the customers of their groups only, an owner everyone, and audits each look', async () => {
    let audits: Array<{ outcome: string }> = []
    const result = await runSandbox({
      ...BASE,
      products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 }],
      steps: [
        { at: '2026-12-01T10:00:00+08:00', order: { id: 'o1', customer: 'c1', items: [{ sku: 'milk-1', qty: 2 }] } },
        say('c1', '你好'),
        say('op1', '/客户 张三'),
        say('op2', '/客户 张三'),
        say('boss', '/customer 赵六'),
        say('c1', '/客户 李四'),
        { at: '+1m', say: { from: 'op1', group: 'g1', text: '/客户 张三' } },
        { at: '+5m' },
      ],
    }, { beforeShutdown: async (run) => { audits = await run.app.ctx.db.select({ outcome: auditLog.outcome }).from(auditLog).where(eq(auditLog.action, 'customer.view')) } })
    // staff also hear that the (empty) content library has nothing to post today: not this test's business
    const toStaff = (id: string) => sentTo(result, { contact: id }).filter((t) => !contentAlert(t))
    const [card] = toStaff('op1')
    expect(card).toMatch(/客户 #\d+ 张三/)
    expect(card).toMatch(/所在群：成都宝妈育儿群/)
    expect(card).toMatch(/订单：1笔，共¥398\.00/)
    expect(card).toMatch(/婴儿奶粉×2/)
    expect(card).toMatch(/积分：398/)
    expect(card).toMatch(/客户：你好/)
    expect(toStaff('op2')[0]).toMatch(/没有找到客户「张三」/)
    expect(toStaff('boss')[0]).toMatch(/客户 #\d+ 赵六/)
    // a customer may not look people up; typed in a group it is refused there (a record is private)
    expect(sentTo(result, { contact: 'c1' })).toEqual([expect.stringMatching(/仅限运营和管理员/)])
    expect(sentTo(result, { group: 'g1' })).toEqual([expect.stringMatching(/请私聊我发送/)])
    expect(audits.map((a) => a.outcome).sort()).toEqual(['denied', 'ok', 'ok'])
  })
})
