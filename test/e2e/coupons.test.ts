/** Coupons through the sandbox as people use them: the welcome coupon, the till, customers' lists, operators. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactIdFor } from '../../src/db/queries/links.ts'
import { auditLog, couponBatches, coupons } from '../../src/db/schema/index.ts'
import { batchInput, createBatch } from '../../src/services/coupon-batches.ts'
import { remindExpiringCoupons, type ReminderPass } from '../../src/services/coupon-reminders.ts'
import { issueCoupon, voidCoupon } from '../../src/services/coupons.ts'
import { sendMarketingDm } from '../../src/services/marketing-dms.ts'
import type { ActionRecord } from '../../src/sandbox/output.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { BASE, runSandbox, sentTo, type SandboxResult } from '../helpers/sandbox.ts'

const CODE = /[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}/
const codeIn = (text: string | undefined): string => CODE.exec(text ?? '')?.[0] ?? ''
const redeems = (r: SandboxResult) => r.actions.filter((a): a is Extract<ActionRecord, { type: 'redeem' }> => a.type === 'redeem')

const WITH_SHOP = {
  ...BASE,
  products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199 }],
  coupons: [{ code: 'ANNA30', kind: 'shared', value: 30, valid_days: 7, streamer: 'anna', cap: 2 }],
}

describe('the welcome coupon', () => {
  it('is issued once and DMed as its own message after the greeting, however often the friendship arrives or the person re-adds the bot', async () => {
    let held = -1
    let sendsAfterUnfriend: Array<Extract<ActionRecord, { type: 'send' }>> = []
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', friend: { contact: 'c3' } },
        { at: '+5m', unfriend: { contact: 'c3' } },
        { at: '+5m', say: { from: 'c3', text: '/我的券' } },
        { at: '+5m', friend: { contact: 'c3' } },
        { at: '+5m' },
      ],
    }, {
      onStarted: async (run) => {
        // the platform delivers one friend request twice
        const id = run.puppet.requestFriendship('c3', '', { deliver: false })
        await run.act(() => { run.puppet.emit('friendship', { friendshipId: id }); run.puppet.emit('friendship', { friendshipId: id }) }, 2)
      },
      beforeShutdown: async (run) => { held = (await run.app.ctx.db.select().from(coupons)).length },
    })
    const dms = sentTo(result, { contact: 'c3' })
    const couponDms = dms.filter((t) => t.includes('新人专享'))
    expect(couponDms).toHaveLength(1)
    expect(couponDms[0]).toMatch(CODE)
    expect(dms[0]).toMatch(/你好/)
    expect(dms[1]).toBe(couponDms[0])
    expect(held).toBe(1)
    // greetings: one per friendship request (the duplicate event and the first step are the same person again)
    expect(result.summary.coupons).toMatchObject({ issued: 1, redeemed: 0 })
    // after c3 deleted the bot, the reply to /我的券 went nowhere; after re-adding, messages arrive again
    sendsAfterUnfriend = result.actions.filter((a): a is Extract<ActionRecord, { type: 'send' }> => a.type === 'send' && JSON.stringify(a.to) === '{"contact":"c3"}' && a.at >= '2026-12-01T10:05')
    expect(sendsAfterUnfriend[0]).toMatchObject({ delivered: false })
    expect(sendsAfterUnfriend[0]!.text).toContain(codeIn(couponDms[0]))
    expect(sendsAfterUnfriend.at(-1)).not.toHaveProperty('delivered')
  })

  it('redeems on an order with `coupon: latest`, refuses it the second time, and prints a redeem line each time', async () => {
    const result = await runSandbox({
      ...WITH_SHOP,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', friend: { contact: 'c3' } },
        { at: '+10m', order: { id: 'o1', customer: 'c3', items: [{ sku: 'milk-1', qty: 1 }], coupon: 'latest' } },
        { at: '+10m', order: { id: 'o2', customer: 'c3', items: [{ sku: 'milk-1', qty: 1 }], coupon: 'latest' } },
        { at: '+1m', order: { id: 'o3', customer: 'c1', items: [{ sku: 'milk-1', qty: 1 }], coupon: 'anna30' } },
        { at: '+1m', order: { id: 'o4', customer: 'c2', items: [{ sku: 'milk-1', qty: 1 }], coupon: 'ANNA30' } },
        { at: '+1m', order: { id: 'o5', customer: 'c4', items: [{ sku: 'milk-1', qty: 1 }], coupon: 'ANNA30' } },
        { at: '+1m' },
      ],
    })
    const code = codeIn(sentTo(result, { contact: 'c3' }).find((t) => CODE.test(t)))
    expect(redeems(result)).toEqual([
      { at: '2026-12-01T10:10:00+08:00', type: 'redeem', code, customer: 'c3', order: 'o1', ok: true },
      { at: '2026-12-01T10:20:00+08:00', type: 'redeem', code, customer: 'c3', order: 'o2', ok: false, reason: 'used' },
      { at: '2026-12-01T10:21:00+08:00', type: 'redeem', code: 'ANNA30', customer: 'c1', order: 'o3', ok: true },
      { at: '2026-12-01T10:22:00+08:00', type: 'redeem', code: 'ANNA30', customer: 'c2', order: 'o4', ok: true },
      { at: '2026-12-01T10:23:00+08:00', type: 'redeem', code: 'ANNA30', customer: 'c4', order: 'o5', ok: false, reason: 'cap-reached' },
    ])
    expect(result.summary.coupons).toEqual({ issued: 1, redeemed: 3, refused: 2, expired: 0, redeemed_by_streamer: { anna: 2 } })
    expect(result.summary.kpis.coupon_redemption_rate).toBe(1)
    // a redeem line is not a platform action
    expect(result.summary.governor.actions).toBe(result.actions.filter((a) => a.type !== 'redeem').length)
  })
})

/** A clerk at the till, with c1 holding a coupon issued by the operator at the start. */
async function atTheTill (steps: unknown[]): Promise<{ result: SandboxResult, code: string, audits: Array<{ action: string, outcome: string }> }> {
  let audits: Array<{ action: string, outcome: string }> = []
  const result = await runSandbox({
    ...WITH_SHOP,
    steps: [
      { at: '2026-12-01T10:00:00+08:00', say: { from: 'mk', text: '/券批次 新建 BDAY50 满199减50 30天' } },
      { at: '+1m', say: { from: 'op1', text: '/发券 张三 BDAY50' } },
      { at: '+1m' },
      ...steps,
      { at: '+1m' },
    ],
  }, { beforeShutdown: async (run: RunningScenario) => { audits = await run.app.ctx.db.select({ action: auditLog.action, outcome: auditLog.outcome }).from(auditLog).orderBy(auditLog.id) } })
  return { result, code: codeIn(sentTo(result, { contact: 'c1' }).find((t) => CODE.test(t))), audits }
}

