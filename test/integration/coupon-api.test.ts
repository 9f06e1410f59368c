/**
 * Coupons over HTTP on the real Postgres: batches, issues and verifications with their scopes, every refusal with a
 * readable reason, coupons on the orders API, and the brute-force lockout of a customer and of a token.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { linkContact } from '../../src/db/queries/links.ts'
import { updateProfile } from '../../src/db/queries/contacts.ts'
import { auditLog, couponBatches, coupons } from '../../src/db/schema/index.ts'
import { releaseOrderCoupons } from '../../src/services/coupon-redemption.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { poster, withApiServer, type Api } from '../helpers/api.ts'
import { runSandbox } from '../helpers/sandbox.ts'

const ADMIN = 'marketing-secret-0123456789'
const TILL = 'till-secret-0123456789abc'
const SHOP = 'shop-secret-0123456789abcd'
const OTHER = 'other-secret-0123456789abc'

const scenario = {
  start: '2026-12-01T10:00:00+08:00',
  products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199 }, { sku: 'wipes', name: '湿巾', price: 19.9 }],
  customers: [{ id: 'c1', name: '张三', friend: true, consent: true }, { id: 'c2', name: '李四', friend: true }, { id: 'c3', name: '王五' }],
  steps: [{ at: '+1m' }],
}

/** `end`: the scenario's last step, after every time the test moves the clock to. */
async function withApi (test: (api: Api, run: RunningScenario) => Promise<void>, env: Record<string, string> = {}, end = '+1m'): Promise<void> {
  await runSandbox({ ...scenario, steps: [{ at: end }] }, {
    env,
    onStarted: (run) => withApiServer(run.app.ctx, [
      { name: 'marketing', secret: ADMIN, scopes: ['coupons'] }, { name: 'till', secret: TILL, scopes: ['verify'] },
      { name: 'shop', secret: SHOP, scopes: ['orders'] }, { name: 'other', secret: OTHER, scopes: ['reports'] },
    ], (server) => test(poster(server, ADMIN), run)),
  })
}

const issue = async (api: Api, batch: string, customer: string, requestId = `${batch}-${customer}`): Promise<string> => {
  const res = await api('/api/coupons/issue', { batch, customer: { platform_id: customer }, request_id: requestId })
  if (res.status !== 201) throw new Error(`issue failed: ${JSON.stringify(res.body)}`)
  return res.body.code as string
}
const verify = (api: Api, code: string, extra: Record<string, unknown> = {}, secret = TILL) => api('/api/coupons/verify', { code, ...extra }, secret)
const order = (api: Api, id: string, customer: string, coupon: unknown, items = [{ sku: 'milk-1', qty: 1 }]) =>
  api('/api/orders', { source: 'youzan', external_id: id, customer: { platform_id: customer }, items, coupon, paid_at: '2026-12-01T10:00:00+08:00' }, SHOP)

