/** Scenario keys of the content calendar and campaigns: valid files parse, wrong ones name the entry and field. */
import { describe, expect, it } from 'vitest'
import { parseScenario, ScenarioError } from '../../src/sandbox/scenario.ts'

const base = {
  start: '2026-12-01T07:00:00+08:00',
  staff: [{ id: 'boss', name: '老板', role: 'owner' }, { id: 'mk', name: '市场', role: 'marketer' }, { id: 'op', name: '运营', role: 'operator' }],
  groups: [{ id: 'g1', topic: '群' }],
}
const lottery = { kind: 'lottery', name: '抽奖', text: '参与', starts_at: '2026-12-01T09:00:00+08:00', ends_at: '2026-12-01T21:00:00+08:00', keyword: '抽奖', winners: 1 }

describe('content and campaigns in a scenario', () => {
  it('keeps the contract\'s content items valid and takes the extensions', () => {
    const s = parseScenario({
      ...base,
      content: [{ kind: 'content', text: '干货', interests: ['育儿'] }, { kind: 'promo', text: '促销', region: '成都', link: 'https://x.example', valid_until: '2026-12-31T00:00:00+08:00' }],
      campaigns: [{ ...lottery, target: { groups: ['g1'] }, created_by: 'mk', approved_by: 'boss' }, { ...lottery, kind: 'holiday', keyword: undefined, winners: undefined, status: 'draft' }],
    })
    expect(s.content).toHaveLength(2)
    expect(s.campaigns.map((c) => [c.status, c.priority, c.target])).toEqual([['approved', 0, { groups: ['g1'] }], ['draft', 0, 'all']])
  })

  it('takes an item\'s validity as dates (each group\'s own days) or ISO times, not one of each', () => {
    const content = (valid: Record<string, string>) => parseScenario({ ...base, content: [{ kind: 'content', text: '干货', ...valid }] }).content
    expect(content({ valid_from: '2026-12-01', valid_until: '2026-12-31' })).toHaveLength(1)
    expect(() => content({ valid_from: '2026-12-01', valid_until: '2026-12-31T00:00:00+08:00' })).toThrow(/content\[0\]\.valid_from: valid_from and valid_until must both be dates or both ISO times|content\.0\.valid_from/)
    expect(() => content({ valid_until: '12/31' })).toThrow(/valid_until "12\/31" is not a date/)
  })

  it('names the entry and field of a wrong campaign', () => {
    const wrong = (c: Record<string, unknown>) => () => parseScenario({ ...base, campaigns: [c] })
    expect(wrong({ ...lottery, approved_by: 'mk' })).toThrow(new ScenarioError('campaigns[0].approved_by: "mk" is not an admin or owner in staff (marketers cannot approve)'))
    expect(wrong({ ...lottery, created_by: 'op' })).toThrow(/campaigns\[0\]\.created_by: "op" is not a marketer, admin or owner/)
    expect(wrong({ ...lottery, target: { groups: ['g9'] } })).toThrow(new ScenarioError('campaigns[0].target.groups: unknown group "g9"'))
    expect(wrong({ ...lottery, keyword: undefined })).toThrow(/campaigns\[0\]: a lottery needs a keyword/)
    expect(wrong({ ...lottery, ends_at: '2026-12-01T08:00:00+08:00' })).toThrow(/campaigns\[0\]: ends_at must be after starts_at/)
    expect(wrong({ ...lottery, kind: 'raffle' })).toThrow(/campaigns\.0\.kind|campaigns\[0\]\.kind/)
  })

  it('refuses a group slot in or too close to quiet hours', () => {
    expect(() => parseScenario({ ...base, groups: [{ id: 'g1', topic: '群', slots: { promo: '21:55' } }] }))
      .toThrow(new ScenarioError('groups[0].slots.promo: 21:55 is in or too close to quiet hours (22:00-08:00); use 08:00-21:50'))
    expect(parseScenario({ ...base, groups: [{ id: 'g1', topic: '群', slots: { content: '8:00', promo: '21:50' } }] }).groups).toHaveLength(1)
  })
})