describe('the clerk at the till', () => {
  it('sees value and owner first, then redeems on 确认; a second 确认 finds nothing waiting', async () => {
    // The code is only known once issued: a first run tells it (runs repeat exactly).
    const { code } = await atTheTill([])
    expect(code).toMatch(CODE)
    const { result, audits } = await atTheTill([
      { at: '+1m', say: { from: 'clerk', text: `/核销 ${code.toLowerCase()}` } },
      { at: '+1m', say: { from: 'clerk', text: '/核销 确认' } },
      { at: '+1m', say: { from: 'clerk', text: '/核销 确认' } },
      { at: '+1m', say: { from: 'clerk', text: `/核销 ${code} 确认` } },
    ])
    const replies = sentTo(result, { contact: 'clerk' })
    expect(replies[0]).toMatch(new RegExp(`券码：${code}\\n「满199减50券」\\n优惠：立减50元\\n持有人：「张三」\\n有效期至：12-31 10:01\\n使用门槛：满199元\\n确认核销请发送：/核销 确认`))
    expect(replies[1]).toMatch(/^核销成功✅ 「张三」的「满199减50券」已于12-01 10:0\d核销。/)
    expect(replies[2]).toContain('没有待确认的核销')
    expect(replies[3]).toMatch(/^该券已于12-01 10:0\d核销，不能重复使用。$/)
    expect(redeems(result).map((r) => [r.by, r.customer, r.ok, r.reason ?? null])).toEqual([['clerk', 'c1', true, null], ['clerk', 'c1', false, 'used']])
    expect(audits.filter((a) => a.action === 'coupon.verify')).toHaveLength(3)
    expect(audits.find((a) => a.action === 'coupon.batch.create')).toMatchObject({ outcome: 'ok' })
    expect(audits.find((a) => a.action === 'coupon.issue')).toMatchObject({ outcome: 'ok' })
  })

  it('keeps a check confirmable for 5 minutes, not a second longer', async () => {
    const { code } = await atTheTill([])
    const { result } = await atTheTill([
      { at: '2026-12-01T10:05:00+08:00', say: { from: 'clerk', text: `/核销 ${code}` } },
      { at: '2026-12-01T10:10:01+08:00', say: { from: 'clerk', text: '/核销 确认' } },
      { at: '2026-12-01T10:11:00+08:00', say: { from: 'clerk', text: `/核销 ${code}` } },
      { at: '2026-12-01T10:16:00+08:00', say: { from: 'clerk', text: '/核销 确认' } },
    ])
    const replies = sentTo(result, { contact: 'clerk' })
    expect(replies[1]).toContain('没有待确认的核销')
    expect(replies[3]).toMatch(/^核销成功✅ 「张三」/)
  })

  it('needs the customer for a shared code, and is refused /核销 in a group and by a customer', async () => {
    const { result } = await atTheTill([
      { at: '+1m', say: { from: 'clerk', text: '/核销 ANNA30' } },
      { at: '+1m', say: { from: 'clerk', text: '/核销 ANNA30 @李四 确认' } },
      { at: '+1m', say: { from: 'clerk', text: '/核销 ANNA30 @nobody' } },
      { at: '+1m', say: { from: 'clerk', group: 'g1', text: '/核销 ANNA30' } },
      { at: '+1m', say: { from: 'c1', text: '/核销 ANNA30' } },
    ])
    const replies = sentTo(result, { contact: 'clerk' })
    expect(replies[0]).toBe('ANNA30 是通用券码，每人限用，请同时写上顾客，例如：/核销 ANNA30 @顾客昵称')
    expect(replies[1]).toMatch(/^核销成功✅ 「李四」的「30元无门槛券」/)
    expect(replies[2]).toBe('没有找到顾客「nobody」，请 @ 对方或核对昵称后再试。')
    expect(sentTo(result, { group: 'g1' }).at(-1)).toContain('请私聊我')
    expect(sentTo(result, { contact: 'c1' }).at(-1)).toBe('抱歉，这个指令仅限店员和管理员使用。')
    expect(result.summary.coupons.redeemed_by_streamer).toEqual({ anna: 1 })
  })
})

