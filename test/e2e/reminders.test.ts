/** Repurchase reminders in the sandbox (SPEC 3.7): the done-when scenarios, end to end on the virtual clock. */
import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { contactIdFor } from '../../src/db/queries/links.ts'
import { marketingDms, reminders } from '../../src/db/schema/index.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { runSandbox, type SandboxResult } from '../helpers/sandbox.ts'

const scenario = {
  start: '2026-12-01T08:00:00+08:00',
  staff: [{ id: 'op1', name: '运营小王', role: 'owner' }],
  groups: [{ id: 'g1', topic: '成都宝妈育儿群', operator: 'op1', members: ['op1', 'c1', 'c2', 'c3', 'c4', 'c5'] }],
  customers: [
    { id: 'c1', name: '张三', friend: true, consent: true },
    { id: 'c2', name: '李四', friend: true, consent: true },
    { id: 'c3', name: '王五', friend: true, consent: true },
    { id: 'c4', name: '赵六', friend: false, consent: true },
    { id: 'c5', name: '钱七', friend: true, consent: true },
  ],
  products: [
    { sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 },
    { sku: 'cream', name: '润肤霜', price: 89, cycle_days: 30 },
  ],
  steps: [
    // day 0
    { at: '2026-12-01T10:00:00+08:00', order: { id: 'o1', customer: 'c1', items: [{ sku: 'milk-1', qty: 1 }] } },
    { at: '+1m', order: { id: 'o2', customer: 'c2', items: [{ sku: 'milk-1', qty: 1 }] } },
    { at: '+1m', order: { id: 'o3', customer: 'c3', items: [{ sku: 'milk-1', qty: 1 }] } },
    { at: '+1m', order: { id: 'o4', customer: 'c4', items: [{ sku: 'milk-1', qty: 1 }] } },
    { at: '+1m', order: { id: 'o5', customer: 'c5', items: [{ sku: 'milk-1', qty: 1 }, { sku: 'cream', qty: 1 }] } },
    { at: '2026-12-06T11:00:00+08:00', say: { from: 'c3', text: 'TD' } },
    // day 20: c2 buys again, so day 27 has nothing for them
    { at: '2026-12-21T10:00:00+08:00', order: { id: 'o2b', customer: 'c2', items: [{ sku: 'milk-1', qty: 1 }] } },
    // day 29: c1 buys again within 14 days of the reminder
    { at: '2026-12-30T10:00:00+08:00', order: { id: 'o1b', customer: 'c1', items: [{ sku: 'milk-1', qty: 2 }] } },
    { at: '+2h' },
  ],
}

type Send = Extract<SandboxResult['actions'][number], { type: 'send' }>
const reminderSends = (result: SandboxResult, contact: string): Send[] =>
  result.actions.filter((a): a is Send => a.type === 'send' && JSON.stringify(a.to) === JSON.stringify({ contact }) && a.text.includes('快用完'))

describe('repurchase reminders in the sandbox', () => {
  it('reminds on day 27 at an allowed hour, once; skips and records opt-outs and non-friends; holds the second of two the next day; converts a repurchase', async () => {
    let rows: Array<{ contact: string, status: string, reason: string | null }> = []
    let skips: Array<{ kind: string, reason: string | null }> = []
    const result = await runSandbox(scenario, {
      beforeShutdown: async (run: RunningScenario) => {
        const ctx = run.app.ctx
        const names = new Map<number, string>()
        for (const c of ['c1', 'c2', 'c3', 'c4', 'c5']) names.set((await contactIdFor(ctx.db, ctx.account.id, c))!, c)
        rows = (await ctx.db.select().from(reminders).orderBy(reminders.id)).map((r) => ({ contact: names.get(r.contactId)!, status: r.status, reason: r.reason }))
        skips = await ctx.db.select({ kind: marketingDms.kind, reason: marketingDms.reason }).from(marketingDms).where(eq(marketingDms.status, 'skipped'))
      },
    })
    // c1: exactly one reminder, on day 27 (12-28), at an allowed hour, with a personal coupon
    const c1 = reminderSends(result, 'c1')
    expect(c1).toHaveLength(1)
    expect(c1[0]!.at.slice(0, 10)).toBe('2026-12-28')
    const hour = Number(c1[0]!.at.slice(11, 13))
    expect(hour).toBeGreaterThanOrEqual(9)
    expect(hour).toBeLessThan(21)
    expect(c1[0]!.text).toMatch(/「婴儿奶粉」/)
    expect(c1[0]!.text).toMatch(/专属复购券「满99减20券」：[0-9A-Z]{4}-/)
    // c2 bought again on day 20: nothing on day 27
    expect(reminderSends(result, 'c2')).toHaveLength(0)
    // c3 opted out (TD), c4 is not a friend: no DM, the skip recorded with its reason
    expect(reminderSends(result, 'c3')).toHaveLength(0)
    expect(result.actions.some((a) => a.type === 'send' && JSON.stringify(a.to) === '{"contact":"c4"}')).toBe(false)
    expect(skips.filter((s) => s.kind === 'repurchase').map((s) => s.reason).sort()).toEqual(['not-friend', 'opted-out'])
    // c5: two reminders due the same day become one DM that day and the other the next allowed day
    const c5 = reminderSends(result, 'c5')
    expect(c5.map((s) => s.at.slice(0, 10))).toEqual(['2026-12-28', '2026-12-29'])
    expect(c5.every((s) => Number(s.at.slice(11, 13)) >= 9 && Number(s.at.slice(11, 13)) < 21)).toBe(true)
    expect(c5.map((s) => /「(.+?)」/.exec(s.text)![1]).sort()).toEqual(['婴儿奶粉', '润肤霜'])

    expect([...rows].sort((a, b) => a.contact.localeCompare(b.contact))).toEqual([
      { contact: 'c1', status: 'converted', reason: null },
      { contact: 'c3', status: 'skipped', reason: 'opted-out' },
      { contact: 'c4', status: 'skipped', reason: 'not-friend' },
      { contact: 'c5', status: 'sent', reason: null },
      { contact: 'c5', status: 'sent', reason: null },
    ])
    expect(result.summary.reminders).toMatchObject({ sent: 3, converted: 1, skipped_by_reason: { 'not-friend': 1, 'opted-out': 1 } })
    // buyers in the period: c1..c5; c1 and c2 bought again
    expect(result.summary.kpis.repurchase_rate).toBe(0.4)
  })
})
