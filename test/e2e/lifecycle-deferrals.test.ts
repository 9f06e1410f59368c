/**
 * Lifecycle DMs deferred by the hours or a cap are asked again by a later hourly pass (crm-dm-pass) on the virtual
 * clock: each goes out once, at the first allowed moment, never lost and never twice.
 */
import { describe, expect, it } from 'vitest'
import { marketingDms } from '../../src/db/schema/index.ts'
import { runSandbox, type SandboxResult } from '../helpers/sandbox.ts'

type Send = Extract<SandboxResult['actions'][number], { type: 'send' }>

describe('deferred lifecycle DMs', () => {
  it('redoes care put off by the night and by the daily cap on the next allowed pass, once each', async () => {
    let decisions: Array<{ cause: string, status: string }> = []
    const result = await runSandbox({
      start: '2026-12-01T08:00:00+08:00',
      staff: [{ id: 'op1', name: '运营小王', role: 'owner' }],
      groups: [{ id: 'g1', topic: '成都宝妈育儿群', operator: 'op1', members: ['op1', 'c1', 'c2'] }],
      customers: [
        { id: 'c1', name: '张三', friend: true, consent: true },
        // c2's birthday is the day their care falls due: the birthday takes the day's slot, care waits 24 h
        { id: 'c2', name: '李四', friend: true, consent: true, birthday: '1990-12-02' },
      ],
      products: [{ sku: 'wipes', name: '湿巾', price: 19.9 }],
      steps: [
        // paid at night: care is due at 00:00 on 12-02, and held by the hours until 09:00
        { at: '2026-12-01T20:30:00+08:00', order: { id: 'o1', customer: 'c1', items: [{ sku: 'wipes', qty: 1 }] } },
        { at: '+1m', order: { id: 'o2', customer: 'c2', items: [{ sku: 'wipes', qty: 1 }] } },
        { at: '2026-12-03T23:00:00+08:00' },
      ],
    }, {
      beforeShutdown: async (run) => {
        decisions = (await run.app.ctx.db.select({ cause: marketingDms.cause, status: marketingDms.status }).from(marketingDms))
          .map((d) => ({ cause: d.cause.replace(/-\d+(-\d{4})?$/, ''), status: d.status })).sort((a, b) => a.cause.localeCompare(b.cause))
      },
    })
    const dms = (contact: string) => result.actions.filter((a): a is Send => a.type === 'send' && 'contact' in a.to && a.to.contact === contact)
    const c1 = dms('c1')
    expect(c1).toHaveLength(1)
    expect(c1[0]!.at.slice(0, 13)).toBe('2026-12-02T09') // the first pass of the allowed hours
    const c2 = dms('c2')
    expect(c2).toHaveLength(2)
    expect(c2[0]!.text).toMatch(/生日快乐/)
    expect(c2[0]!.at.slice(0, 10)).toBe('2026-12-02')
    expect(c2[1]!.at.slice(0, 10)).toBe('2026-12-03') // care, the next day, 24 h after the birthday DM
    expect(decisions).toEqual([{ cause: 'birthday', status: 'sent' }, { cause: 'care', status: 'sent' }, { cause: 'care', status: 'sent' }])
  })
})