describe('every refusal at the till', () => {
  it('says each reason in a clerk\'s words, and shows what a named batch gives before and after', async () => {
    const codes: Record<string, string> = {}
    const result = await runSandbox({ ...WITH_SHOP, steps: [{ at: '2026-12-01T12:00:00+08:00' }] }, async (run) => {
      const ctx = run.app.ctx
      const id = async (c: string): Promise<number> => (await contactIdFor(ctx.db, ctx.account.id, c))!
      const batch = async (body: Record<string, unknown>) => {
        const made = await createBatch({ db: ctx.db, now: ctx.clock.now() }, batchInput.parse(body), { contactId: null, via: 'test' })
        if (made.kind !== 'created') throw new Error(made.kind)
        return made.batch
      }
      const give = async (name: string, body: Record<string, unknown>, holder = 'c1'): Promise<void> => {
        const issued = await issueCoupon(ctx, ctx.db, { batch: await batch({ code: name, ...body }), contactId: await id(holder), cause: `test-${name}`, dm: false })
        if (issued.kind !== 'issued') throw new Error(issued.kind)
        codes[name] = issued.coupon.code
      }
      await give('BDAY50', { amount: 50, min_spend: 199, valid_days: 30 })
      await give('SHORT', { amount: 10, ends_at: '2026-12-01T11:00:00+08:00' })
      await give('SOON', { amount: 10, starts_at: '2026-12-10T00:00:00+08:00', ends_at: '2026-12-20T00:00:00+08:00' })
      await give('LEAK', { amount: 10, valid_days: 30 })
      await give('LISI', { amount: 10, valid_days: 30 }, 'c2')
      await give('FANS', { name: '安娜粉丝福利', gift: '试用装', valid_days: 30 })
      await voidCoupon(ctx, codes.LEAK!, '券码泄露', { contactId: null, via: 'test' })
      const typo = codes.BDAY50!.slice(0, -1) + (codes.BDAY50!.endsWith('0') ? '1' : '0')
      const say = (text: string) => run.act(() => run.community.contact('clerk').say(text).to(run.community.self))
      for (const text of [
        `/核销 ${typo}`, '/核销 HELLO99', `/核销 ${codes.LISI} @张三`, `/核销 ${codes.BDAY50} 150元`, `/核销 ${codes.SOON}`, `/核销 ${codes.LEAK}`,
        '/核销 ANNA30 @张三 确认', '/核销 ANNA30 @张三 确认', '/核销 ANNA30 @李四 确认', '/核销 ANNA30 @王五',
        `/核销 ${codes.FANS}`, '/核销 确认',
      ]) await say(text)
      await run.advance(new Date('2026-12-01T11:00:00+08:00'))
      await say(`/核销 ${codes.SHORT}`)
      await run.act(() => run.community.contact('c1').say('/我的券').to(run.community.self))
    })
    // the customer's own list: what is usable (one from a later day), and what was used or expired; voided is gone
    expect(sentTo(result, { contact: 'c1' }).at(-1)).toBe([
      '你的优惠券（2张可用）：',
      `1.「10元无门槛券」券码 ${codes.SOON}，12-10 00:00起可用，12-20 00:00到期`,
      `2.「满199减50券」券码 ${codes.BDAY50}，12-31 09:00到期`,
      '另有1张已使用、1张已过期。',
      '下单时填写券码或到店出示即可使用～',
    ].join('\n'))
    expect(sentTo(result, { contact: 'clerk' })).toEqual([
      expect.stringMatching(/^券码「.+」有误，可能输错了一位/),
      '查无此券：「HELLO99」，请核对券码后再试。',
      '该券属于「李四」，不是这位顾客的券，不能使用。',
      '还没到使用门槛：满199元可用，本单150元。',
      '该券12-10 00:00起才能使用，请到时再来～',
      '该券已作废（原因：券码泄露），无法使用。',
      expect.stringMatching(/^核销成功✅ 「张三」的「30元无门槛券」.*\n优惠：立减30元\n/),
      '「张三」已于12-01 09:00用过 ANNA30，每人限用1次。',
      expect.stringMatching(/^核销成功✅ 「李四」/),
      'ANNA30 的名额已满（共2份），本次无法使用。',
      expect.stringMatching(/\n「安娜粉丝福利」\n优惠：赠送试用装\n持有人：「张三」\n/),
      expect.stringMatching(/^核销成功✅ 「张三」的「安娜粉丝福利」.*\n优惠：赠送试用装\n/),
      '该券已于12-01 11:00过期，无法使用。',
    ])
  })
})