describe('coupon batches and issues over HTTP', () => {
  it('creates a batch once, refuses a bad one with the problem, and needs the coupons scope', async () => {
    await withApi(async (api) => {
      const created = await api('/api/coupon-batches', { code: 'anna30', kind: 'shared', amount: 30, valid_days: 7, cap: 50, streamer: 'anna' })
      expect(created.status).toBe(201)
      expect(created.body.batch).toMatchObject({ code: 'ANNA30', kind: 'shared', amount: 30, cap: 50, streamer: 'anna', endsAt: '2026-12-08T02:00:00.000Z' })
      expect((await api('/api/coupon-batches', { code: 'ANNA3O', kind: 'shared', amount: 10, valid_days: 7 })).status).toBe(409)
      expect(await api('/api/coupon-batches', { code: 'X1', amount: 10, valid_days: 7 })).toMatchObject({ status: 422, body: { problems: ['code: 3-12 letters and digits'] } })
      expect(await api('/api/coupon-batches', { code: 'GIFT1', amount: 10, gift: '试用装', valid_days: 7 })).toMatchObject({ status: 422, body: { problems: ['give either amount or gift'] } })
      expect(await api('/api/coupon-batches', { code: 'OLD1', amount: 10, ends_at: '2026-11-30T00:00:00+08:00' })).toMatchObject({ status: 422, body: { problems: ['the batch would already have ended'] } })
      expect((await api('/api/coupon-batches', { code: 'BAD', amount: -1 })).status).toBe(400)
      expect((await api('/api/coupon-batches', { code: 'NOPE1', amount: 10, valid_days: 7 }, TILL)).status).toBe(403)
    })
  })

  it('issues once per request id and per-customer limit, refuses a capped batch past its cap and a shared one', async () => {
    await withApi(async (api, run) => {
      await api('/api/coupon-batches', { code: 'BDAY50', amount: 50, min_spend: 199, valid_days: 30, cap: 2 })
      const first = await api('/api/coupons/issue', { batch: 'bday50', customer: { platform_id: 'c1' }, request_id: 'r1' })
      expect(first).toMatchObject({ status: 201, body: { duplicate: false, expires_at: '2026-12-31T02:00:00.000Z' } })
      expect(first.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
      expect(await api('/api/coupons/issue', { batch: 'BDAY50', customer: { platform_id: 'c1' }, request_id: 'r1' })).toMatchObject({ status: 200, body: { duplicate: true, code: first.body.code } })
      expect(await api('/api/coupons/issue', { batch: 'BDAY50', customer: { platform_id: 'c1' }, request_id: 'r2' })).toMatchObject({ status: 409, body: { reason: 'limit' } })
      expect((await api('/api/coupons/issue', { batch: 'BDAY50', customer: { platform_id: 'c2' }, request_id: 'r3' })).status).toBe(201)
      expect(await api('/api/coupons/issue', { batch: 'BDAY50', customer: { platform_id: 'c3' }, request_id: 'r4' })).toMatchObject({ status: 409, body: { reason: 'cap-reached' } })
      await api('/api/coupon-batches', { code: 'ANNA30', kind: 'shared', amount: 30, valid_days: 7 })
      expect(await api('/api/coupons/issue', { batch: 'ANNA30', customer: { platform_id: 'c1' }, request_id: 'r5' })).toMatchObject({ status: 409, body: { reason: 'shared' } })
      expect((await api('/api/coupons/issue', { batch: 'NOPE', customer: { platform_id: 'c1' }, request_id: 'r6' })).status).toBe(422)
      expect((await api('/api/coupons/issue', { batch: 'BDAY50', customer: { platform_id: 'nobody' }, request_id: 'r7' })).status).toBe(422)
      expect((await api('/api/coupons/issue', { batch: 'BDAY50', customer: { platform_id: 'c1' } })).status).toBe(400)
      const audits = await run.app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'coupon.issue'))
      expect(audits.every((a) => a.via === 'api:marketing')).toBe(true)
      expect(audits.map((a) => a.outcome)).toEqual(['ok', 'ok', 'denied', 'ok', 'denied', 'denied', 'denied'])
    })
  })
})

