/** Lifecycle DMs through the gate (SPEC 3.7): birthday, reactivation, post-purchase care; once each, skips recorded. */
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactIdFor } from '../../src/db/queries/links.ts'
import { contacts, couponBatches, coupons, marketingDms } from '../../src/db/schema/index.ts'
import { sendBirthdays, sendCare, sendReactivations } from '../../src/services/lifecycle.ts'
import { runSandbox, sentTo } from '../helpers/sandbox.ts'

const base = {
  start: '2026-12-01T10:00:00+08:00',
  staff: [{ id: 'op1', name: '运营小王', role: 'owner' }],
  groups: [{ id: 'g1', topic: '成都宝妈育儿群', operator: 'op1', members: ['c1', 'c2', 'c3', 'op1'] }],
  products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 }],
}

describe('lifecycle DMs', () => {
  it('greets a birthday on the day with a gift coupon, once a year; a 02-29 birthday counts on 02-28; non-friends are not targeted', async () => {
    let outcomes: number[] = []
    const result = await runSandbox({
      ...base,
      start: '2027-02-28T10:00:00+08:00',
      customers: [
        { id: 'c1', name: '张三', friend: true, consent: true, birthday: '1990-02-28' },
        { id: 'c2', name: '李四', friend: true, consent: true, birthday: '1992-02-29' },
        { id: 'c3', name: '王五', friend: false, consent: true, birthday: '1991-02-28' },
        { id: 'c4', name: '赵六', friend: true, consent: true, birthday: '1991-03-01' },
      ],
      steps: [{ at: '+1m' }, { at: '+1m' }],
    }, async (run) => {
      outcomes = [await sendBirthdays(run.app.ctx), await sendBirthdays(run.app.ctx)]
      expect(await run.app.ctx.db.select().from(coupons).innerJoin(couponBatches, eq(couponBatches.id, coupons.batchId)).where(eq(couponBatches.code, 'BIRTHDAY'))).toHaveLength(2)
    })
    expect(outcomes).toEqual([2, 0])
    expect(sentTo(result, { contact: 'c1' })[0]).toMatch(/生日快乐[\s\S]*生日礼券「30元无门槛券」：[0-9A-Z]{4}-/)
    expect(sentTo(result, { contact: 'c2' })).toHaveLength(1)
    expect(sentTo(result, { contact: 'c4' })).toHaveLength(0)
    expect(result.summary.lifecycle.birthday).toBe(2)
  })

  it('reactivates a friend silent for 60 days once, and not again within 90 days of it', async () => {
    await runSandbox({ ...base, customers: [{ id: 'c1', name: '张三', friend: true, consent: true }, { id: 'c2', name: '李四', friend: true, consent: true }], steps: [{ at: '+1m' }] }, async (run) => {
      const ctx = run.app.ctx
      const c1 = (await contactIdFor(ctx.db, ctx.account.id, 'c1'))!
      const c2 = (await contactIdFor(ctx.db, ctx.account.id, 'c2'))!
      const daysAgo = (d: number) => new Date(ctx.clock.now().getTime() - d * 86_400_000)
      await ctx.db.update(contacts).set({ lastActiveAt: daysAgo(61) }).where(eq(contacts.id, c1))
      await ctx.db.update(contacts).set({ lastActiveAt: daysAgo(59) }).where(eq(contacts.id, c2))
      expect(await sendReactivations(ctx)).toBe(1)
      expect(await sendReactivations(ctx)).toBe(0)
      // c1 came back and fell silent again: due again, but within 90 days of the last reactivation, so nothing
      await ctx.db.update(contacts).set({ lastActiveAt: daysAgo(60.5) }).where(eq(contacts.id, c1))
      expect(await sendReactivations(ctx)).toBe(0)
      const rows = await ctx.db.select().from(marketingDms).where(eq(marketingDms.kind, 'reactivation'))
      expect(rows.map((r) => [r.contactId, r.status])).toEqual([[c1, 'sent']])
    })
  })

  it('sends post-purchase care the next day, and records a stale skip when it could not go out in time', async () => {
    let rows: Array<{ status: string, reason: string | null }> = []
    await runSandbox({ ...base, customers: [{ id: 'c1', name: '张三', friend: true, consent: true }, { id: 'c2', name: '李四', friend: true, consent: true }], steps: [{ at: '+1m' }] }, async (run) => {
      const ctx = run.app.ctx
      await run.shop.order({ kind: 'order', id: 'today', customer: 'c1', items: [{ sku: 'milk-1', qty: 1 }] }, '2026-12-01T09:00:00+08:00')
      await run.shop.order({ kind: 'order', id: 'yesterday', customer: 'c1', items: [{ sku: 'milk-1', qty: 1 }] }, '2026-11-30T09:00:00+08:00')
      await run.shop.order({ kind: 'order', id: 'long-ago', customer: 'c2', items: [{ sku: 'milk-1', qty: 1 }] }, '2026-11-27T09:00:00+08:00')
      expect(await sendCare(ctx)).toBe(1) // yesterday's order; today's waits for tomorrow
      expect(await sendCare(ctx)).toBe(0)
      rows = await ctx.db.select({ status: marketingDms.status, reason: marketingDms.reason }).from(marketingDms).where(eq(marketingDms.kind, 'care')).orderBy(sql`id`)
    })
    // the 11-27 purchase was due 11-28: more than 3 days ago
    expect(rows).toEqual([{ status: 'sent', reason: null }, { status: 'skipped', reason: 'stale' }])
  })
})