describe('the lockout at the till', () => {
  it('locks the customer whose codes failed 5 times, not the clerk: the next customer is served, and 30 minutes later the first', async () => {
    const guesses = ['LILY30', 'FANS20', 'VIP100', 'SALE50', 'MAMA88'].map((code, i) => ({ at: i === 0 ? '2026-12-01T10:00:00+08:00' : '+1m', say: { from: 'clerk', text: `/核销 ${code} @王五` } }))
    const mine = ['NOPE1', 'NOPE2', 'NOPE3', 'NOPE4', 'NOPE5', 'NOPE6'].map((code) => ({ at: '+1m', say: { from: 'clerk', text: `/核销 ${code}` } }))
    const result = await runSandbox({
      ...WITH_SHOP,
      steps: [
        ...guesses,
        { at: '+1m', say: { from: 'clerk', text: '/核销 ANNA30 @王五' } },
        { at: '+1m', say: { from: 'clerk', text: '/核销 ANNA30 @李四 确认' } },
        // a clerk typing unknown codes for nobody in particular is counted themselves ...
        ...mine,
        // ... and still verifies a real customer's code
        { at: '+1m', say: { from: 'clerk', text: '/核销 ANNA30 @张三 确认' } },
        { at: '2026-12-01T10:34:00+08:00', say: { from: 'clerk', text: '/核销 ANNA30 @王五' } },
        { at: '+1m' },
      ],
    })
    const replies = sentTo(result, { contact: 'clerk' })
    expect(replies.slice(0, 5).every((r) => r.startsWith('查无此券'))).toBe(true)
    expect(replies[5]).toBe('「王五」的券码输错次数过多，为了安全，核销已暂停，请于12-01 10:34后再试。')
    expect(replies[6]).toMatch(/^核销成功✅ 「李四」/)
    expect(replies.slice(7, 12).every((r) => r.startsWith('查无此券'))).toBe(true)
    expect(replies[12]).toBe('券码输错次数过多，为了安全，核销已暂停，请于12-01 10:41后再试。写上顾客仍可核销，例如：/核销 NOPE6 @顾客昵称')
    expect(replies[13]).toMatch(/^核销成功✅ 「张三」/)
    // 王五 is not locked any more: the answer is about the code again (its 2 uses are gone)
    expect(replies[14]).toBe('ANNA30 的名额已满（共2份），本次无法使用。')
  })
})