describe('verifying and redeeming, with a reason for every refusal', () => {
  it('checks without redeeming, redeems once, and says when it was used', async () => {
    await withApi(async (api) => {
      const code = await issue(api, 'WELCOME', 'c1')
      const checked = await verify(api, code.toLowerCase().replace(/-/g, ' '), { redeem: false })
      expect(checked).toMatchObject({ status: 200, body: { ok: true, redeemed: false, code, amount: 50, min_spend: 0 } })
      expect(await verify(api, code)).toMatchObject({ status: 200, body: { ok: true, redeemed: true } })
      expect(await verify(api, code)).toMatchObject({ status: 422, body: { ok: false, reason: 'used', error: '该券已于12-01 10:00核销，不能重复使用。' } })
    })
  })

  it('refuses each reason with words a clerk understands', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      await api('/api/coupon-batches', { code: 'BDAY50', amount: 50, min_spend: 199, valid_days: 30 })
      await api('/api/coupon-batches', { code: 'SHORT', amount: 10, ends_at: '2026-12-01T12:00:00+08:00' })
      await api('/api/coupon-batches', { code: 'SOON', amount: 10, starts_at: '2026-12-10T00:00:00+08:00', ends_at: '2026-12-20T00:00:00+08:00' })
      await api('/api/coupon-batches', { code: 'ANNA30', kind: 'shared', amount: 30, valid_days: 7, cap: 1 })
      const bday = await issue(api, 'BDAY50', 'c1')
      const soon = await issue(api, 'SOON', 'c1')
      const short = await issue(api, 'SHORT', 'c1')
      const gone = await issue(api, 'WELCOME', 'c2')
      await ctx.db.update(coupons).set({ status: 'void', voidedAt: ctx.clock.now(), voidReason: '券码泄露' }).where(eq(coupons.code, gone))
      const typo = bday.slice(0, -1) + (bday.endsWith('0') ? '1' : '0')
      const c1 = { customer: { platform_id: 'c1' } }
      const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
        ['typo', {}, typo, /输错了一位/],
        ['unknown', {}, 'HELLO99', /查无此券/],
        ['not-yours', { customer: { platform_id: 'c2' } }, bday, /不属于这位顾客/],
        ['below-min-spend', { total: 150 }, bday, /满199元可用，本单150元/],
        ['not-yet-valid', {}, soon, /12-10 00:00起才能使用/],
        ['void', {}, gone, /已作废（原因：券码泄露）/],
        ['need-customer', {}, 'ANNA30', /通用券码.*写上顾客/],
      ]
      for (const [reason, extra, code, words] of cases) {
        const res = await verify(api, code, { redeem: false, ...extra })
        expect(res.status, reason).toBe(422)
        expect(res.body.reason).toBe(reason)
        expect(res.body.error).toMatch(words)
      }
      expect((await verify(api, 'ANNA30', c1)).body.ok).toBe(true)
      const used = await verify(api, 'ANNA30', c1)
      expect(used.body).toMatchObject({ reason: 'used', error: '这位顾客已于12-01 10:00用过 ANNA30，每人限用1次。' })
      expect((await verify(api, 'anna30', { customer: { platform_id: 'c2' } })).body).toMatchObject({ reason: 'cap-reached', error: 'ANNA30 的名额已满（共1份），本次无法使用。' })
      await run.advance(new Date('2026-12-01T12:00:00+08:00'))
      expect((await verify(api, short, { redeem: false })).body).toMatchObject({ reason: 'expired', error: '该券已于12-01 12:00过期，无法使用。' })
    }, {}, '2026-12-01T12:01:00+08:00')
  })
})

