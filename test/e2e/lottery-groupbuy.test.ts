/** Lotteries and group-buys (SPEC 3.8): entries by keyword, a fair reproducible draw, teams formed or not in time. */
import { asc, isNotNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaigns, lotteryEntries } from '../../src/db/schema/index.ts'
import { drawSeed, drawWinners } from '../../src/domain/campaigns.ts'
import type { ActionRecord } from '../../src/sandbox/output.ts'
import { runSandbox, sentTo, type SandboxResult } from '../helpers/sandbox.ts'
import { CAMPAIGN_BASE } from '../helpers/campaigns.ts'

const LOTTERY = {
  kind: 'lottery', name: '双12抽奖', text: '双12回馈老粉', starts_at: '2026-12-01T09:00:00+08:00', ends_at: '2026-12-01T21:00:00+08:00',
  keyword: '抽奖', winners: 2, prize: '保温杯', created_by: 'mk', approved_by: 'boss',
}

const ENTRIES = [
  { at: '2026-12-01T10:30:00+08:00', say: { from: 'c1', group: 'g1', text: '抽奖' } },
  { at: '+1m', say: { from: 'c2', group: 'g1', text: '抽奖 ' } },
  { at: '+1m', say: { from: 'c3', group: 'g1', text: '抽奖' } },
  { at: '+1m', say: { from: 'c1', group: 'g1', text: '抽奖' } },
  { at: '+1m', say: { from: 'c4', group: 'g1', text: '我也要抽奖' } },
  { at: '+1m', say: { from: 'op1', group: 'g1', text: '抽奖' } },
  { at: '+1m', say: { from: 'c6', group: 'g2', text: '抽奖' } },
  { at: '+1m', say: { from: 'c7', group: 'g2', text: '抽奖' } },
  // too late: the draw is at 21:00
  { at: '2026-12-01T21:05:00+08:00', say: { from: 'c5', group: 'g1', text: '抽奖' } },
  { at: '2026-12-02T09:00:00+08:00' },
]

const mentionsIn = (r: SandboxResult, group: string, start: string) => r.actions
  .filter((a): a is Extract<ActionRecord, { type: 'send' }> => a.type === 'send' && JSON.stringify(a.to) === JSON.stringify({ group }) && a.text.startsWith(start))

async function lottery (seed: number) {
  let entries: Array<{ id: number, contactId: number, rank: number | null }> = []
  let stored = 0
  const result = await runSandbox({ ...CAMPAIGN_BASE, seed, campaigns: [LOTTERY], steps: ENTRIES }, {
    beforeShutdown: async (run) => {
      entries = await run.app.ctx.db.select({ id: lotteryEntries.id, contactId: lotteryEntries.contactId, rank: lotteryEntries.rank }).from(lotteryEntries).orderBy(asc(lotteryEntries.id))
      stored = (await run.app.ctx.db.select({ seed: campaigns.drawSeed }).from(campaigns).where(isNotNull(campaigns.drawSeed)))[0]!.seed!
    },
  })
  const results = [...mentionsIn(result, 'g1', '🎉「双12抽奖」开奖啦'), ...mentionsIn(result, 'g2', '🎉「双12抽奖」开奖啦')]
  return { result, entries, stored, winners: results.flatMap((r) => r.mentions ?? []).sort(), results }
}