describe('customers and operators', () => {
  it('lists a customer\'s coupons by DM only, with the codes, used and expired counted', async () => {
    const { result, code } = await atTheTill([
      { at: '+1m', say: { from: 'c1', text: '/我的券' } },
      { at: '+1m', say: { from: 'c1', group: 'g1', text: '/我的券' } },
      { at: '+1m', say: { from: 'mk', text: '/mycoupons' } },
    ])
    const mine = sentTo(result, { contact: 'c1' })
    expect(mine.at(-2)).toBe(`你的优惠券（1张可用）：\n1.「满199减50券」券码 ${code}，12-31 10:01到期\n下单时填写券码或到店出示即可使用～`)
    expect(mine.at(-1)).toContain('请私聊我')
    expect(sentTo(result, { contact: 'mk' }).at(-1)).toContain('你暂时没有可用的优惠券')
  })

  it('voids a leaked code and reissues a new one to the holder, audited; the old code is refused as void', async () => {
    const { code } = await atTheTill([])
    const { result, audits } = await atTheTill([
      { at: '+1m', say: { from: 'op1', text: '/作废 ANNA30 被转到了羊毛群' } },
      { at: '+1m', say: { from: 'op1', text: '/补发 anna30' } },
      { at: '+1m', say: { from: 'op1', text: `/作废 ${code} 券码被别人看到了` } },
      { at: '+1m', say: { from: 'op1', text: `/作废 ${code} 再来一次` } },
      { at: '+1m', say: { from: 'op1', text: `/补发 ${code}` } },
      { at: '+1m', say: { from: 'op1', text: `/补发 ${code}` } },
      { at: '+1m', say: { from: 'clerk', text: `/核销 ${code}` } },
      { at: '+1m', say: { from: 'c1', text: `/作废 ${code} 不要了` } },
    ])
    const op = sentTo(result, { contact: 'op1' })
    // a shared code has no single coupon: said so, rather than "no such coupon"
    expect(op).toContain('ANNA30 是通用券码（大家共用一个码），没有单张券可以作废。')
    expect(op).toContain('anna30 是通用券码（大家共用一个码），没有单张券需要补发。')
    expect(op.at(-4)).toBe(`已作废「张三」的「满199减50券」（券码 ${code}）。如需补发，请发送 /补发 ${code}`)
    expect(op.at(-3)).toBe('该券已经作废过了。')
    expect(op.at(-2)).toBe('已为「张三」补发「满199减50券」。新券码已私信发给对方。')
    expect(op.at(-1)).toBe('该券已经补发过了，新券码已私信发给持有人。')
    const fresh = codeIn(sentTo(result, { contact: 'c1' }).find((t) => t.includes('已补发')))
    expect(fresh).toMatch(CODE)
    expect(fresh).not.toBe(code)
    expect(sentTo(result, { contact: 'clerk' }).at(-1)).toBe('该券已作废（原因：券码被别人看到了），无法使用。')
    expect(sentTo(result, { contact: 'c1' }).at(-1)).toBe('抱歉，这个指令仅限运营、市场和管理员使用。')
    expect(audits.filter((a) => a.action === 'coupon.void').map((a) => a.outcome)).toEqual(['denied', 'ok', 'denied'])
    expect(audits.filter((a) => a.action === 'coupon.reissue').map((a) => a.outcome)).toEqual(['denied', 'ok', 'denied'])
    expect(audits.filter((a) => a.action === 'void')).toEqual([{ action: 'void', outcome: 'denied' }])
  })

  it('sends a coupon issued to someone who is not a friend yet once they add the bot', async () => {
    const { result } = await atTheTill([
      { at: '+1m', say: { from: 'op1', text: '/发券 李四 BDAY50' } },
      { at: '+10m', friend: { contact: 'c2' } },
      { at: '+10m', friend: { contact: 'c2' } },
    ])
    expect(sentTo(result, { contact: 'op1' }).at(-1)).toBe('已给「李四」发放「满199减50券」。对方还不是好友，加好友后券码会自动私信发送。')
    const dms = sentTo(result, { contact: 'c2' })
    expect(dms.filter((t) => t.includes('满199减50券') && CODE.test(t))).toHaveLength(1)
    expect(dms.filter((t) => t.includes('50元无门槛券'))).toHaveLength(1)
  })
})

