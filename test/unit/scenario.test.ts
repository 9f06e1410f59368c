import { describe, expect, it } from 'vitest'
import { parseScenario, ScenarioError } from '../../src/sandbox/scenario.ts'
import { formatInZone, parseRelative } from '../../src/domain/time.ts'

const base = { start: '2026-12-01T07:00:00+08:00', groups: [{ id: 'g1', topic: '群' }] }

describe('scenario times', () => {
  it('reads relative steps from the previous step', () => {
    const s = parseScenario({ ...base, steps: [{ at: '+90s' }, { at: '+30m' }, { at: '+2h' }, { at: '+3d' }] })
    const offsets = s.steps.map((x) => (x.at.getTime() - s.start.getTime()) / 1000)
    expect(offsets).toEqual([90, 90 + 1800, 90 + 1800 + 7200, 90 + 1800 + 7200 + 259_200])
    expect(s.end).toEqual(s.steps[3]!.at)
  })

  it('defaults seed to 42 and timezone to Asia/Shanghai', () => {
    const s = parseScenario(base)
    expect(s.seed).toBe(42)
    expect(s.timezone).toBe('Asia/Shanghai')
  })

  it('refuses a step naming a group that does not exist, with its path', () => {
    expect(() => parseScenario({ ...base, steps: [{ at: '+1m', say: { from: 'c1', group: 'nope', text: 'hi' } }] })).toThrow(new ScenarioError('steps[0].say.group: unknown group "nope"'))
  })

  it('refuses an operator who is not staff', () => {
    expect(() => parseScenario({ ...base, groups: [{ id: 'g1', topic: '群', operator: 'x' }] })).toThrow(/groups\[0\]\.operator/)
  })
})

describe('time helpers', () => {
  it('formats with the zone offset', () => {
    expect(formatInZone(new Date('2026-12-01T00:30:12Z'), 'Asia/Shanghai')).toBe('2026-12-01T08:30:12+08:00')
    expect(formatInZone(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00')
  })

  it('parses relative durations', () => {
    expect(parseRelative('+90s')).toBe(90_000)
    expect(parseRelative('+2h')).toBe(7_200_000)
    expect(parseRelative('90s')).toBeNull()
    expect(parseRelative('+1w')).toBeNull()
  })
})

describe('order steps', () => {
  const withProducts = { ...base, products: [{ sku: 'milk-1', name: '奶粉', price: 199 }] }
  it('refuses an order of a product the scenario does not list, naming the item', () => {
    expect(() => parseScenario({ ...withProducts, steps: [{ at: '+1m', order: { id: 'o1', customer: 'c1', items: [{ sku: 'milk-2', qty: 1 }] } }] }))
      .toThrow(new ScenarioError('steps[0].order.items[0].sku: "milk-2" is not in products'))
  })
  it('refuses an order id used twice', () => {
    const order = { id: 'o1', customer: 'c1', items: [{ sku: 'milk-1', qty: 1 }] }
    expect(() => parseScenario({ ...withProducts, steps: [{ at: '+1m', order }, { at: '+1m', order }] }))
      .toThrow(new ScenarioError('steps[1].order.id: "o1" is used twice'))
  })
  it('refunds only an earlier order step\'s order, and never cancels part of one', () => {
    const order = { id: 'o1', customer: 'c1', items: [{ sku: 'milk-1', qty: 1 }] }
    expect(() => parseScenario({ ...withProducts, steps: [{ at: '+1m', refund: { order: 'o1' } }, { at: '+1m', order }] }))
      .toThrow(new ScenarioError('steps[0].refund.order: "o1" is no earlier order step\'s id'))
    expect(() => parseScenario({ ...withProducts, steps: [{ at: '+1m', order }, { at: '+1m', refund: { order: 'o1', cancel: true, partial: true } }] }))
      .toThrow(new ScenarioError('steps[1].refund: a cancellation is always of the whole order'))
    expect(parseScenario({ ...withProducts, steps: [{ at: '+1m', order }, { at: '+1m', refund: { order: 'o1', partial: true } }] }).steps[1]!.action)
      .toEqual({ kind: 'refund', order: 'o1', partial: true })
  })
})

describe('scenario coupons', () => {
  it('keeps the contract\'s coupon batch valid and takes the extensions (gift, stacks, per_customer, name)', () => {
    const s = parseScenario({ ...base, coupons: [
      { code: 'ANNA30', kind: 'shared', value: 30, valid_days: 7, streamer: 'anna', cap: 50, min_spend: 0 },
      { code: 'TRIAL2', kind: 'unique', gift: '试用装', stacks: true, per_customer: 2, name: '试用装礼券' },
    ] })
    expect(s.coupons).toHaveLength(2)
  })

  it.each([
    [{ code: 'ANNA30', kind: 'shared' }, 'coupons[0]: give either value (yuan off) or gift'],
    [{ code: 'ANNA30', kind: 'shared', value: 30, gift: '试用装' }, 'coupons[0]: give either value (yuan off) or gift'],
    [{ code: 'ANNA-30', kind: 'shared', value: 30 }, 'coupons[0].code: 3-12 letters and digits'],
    [{ code: 'welcome', kind: 'unique', value: 30 }, /coupons\[0\]\.code: "welcome" is used twice \(or is a built-in batch/],
  ])('refuses the batch %j, naming the field', (batch, message) => {
    expect(() => parseScenario({ ...base, coupons: [batch] })).toThrow(message)
  })

  it('refuses the same code twice, folded (anna30 and ANNA3O are one code)', () => {
    expect(() => parseScenario({ ...base, coupons: [{ code: 'anna30', kind: 'shared', value: 30 }, { code: 'ANNA3O', kind: 'shared', value: 10 }] }))
      .toThrow('coupons[1].code: "ANNA3O" is used twice')
  })

  it('takes an order with one or several codes, and the unfriend step', () => {
    const s = parseScenario({ ...base, products: [{ sku: 'm', name: '奶粉', price: 1 }], steps: [
      { at: '+1m', order: { id: 'o1', customer: 'c1', items: [{ sku: 'm', qty: 1 }], coupon: ['latest', 'ANNA30'] } },
      { at: '+1m', unfriend: { contact: 'c1' } },
    ] })
    expect(s.steps.map((x) => x.action?.kind)).toEqual(['order', 'unfriend'])
    expect(() => parseScenario({ ...base, steps: [{ at: '+1m', unfriend: {} }] })).toThrow(/steps\[0\]\.unfriend\.contact/)
  })
})