describe('lottery', () => {
  it('takes one entry per member by the keyword in the window, draws distinct winners fairly, and repeats the draw with the same seed', async () => {
    const first = await lottery(8)
    // c1 twice, c2 with a trailing space, c3, c6, c7; not c4 (other words), not the operator, not c5 (after the end)
    expect(first.entries).toHaveLength(5)
    expect(first.result.summary.campaigns).toMatchObject({ lottery_entries: 5, lottery_winners: 2, done: 1 })
    expect(first.winners).toHaveLength(2)
    expect(new Set(first.winners).size).toBe(2)
    expect(first.winners.every((w) => ['c1', 'c2', 'c3', 'c6', 'c7'].includes(w))).toBe(true)
    expect(first.results.every((r) => r.text.includes('共5人参与，抽出2位幸运儿，奖品：保温杯'))).toBe(true)
    // the stored seed and the documented algorithm give exactly the ranks in the store
    const drawn = drawWinners(first.entries.map((e) => e.id), 2, first.stored)
    expect(first.entries.filter((e) => e.rank !== null).sort((a, b) => a.rank! - b.rank!).map((e) => e.id)).toEqual(drawn)
    expect(first.stored).toBe(drawSeed('8', 1))
    // a friend who entered hears it by DM; a winner who is a friend gets the prize by DM too
    expect(sentTo(first.result, { contact: 'c1' })[0]).toContain('你已成功参与「双12抽奖」抽奖')
    for (const w of first.winners.filter((c) => c === 'c1' || c === 'c2')) expect(sentTo(first.result, { contact: w }).some((t) => t.includes('中奖🎉奖品：保温杯'))).toBe(true)
    // the operator hears who won in each of their groups, once per group, to hand the prizes over
    const NAMES: Record<string, string> = { c1: '张三', c2: '李四', c3: '王五', c6: '孙八', c7: '周九' }
    const alerts = sentTo(first.result, { contact: 'op1' }).filter((t) => t.startsWith('【抽奖】「双12抽奖」已开奖'))
    const groupsWon = new Set(first.winners.map((w) => (['c6', 'c7'].includes(w) ? 'g2' : 'g1')))
    expect(alerts).toHaveLength(groupsWon.size)
    for (const w of first.winners) {
      const line = alerts.find((t) => t.includes(NAMES[w]!))
      expect(line).toBeDefined()
      // 张三 and 李四 are friends and got the DM; the others must be reached in the group
      expect(line!.includes(`${NAMES[w]}（未加好友`)).toBe(!['c1', 'c2'].includes(w))
    }
    // the result waits for the end; each group hears it once
    expect(first.results).toHaveLength(2)
    expect(first.results.every((r) => r.at.slice(11, 13) === '21')).toBe(true)

    const again = await lottery(8)
    expect(again.winners).toEqual(first.winners)
    expect(again.entries).toEqual(first.entries)
  })
})

describe('group-buy', () => {
  it('forms a team when it reaches its size in time and tells the whole team once; a team short at the end is told it failed', async () => {
    const result = await runSandbox({
      ...CAMPAIGN_BASE,
      campaigns: [{ kind: 'group_buy', name: '奶粉拼团', text: '3人成团立享7折', starts_at: '2026-12-01T09:00:00+08:00', ends_at: '2026-12-01T23:00:00+08:00', group_size: 3, created_by: 'mk', approved_by: 'boss' }],
      steps: [
        { at: '2026-12-01T08:30:00+08:00', say: { from: 'c1', group: 'g1', text: '/拼团' } },
        { at: '2026-12-01T10:00:00+08:00', say: { from: 'c1', group: 'g1', text: '/拼团' } },
        { at: '+1m', say: { from: 'c1', group: 'g1', text: '/groupbuy' } },
        { at: '+1m', say: { from: 'c2', group: 'g1', text: '/拼团' } },
        { at: '+1m', say: { from: 'c3', group: 'g1', text: '/参团' } },
        { at: '+1m', say: { from: 'c4', group: 'g1', text: '/拼团' } },
        { at: '+1m', say: { from: 'c6', group: 'g2', text: '/拼团' } },
        { at: '+1m', say: { from: 'c1', text: '/拼团' } },
        { at: '2026-12-02T09:00:00+08:00' },
      ],
    })
    const g1 = result.actions.filter((a): a is Extract<ActionRecord, { type: 'send' }> => a.type === 'send' && JSON.stringify(a.to) === JSON.stringify({ group: 'g1' }))
    const text = (t: string) => g1.find((a) => a.text.includes(t))
    expect(text('没有进行中的拼团')?.mentions).toEqual(['c1'])
    expect(text('当前 1/3 人，还差2人成团')?.mentions).toEqual(['c1'])
    expect(text('你已经在「奶粉拼团」的拼团里啦，当前 1/3 人')?.mentions).toEqual(['c1'])
    expect(text('当前 2/3 人')?.mentions).toEqual(['c2'])
    const formed = g1.filter((a) => a.text.includes('拼团成功'))
    expect(formed).toHaveLength(1)
    expect(formed[0]!.mentions).toEqual(['c1', 'c2', 'c3'])
    expect(text('本群已经成团啦🎉（共4人）')?.mentions).toEqual(['c4'])
    const failed = result.actions.filter((a): a is Extract<ActionRecord, { type: 'send' }> => a.type === 'send' && a.text.includes('这次没有成团'))
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ to: { group: 'g2' }, mentions: ['c6'] })
    // the end is at 23:00, in quiet hours: the news waits for the morning
    expect(failed[0]!.at >= '2026-12-02T08:00:00').toBe(true)
    expect(sentTo(result, { contact: 'c1' })).toEqual(['/拼团 需要在群里发送哦～'])
    expect(result.summary.campaigns).toMatchObject({ group_buy_joins: 5, group_buy_formed: 1, group_buy_failed: 1, done: 1 })
    expect(result.summary.campaigns.lottery_entries).toBe(0)
  })
})