describe('the expiry reminder', () => {
  const remindScenario = (steps: unknown[]) => ({
    ...BASE,
    customers: [...BASE.customers.filter((c) => c.id !== 'c2'), { id: 'c2', name: '李四', friend: true }],
    steps: [
      { at: '2026-12-01T10:00:00+08:00', say: { from: 'mk', text: '/券批次 新建 BDAY50 满199减50 10天' } },
      { at: '+1m', say: { from: 'op1', text: '/发券 张三 BDAY50' } },
      { at: '+1m', say: { from: 'op1', text: '/发券 李四 BDAY50' } },
      ...steps,
    ],
  })

  it('DMs a consented holder once, 3 days before expiry, within the hours; records the skip of one who did not consent', async () => {
    let decisions: Array<{ kind: string, status: string, reason: string | null }> = []
    const result = await runSandbox(remindScenario([{ at: '2026-12-10T12:00:00+08:00' }]), {
      beforeShutdown: async (run) => {
        decisions = (await run.app.ctx.db.query.marketingDms.findMany()).map((d) => ({ kind: d.kind, status: d.status, reason: d.reason }))
      },
    })
    const reminders = result.actions.filter((a) => a.type === 'send' && a.text.startsWith('温馨提醒'))
    expect(reminders).toHaveLength(1)
    // issued 12-01 10:01, valid 10 days: the last 3 days start 12-08 10:01; the hourly pass finds it at 11:00
    expect(reminders[0]).toMatchObject({ to: { contact: 'c1' } })
    expect(reminders[0]!.at.slice(0, 16)).toBe('2026-12-08T11:00')
    expect(decisions).toEqual([{ kind: 'coupon-expiry', status: 'sent', reason: null }, { kind: 'coupon-expiry', status: 'skipped', reason: 'no-consent' }])
    expect(result.summary.marketing_dms).toMatchObject({ sent: 1, skipped: 1 })
  })

  it('does not remind a coupon valid for 3 days or less (it was just handed over), and reminds one valid a minute longer', async () => {
    let pass: ReminderPass | null = null
    await runSandbox({ ...BASE, steps: [{ at: '2026-12-01T10:00:00+08:00' }] }, {
      beforeShutdown: async (run) => {
        const ctx = run.app.ctx
        const c1 = (await contactIdFor(ctx.db, ctx.account.id, 'c1'))!
        const now = ctx.clock.now().getTime()
        for (const [code, validMs] of [['THREE', 3 * 86_400_000], ['LONGER', 3 * 86_400_000 + 60_000]] as const) {
          const made = await createBatch({ db: ctx.db, now: ctx.clock.now() }, batchInput.parse({ code, amount: 10, valid_days: 10 }), { contactId: null, via: 'test' })
          if (made.kind !== 'created') throw new Error(made.kind)
          const issued = await issueCoupon(ctx, ctx.db, { batch: made.batch, contactId: c1, cause: `test-${code}`, dm: false })
          if (issued.kind !== 'issued') throw new Error(issued.kind)
          // both expire within the next 3 days; they differ only in how long they were valid
          await ctx.db.update(coupons).set({ issuedAt: new Date(now - validMs + 3_600_000), expiresAt: new Date(now + 3_600_000) }).where(eq(coupons.id, issued.coupon.id))
        }
        pass = await remindExpiringCoupons(ctx)
      },
    })
    expect(pass).toEqual({ queued: 1, skipped: 0, deferred: 0 })
  })

  it('asks again after a deferral (one decision, however often the pass runs) and skips a coupon that would expire first', async () => {
    const passes: ReminderPass[] = []
    let decisions: Array<{ cause: string, status: string, reason: string | null }> = []
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', say: { from: 'mk', text: '/券批次 新建 BDAY50 满199减50 10天' } },
        { at: '+1m', say: { from: 'mk', text: '/券批次 新建 VIP20 20元 10天' } },
        { at: '+1m', say: { from: 'op1', text: '/发券 张三 BDAY50' } },
        { at: '+1m', say: { from: 'op1', text: '/发券 张三 VIP20' } },
        { at: '+10m' },
      ],
    }, {
      beforeShutdown: async (run) => {
        const ctx = run.app.ctx
        const c1 = (await contactIdFor(ctx.db, ctx.account.id, 'c1'))!
        const held = await ctx.db.select({ id: coupons.id, batch: couponBatches.code }).from(coupons).innerJoin(couponBatches, eq(couponBatches.id, coupons.batchId)).where(eq(coupons.contactId, c1))
        const idOf = (code: string): number => held.find((h) => h.batch === code)!.id
        const weekAgo = new Date('2026-11-25T10:00:00+08:00')
        await ctx.db.update(coupons).set({ issuedAt: weekAgo, expiresAt: new Date('2026-12-03T12:00:00+08:00') }).where(eq(coupons.id, idOf('BDAY50')))
        await ctx.db.update(coupons).set({ issuedAt: weekAgo, expiresAt: new Date('2026-12-02T09:00:00+08:00') }).where(eq(coupons.id, idOf('VIP20')))
        // Another marketing DM this morning takes today's slot (1 per 24 h): both reminders must wait until 10:14 tomorrow.
        expect((await sendMarketingDm(ctx, { contactId: c1, kind: 'care', cause: 'care-test', text: '使用小贴士' })).kind).toBe('queued')
        passes.push(await remindExpiringCoupons(ctx))
        passes.push(await remindExpiringCoupons(ctx))
        await run.advance(new Date('2026-12-02T12:00:00+08:00'))
        decisions = (await ctx.db.query.marketingDms.findMany({ orderBy: (d, { asc }) => [asc(d.id)] })).map((d) => ({ cause: d.cause, status: d.status, reason: d.reason }))
        decisions = decisions.map((d) => ({ ...d, cause: d.cause.replace(String(idOf('BDAY50')), 'BDAY50').replace(String(idOf('VIP20')), 'VIP20') }))
      },
    })
    // VIP20 expires at 09:00 tomorrow, before the cap lifts: skipped; BDAY50 waits (nothing recorded) ...
    expect(passes).toEqual([{ queued: 0, skipped: 1, deferred: 1 }, { queued: 0, skipped: 0, deferred: 1 }])
    // ... and goes out with the first pass after the cap lifted
    expect(decisions).toEqual([
      { cause: 'care-test', status: 'sent', reason: null },
      { cause: 'coupon-expiry-VIP20', status: 'skipped', reason: 'expires-first' },
      { cause: 'coupon-expiry-BDAY50', status: 'sent', reason: null },
    ])
    const reminders = result.actions.filter((a) => a.type === 'send' && a.text.startsWith('温馨提醒'))
    expect(reminders.map((r) => r.at.slice(0, 16))).toEqual(['2026-12-02T11:00'])
  })
})