describe('coupons on orders', () => {
  it('redeems the order\'s code for its customer inside the order, and keeps a paid order whose code is refused', async () => {
    await withApi(async (api, run) => {
      await api('/api/coupon-batches', { code: 'BDAY50', amount: 50, min_spend: 199, valid_days: 30 })
      const welcome = await issue(api, 'WELCOME', 'c1')
      const bday = await issue(api, 'BDAY50', 'c1')
      const first = await order(api, 'o1', 'c1', welcome)
      expect(first).toMatchObject({ status: 201, body: { coupons: [{ code: welcome, ok: true }] } })
      const [row] = await run.app.ctx.db.select().from(coupons).where(eq(coupons.code, welcome))
      expect(row).toMatchObject({ status: 'redeemed', redeemedOrderId: first.body.order_id, redeemedVia: 'api:shop' })
      // a retried webhook answers what happened the first time and redeems nothing more
      expect(await order(api, 'o1', 'c1', welcome)).toMatchObject({ status: 200, body: { duplicate: true, coupons: [{ code: welcome, ok: true }] } })
      // the minimum spend is the items' value
      expect(await order(api, 'o2', 'c1', bday, [{ sku: 'wipes', qty: 1 }])).toMatchObject({ status: 201, body: { coupons: [{ ok: false, reason: 'below-min-spend', message: '还没到使用门槛：满199元可用，本单19.9元。' }] } })
      expect(await order(api, 'o3', 'c2', bday)).toMatchObject({ status: 201, body: { coupons: [{ ok: false, reason: 'not-yours' }] } })
      expect(await order(api, 'o4', 'walk-in', bday)).toMatchObject({ status: 201, body: { customer_matched: false, coupons: [{ ok: false, reason: 'no-customer' }] } })
      // what was paid is after the coupon: the 199 of goods meet 满199 though 149 was paid
      const paid = await api('/api/orders', { source: 'youzan', external_id: 'o5', customer: { platform_id: 'c1' }, items: [{ sku: 'milk-1', qty: 1 }], total: 149, coupon: bday, paid_at: '2026-12-01T10:00:00+08:00' }, SHOP)
      expect(paid).toMatchObject({ status: 201, body: { coupons: [{ code: bday, ok: true }] } })
    })
  })

  it('answers every other refusal on an order too, in words, and keeps each paid order', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      await api('/api/coupon-batches', { code: 'SHORT', amount: 10, ends_at: '2026-12-01T10:30:00+08:00' })
      await api('/api/coupon-batches', { code: 'SOON', amount: 10, starts_at: '2026-12-10T00:00:00+08:00', ends_at: '2026-12-20T00:00:00+08:00' })
      await api('/api/coupon-batches', { code: 'ANNA30', kind: 'shared', amount: 30, valid_days: 7, cap: 1 })
      const short = await issue(api, 'SHORT', 'c1')
      const soon = await issue(api, 'SOON', 'c1')
      const gone = await issue(api, 'WELCOME', 'c1')
      await ctx.db.update(coupons).set({ status: 'void', voidedAt: ctx.clock.now(), voidReason: '券码泄露' }).where(eq(coupons.code, gone))
      const typo = soon.slice(0, -1) + (soon.endsWith('0') ? '1' : '0')
      const cases: Array<[string, string, string, string]> = [
        ['typo', 'c1', typo, `券码「${typo}」有误，可能输错了一位，请核对后重新输入。`],
        ['not-yet-valid', 'c1', soon, '该券12-10 00:00起才能使用，请到时再来～'],
        ['void', 'c1', gone, '该券已作废（原因：券码泄露），无法使用。'],
        ['ok', 'c1', 'anna30', ''],
        ['used', 'c1', 'ANNA30', '这位顾客已于12-01 10:00用过 ANNA30，每人限用1次。'],
        ['cap-reached', 'c2', 'ANNA30', 'ANNA30 的名额已满（共1份），本次无法使用。'],
        ['unknown', 'c2', 'HELLO1', '查无此券：「HELLO1」，请核对券码后再试。'],
        ['unknown', 'c2', 'HELLO2', '查无此券：「HELLO2」，请核对券码后再试。'],
        ['unknown', 'c2', 'HELLO3', '查无此券：「HELLO3」，请核对券码后再试。'],
        ['unknown', 'c2', 'HELLO4', '查无此券：「HELLO4」，请核对券码后再试。'],
        ['unknown', 'c2', 'HELLO5', '查无此券：「HELLO5」，请核对券码后再试。'],
        // the 5th failure locked c2 out: even a real code is refused now, and the order is kept
        ['locked', 'c2', 'anna30', '券码输错次数过多，为了安全，核销已暂停，请于12-01 10:30后再试。'],
      ]
      let n = 0
      for (const [reason, customer, code, message] of cases) {
        const res = await order(api, `r${++n}`, customer, code)
        expect(res.status, reason).toBe(201)
        expect(res.body.coupons[0], reason).toEqual(reason === 'ok' ? { code: 'ANNA30', ok: true } : { code: expect.any(String), ok: false, reason, message })
      }
      await run.advance(new Date('2026-12-01T10:30:00+08:00'))
      expect((await order(api, `r${++n}`, 'c1', short)).body.coupons).toEqual([{ code: short, ok: false, reason: 'expired', message: '该券已于12-01 10:30过期，无法使用。' }])
    }, {}, '2026-12-01T10:31:00+08:00')
  })

  it('gives a refunded order\'s coupons back once: the unique coupon usable again, the shared use and its place freed', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      await api('/api/coupon-batches', { code: 'VIP10', amount: 10, valid_days: 30, stacks: true })
      await api('/api/coupon-batches', { code: 'FANS5', kind: 'shared', amount: 5, valid_days: 7, stacks: true, cap: 1 })
      const vip = await issue(api, 'VIP10', 'c1')
      const paid = await order(api, 'o1', 'c1', [vip, 'FANS5'])
      expect(paid.body.coupons.map((c: { ok: boolean }) => c.ok)).toEqual([true, true])
      const release = () => ctx.db.transaction((tx) => releaseOrderCoupons(ctx, tx, paid.body.order_id, { via: 'api:shop', contactId: null }))
      expect(await release()).toEqual({ unique: 1, shared: 1 })
      expect(await release()).toEqual({ unique: 0, shared: 0 })
      const [row] = await ctx.db.select().from(coupons).where(eq(coupons.code, vip))
      expect(row).toMatchObject({ status: 'issued', redeemedAt: null, redeemedOrderId: null })
      expect((await ctx.db.select().from(couponBatches).where(eq(couponBatches.code, 'FANS5')))[0]!.redeemedCount).toBe(0)
      expect((await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'coupon.release'))).length).toBe(1)
      // the next order uses both again: the coupon once more, and the shared code's one place under its cap
      expect((await order(api, 'o2', 'c1', [vip, 'FANS5'])).body.coupons.map((c: { ok: boolean }) => c.ok)).toEqual([true, true])
      expect((await order(api, 'o3', 'c2', 'FANS5')).body.coupons[0]).toMatchObject({ ok: false, reason: 'cap-reached' })
    })
  })

  it('puts one coupon on an order unless both stack', async () => {
    await withApi(async (api) => {
      await api('/api/coupon-batches', { code: 'VIP10', amount: 10, valid_days: 30, stacks: true })
      await api('/api/coupon-batches', { code: 'FANS5', kind: 'shared', amount: 5, valid_days: 7, stacks: true })
      const welcome = await issue(api, 'WELCOME', 'c1')
      const vip = await issue(api, 'VIP10', 'c1')
      const res = await order(api, 'o1', 'c1', [vip, welcome, 'FANS5'])
      expect(res.body.coupons.map((c: { ok: boolean, reason?: string }) => c.reason ?? 'ok')).toEqual(['ok', 'no-stacking', 'ok'])
      expect(res.body.coupons[1].message).toBe('这张券不能和其他优惠券叠加使用，本单已经用过券了。')
      // a shared code that stacks and may be used twice goes on one order once
      await api('/api/coupon-batches', { code: 'FANS2', kind: 'shared', amount: 5, valid_days: 7, stacks: true, per_customer: 2 })
      const twice = await order(api, 'o2', 'c2', ['FANS2', 'fans2'])
      expect(twice.body.coupons).toEqual([{ code: 'FANS2', ok: true }, { code: 'fans2', ok: false, reason: 'twice-on-order', message: '券码「fans2」在这一单里写了两次，同一个券码一单只能用一次。' }])
      expect((await order(api, 'o3', 'c2', 'FANS2')).body.coupons).toEqual([{ code: 'FANS2', ok: true }])
    })
  })
})

