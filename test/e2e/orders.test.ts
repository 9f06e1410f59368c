/** Sandbox order steps take the orders API's path: recorded once, matched to the scenario's customers. */
import { describe, expect, it } from 'vitest'
import { orders } from '../../src/db/schema/index.ts'
import { runSandbox } from '../helpers/sandbox.ts'

describe('sandbox orders', () => {
  it('records each order step through the orders API and counts them in the summary', async () => {
    let stored: Array<{ source: string, externalId: string, total: number, contactId: number | null, paidAt: Date }> = []
    const result = await runSandbox({
      start: '2026-12-01T10:00:00+08:00',
      products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 }],
      customers: [{ id: 'c1', name: '张三', friend: true, consent: true }],
      steps: [
        { at: '+1h', order: { id: 'o1', customer: 'c1', items: [{ sku: 'milk-1', qty: 2 }] } },
        { at: '+1h', order: { id: 'o2', customer: 'walk-in', items: [{ sku: 'milk-1', qty: 1 }] } },
      ],
    }, { beforeShutdown: async (run) => { stored = await run.app.ctx.db.select().from(orders).orderBy(orders.id) } })
    expect(stored.map((o) => [o.source, o.externalId, o.total, o.contactId !== null])).toEqual([['sandbox', 'o1', 398, true], ['sandbox', 'o2', 199, false]])
    expect(stored[0]!.paidAt.toISOString()).toBe('2026-12-01T03:00:00.000Z')
    expect(result.summary.orders).toEqual({ recorded: 2, unmatched: 1, refunded: 0, revenue: 597 })
  })

  it('posts refund steps to the refund API: a full refund leaves the revenue, a partial one stays in it', async () => {
    let stored: Array<{ externalId: string, status: string, refundedAt: Date | null }> = []
    const result = await runSandbox({
      start: '2026-12-01T10:00:00+08:00',
      products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199 }],
      customers: [{ id: 'c1', name: '张三', friend: true, consent: true }],
      steps: [
        { at: '+1h', order: { id: 'o1', customer: 'c1', items: [{ sku: 'milk-1', qty: 2 }] } },
        { at: '+1h', order: { id: 'o2', customer: 'c1', items: [{ sku: 'milk-1', qty: 1 }] } },
        { at: '+1h', refund: { order: 'o1' } },
        { at: '+1h', refund: { order: 'o2', partial: true } },
      ],
    }, { beforeShutdown: async (run) => { stored = await run.app.ctx.db.select().from(orders).orderBy(orders.id) } })
    expect(stored.map((o) => [o.externalId, o.status, o.refundedAt?.toISOString()])).toEqual([['o1', 'refunded', '2026-12-01T05:00:00.000Z'], ['o2', 'paid', '2026-12-01T06:00:00.000Z']])
    expect(result.summary.orders).toEqual({ recorded: 2, unmatched: 0, refunded: 1, revenue: 199 })
    expect(result.summary.points).toMatchObject({ earned: 597, spent: 398 })
  })
})
