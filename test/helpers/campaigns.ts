/** A community for campaign scenarios, and reading a group's promo posts from a run. */
import type { ActionRecord } from '../../src/sandbox/output.ts'
import type { SandboxResult } from './sandbox.ts'

export const CAMPAIGN_BASE = {
  seed: 8,
  start: '2026-12-01T07:00:00+08:00',
  staff: [
    { id: 'boss', name: '老板', role: 'owner' },
    { id: 'adm', name: '管理员老周', role: 'admin' },
    { id: 'op1', name: '运营小王', role: 'operator' },
    { id: 'mk', name: '市场小张', role: 'marketer' },
  ],
  groups: [
    { id: 'g1', topic: '成都宝妈群', region: '成都', interests: ['育儿'], operator: 'op1', members: ['c1', 'c2', 'c3', 'c4', 'c5', 'op1'] },
    { id: 'g2', topic: '上海美食群', region: '上海', interests: ['美食'], operator: 'op1', members: ['c6', 'c7'] },
  ],
  customers: [
    { id: 'c1', name: '张三', friend: true, consent: true }, { id: 'c2', name: '李四', friend: true }, { id: 'c3', name: '王五' },
    { id: 'c4', name: '赵六' }, { id: 'c5', name: '钱七' }, { id: 'c6', name: '孙八' }, { id: 'c7', name: '周九' },
  ],
  content: [
    { kind: 'content', text: '通用干货1' }, { kind: 'content', text: '通用干货2' }, { kind: 'content', text: '通用干货3' },
    { kind: 'promo', text: '通用促销1' }, { kind: 'promo', text: '通用促销2' }, { kind: 'promo', text: '通用促销3' },
  ],
}

export const promosOf = (r: SandboxResult, group: string) => r.actions
  .filter((a): a is Extract<ActionRecord, { type: 'send' }> => a.type === 'send' && JSON.stringify(a.to) === JSON.stringify({ group }) && !a.mentions && !a.text.includes('干货'))
  .map((a) => ({ day: a.at.slice(5, 10), time: a.at.slice(11, 16), text: a.text.split('\n')[0]! }))