describe('brute-force lockout', () => {
  it('locks a customer on the 5th failure, lifts after 30 minutes, and never locks the till for other customers', async () => {
    await withApi(async (api, run) => {
      const good = await issue(api, 'WELCOME', 'c1')
      const other = await issue(api, 'WELCOME', 'c2')
      const c1 = { customer: { platform_id: 'c1' } }
      for (let i = 1; i <= 4; i++) expect((await verify(api, `GUESS${i}`, c1)).body.reason).toBe('unknown')
      expect((await verify(api, 'GUESS5', c1)).body.reason).toBe('unknown')
      // the 5th failure locked c1: even the right code is refused now, with when to come back
      const locked = await verify(api, good, c1)
      expect(locked).toMatchObject({ status: 429, body: { reason: 'locked', error: '券码输错次数过多，为了安全，核销已暂停，请于12-01 10:30后再试。', retry_after: 1800 } })
      // the same till serves the next customer
      expect(await verify(api, other, { customer: { platform_id: 'c2' } })).toMatchObject({ status: 200, body: { ok: true } })
      await run.advance(new Date('2026-12-01T10:29:59+08:00'))
      expect((await verify(api, good, c1)).body.reason).toBe('locked')
      await run.advance(new Date('2026-12-01T10:30:00+08:00'))
      expect(await verify(api, good, c1)).toMatchObject({ status: 200, body: { ok: true } })
    }, {}, '2026-12-01T10:31:00+08:00')
  })

  it('counts 5 failures within 10 minutes against the stored attempts: a failure exactly 10 minutes old is out', async () => {
    await withApi(async (api, run) => {
      const good = await issue(api, 'WELCOME', 'c1')
      const c1 = { customer: { platform_id: 'c1' } }
      const failAt = async (time: string): Promise<void> => {
        await run.advance(new Date(`2026-12-01T${time}+08:00`))
        expect((await verify(api, `GUESS${time.replace(/:/g, '')}`, c1)).body.reason).toBe('unknown')
      }
      for (const time of ['10:00:00', '10:01:00', '10:02:00', '10:03:00']) await failAt(time)
      // the 5th failure exactly 10 minutes after the 1st: the 1st is out of the window, no lock
      await failAt('10:10:00')
      expect((await verify(api, good, { ...c1, redeem: false })).body.ok).toBe(true)
      // 10:01, 10:02, 10:03, 10:10 and this one are 5 within 10 minutes: locked until 30 minutes after it
      await failAt('10:10:30')
      expect((await verify(api, good, { ...c1, redeem: false })).body).toMatchObject({ reason: 'locked', error: expect.stringContaining('10:40') })
    }, {}, '2026-12-01T10:11:00+08:00')
  })

  it('locks a token that names nobody after 5 unknown codes; typos do not count', async () => {
    await withApi(async (api) => {
      const good = await issue(api, 'WELCOME', 'c1')
      const typo = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0')
      for (let i = 0; i < 6; i++) expect((await verify(api, typo)).body.reason).toBe('typo')
      for (let i = 1; i <= 5; i++) expect((await verify(api, `GUESS${i}`)).body.reason).toBe('unknown')
      expect((await verify(api, 'GUESS6')).status).toBe(429)
      // locked before any lookup: a real code (a lucky guess) is neither redeemed nor told apart, nor is a shared code
      await api('/api/coupon-batches', { code: 'ANNA30', kind: 'shared', amount: 30, valid_days: 7 })
      expect(await verify(api, good)).toMatchObject({ status: 429, body: { reason: 'locked' } })
      expect(await verify(api, 'ANNA30')).toMatchObject({ status: 429, body: { reason: 'locked' } })
      // naming the customer still serves them: the count is theirs
      expect(await verify(api, good, { customer: { platform_id: 'c1' } })).toMatchObject({ status: 200, body: { ok: true, redeemed: true } })
      // another token is not locked by this one
      expect((await verify(api, 'GUESS7', {}, OTHER)).status).toBe(403)
    })
  })

  it('takes its three numbers from the configuration', async () => {
    await withApi(async (api, run) => {
      const c1 = { customer: { platform_id: 'c1' } }
      const good = await issue(api, 'WELCOME', 'c1')
      // 3 failures 4 minutes apart do not lock within a 5-minute window ...
      for (const minute of [2, 6, 10]) {
        await run.advance(new Date(`2026-12-01T10:${String(minute).padStart(2, '0')}:00+08:00`))
        expect((await verify(api, `GUESS${minute}`, c1)).body.reason).toBe('unknown')
      }
      // ... 3 within it do, for 10 minutes
      await verify(api, 'GUESSA', c1)
      await verify(api, 'GUESSB', c1)
      expect((await verify(api, good, c1, TILL)).body).toMatchObject({ reason: 'locked', retry_after: 600 })
      await run.advance(new Date('2026-12-01T10:20:00+08:00'))
      expect((await verify(api, good, c1)).body.ok).toBe(true)
    }, { COUPON_LOCKOUT_FAILURES: '3', COUPON_LOCKOUT_WINDOW_MS: String(5 * 60_000), COUPON_LOCKOUT_MS: String(10 * 60_000) }, '2026-12-01T10:21:00+08:00')
  })
})

describe('issued coupons are found by the link the shop uses', () => {
  it('matches a customer by phone for an issue', async () => {
    await withApi(async (api, run) => {
      const ctx = run.app.ctx
      const { id } = await linkContact(ctx.db, ctx.account.id, 'p-phone', '手机顾客', ctx.clock.now())
      await updateProfile(ctx.db, id, { phone: '13800138000' } as never)
      const res = await api('/api/coupons/issue', { batch: 'WELCOME', customer: { phone: '138-0013-8000' }, request_id: 'p1' })
      expect(res).toMatchObject({ status: 201, body: { customer_id: id } })
    })
  })
})
