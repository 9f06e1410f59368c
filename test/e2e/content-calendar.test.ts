/** The daily cadence in the sandbox (SPEC 3.2): empty library, quiet-hour slots, changes after planning, /计划, /内容. */
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, posts } from '../../src/db/schema/index.ts'
import { groupIdFor } from '../../src/db/queries/links.ts'
import { registerGroup } from '../../src/services/community.ts'
import { SELF_ID } from '../../src/sandbox/community.ts'
import type { ActionRecord } from '../../src/sandbox/output.ts'
import { runSandbox, sentTo, type SandboxResult } from '../helpers/sandbox.ts'

const BASE = {
  seed: 5,
  start: '2026-12-01T07:00:00+08:00',
  staff: [
    { id: 'boss', name: '老板', role: 'owner' },
    { id: 'op1', name: '运营小王', role: 'operator' },
    { id: 'op2', name: '运营小李', role: 'operator' },
    { id: 'mk', name: '市场小张', role: 'marketer' },
  ],
  groups: [
    { id: 'g1', topic: '成都宝妈群', region: '成都', interests: ['育儿'], operator: 'op1', members: ['c1', 'c2', 'op1'] },
    { id: 'g2', topic: '上海美食群', region: '上海', interests: ['美食'], operator: 'op2', members: ['c3', 'op2'] },
  ],
  customers: [{ id: 'c1', name: '张三', friend: true, consent: true }, { id: 'c2', name: '李四' }, { id: 'c3', name: '王五' }],
}

const LIBRARY = [
  { kind: 'content', text: '育儿干货A：辅食添加', interests: ['育儿'] },
  { kind: 'content', text: '育儿干货B：宝宝睡眠', interests: ['育儿'] },
  { kind: 'content', text: '育儿干货C：早教游戏', interests: ['育儿'] },
  { kind: 'content', text: '美食干货A：火锅底料', interests: ['美食'] },
  { kind: 'content', text: '美食干货B：烘焙入门', interests: ['美食'] },
  { kind: 'promo', text: '育儿促销A：奶粉满减', interests: ['育儿'] },
  { kind: 'promo', text: '育儿促销B：纸尿裤第二件半价', interests: ['育儿'] },
  { kind: 'promo', text: '美食促销A：火锅套餐8折', interests: ['美食'] },
  { kind: 'promo', text: '美食促销B：烤箱包邮', interests: ['美食'] },
]

const groupSends = (r: SandboxResult, group: string) =>
  r.actions.filter((a): a is Extract<ActionRecord, { type: 'send' }> => a.type === 'send' && JSON.stringify(a.to) === JSON.stringify({ group }) && !a.mentions)

describe('daily cadence in the sandbox', () => {
  it('tells each group\'s operator once a day when the library has nothing for it, not once per slot or retry', async () => {
    const result = await runSandbox({
      ...BASE,
      groups: [...BASE.groups, { id: 'g3', topic: '无人运营群', members: ['c2'] }],
      steps: [{ at: '2026-12-03T23:00:00+08:00' }],
    }, {
      // A planner that fires twice more each day changes nothing either.
      onStarted: async (run) => {
        const { planningPass } = await import('../../src/services/content-calendar.ts')
        for (const at of ['2026-12-01T10:30:00+08:00', '2026-12-02T10:30:00+08:00']) {
          await run.advance(new Date(at))
          await Promise.all([planningPass(run.app.ctx), planningPass(run.app.ctx)])
          await run.settle()
        }
      },
    })
    const alerts = (who: string) => sentTo(result, { contact: who }).filter((t) => t.startsWith('【内容提醒】'))
    // 3 days each; g3 has no operator, so the owner hears of it
    for (const [who, topic] of [['op1', '成都宝妈群'], ['op2', '上海美食群'], ['boss', '无人运营群']] as const) {
      const mine = alerts(who)
      expect(mine, who).toHaveLength(3)
      expect(mine.every((t) => t.includes(`「${topic}」`) && t.includes('干货和促销'))).toBe(true)
      expect(new Set(mine.map((t) => t.match(/(\d\d-\d\d) 的/)![1])).size).toBe(3)
    }
    expect(result.actions.filter((a) => a.type === 'send' && 'group' in a.to)).toEqual([])
    expect(result.summary.posts).toMatchObject({ content: 0, promo: 0, skipped: 18, skipped_by_reason: { 'no-item': 18 }, no_content_alerts: 9 })
  })

  it('refuses a slot in quiet hours or too close to them, and moves today\'s planned posts to an allowed new slot', async () => {
    const result = await runSandbox({
      ...BASE,
      content: LIBRARY,
      steps: [
        { at: '2026-12-01T09:00:00+08:00', say: { from: 'op1', group: 'g1', text: '/群 设置 时段 23:00 20:00' } },
        { at: '+1m', say: { from: 'op1', group: 'g1', text: '/group set slots 07:59 20:00' } },
        { at: '+1m', say: { from: 'op1', group: 'g1', text: '/群 设置 时段 10:00 21:51' } },
        { at: '+1m', say: { from: 'op1', group: 'g1', text: '/群 设置 时段 11:30 21:50' } },
        { at: '2026-12-02T07:00:00+08:00' },
      ],
    })
    const replies = sentTo(result, { group: 'g1' }).filter((t) => /时段|发帖时间/.test(t))
    expect(replies.slice(0, 3).every((t) => t.includes('22:00-08:00') && t.includes('08:00 到 21:50'))).toBe(true)
    expect(replies[3]).toContain('11:30 / 21:50')
    const posted = groupSends(result, 'g1').filter((s) => /干货|促销/.test(s.text))
    // the planner had put today's content at 10:00; it went out at the new slot, once, and the promo likewise
    expect(posted.map((s) => s.text.slice(0, 4))).toEqual(['育儿干货', '育儿促销'])
    expect(posted[0]!.at >= '2026-12-01T11:30:00' && posted[0]!.at < '2026-12-01T11:41:00').toBe(true)
    expect(posted[1]!.at >= '2026-12-01T21:50:00' && posted[1]!.at < '2026-12-01T22:00:00').toBe(true)
  })

  it('replaces a retired item in a slot planned for it, skips and replaces slots on an operator\'s word, and shows the plan', async () => {
    let skipAudit = 0
    const result = await runSandbox({
      ...BASE,
      content: [...LIBRARY, { kind: 'promo', text: '育儿促销C：辅食机立减50', interests: ['育儿'] }],
      steps: [
        // the 08:00 pass planned 干货A for today and 干货B for tomorrow in g1; marketing retires A
        { at: '2026-12-01T08:30:00+08:00', say: { from: 'mk', text: '/内容 下架 1' } },
        { at: '+1m', say: { from: 'op1', group: 'g1', text: '/计划 跳过 明天 干货' } },
        { at: '+1m', say: { from: 'op1', group: 'g1', text: '/计划 换 今天 促销' } },
        { at: '+1m', say: { from: 'op1', group: 'g1', text: '/计划' } },
        { at: '+1m', say: { from: 'op2', group: 'g1', text: '/计划' } },
        { at: '2026-12-02T21:00:00+08:00' },
      ],
    }, { beforeShutdown: async (run) => { skipAudit = (await run.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'plan.skip'), eq(auditLog.outcome, 'ok')))).length } })
    expect(sentTo(result, { contact: 'mk' })[0]).toContain('已下架 #1')
    const posted = groupSends(result, 'g1').map((s) => `${s.at.slice(5, 10)} ${s.text}`)
    expect(posted).toEqual([
      // not B: B is tomorrow's, and an item is never posted twice in a group within 30 days
      '12-01 育儿干货C：早教游戏',
      // 促销A was planned for today, B for tomorrow; the operator asked for another than A
      '12-01 育儿促销C：辅食机立减50',
      // 12-02's content was skipped by the operator
      '12-02 育儿促销B：纸尿裤第二件半价',
    ])
    // staff business typed in the group is answered by DM: customers do not read the plan
    expect(sentTo(result, { group: 'g1' }).filter((t) => /计划|已跳过|已把|仅限/.test(t))).toEqual([])
    const op1 = sentTo(result, { contact: 'op1' })
    expect(op1.find((t) => t.startsWith('已跳过'))).toContain('12-02 的干货')
    expect(op1.find((t) => t.startsWith('已把'))).toBe('已把 12-01 的促销换成 #10：育儿促销C：辅食机立减50')
    const plan = op1.find((t) => t.startsWith('📅'))!
    expect(plan).toContain('「成都宝妈群」发布计划')
    expect(plan).toMatch(/12-02 周三 明天\n {2}10:0\d 干货 #2 育儿干货B：宝宝睡眠（已手动跳过）/)
    expect(plan).toContain('（预计）')
    // another group's operator may not see or change g1's plan
    expect(sentTo(result, { contact: 'op2' }).some((t) => t.includes('仅限本群运营和管理员'))).toBe(true)
    expect(skipAudit).toBe(1)
    expect(result.summary.posts.skipped_by_reason).toMatchObject({ operator: 1 })
  })

  it('fills a slot planned empty with the item a campaign frees from its own slot', async () => {
    const result = await runSandbox({
      ...BASE,
      content: LIBRARY.filter((i) => i.text !== '育儿促销B：纸尿裤第二件半价'),
      steps: [
        // the 08:00 pass gave 12-01 the only 育儿 promo and left 12-02's promo empty
        { at: '2026-12-01T08:30:00+08:00', say: { from: 'mk', text: '/活动 新建 节日 12-01 12:00 6小时 群:成都宝妈群 名称:午间特惠 午间特惠进行中' } },
        { at: '+1m', say: { from: 'boss', text: '/活动 通过 1' } },
        { at: '2026-12-02T21:00:00+08:00' },
      ],
    })
    expect(groupSends(result, 'g1').filter((s) => !s.text.includes('干货')).map((s) => `${s.at.slice(5, 10)} ${s.text.split('\n')[0]}`))
      .toEqual(['12-01 🎉午间特惠', '12-02 育儿促销A：奶粉满减'])
    expect(sentTo(result, { contact: 'op1' }).filter((t) => t.startsWith('【内容提醒】'))).toEqual([])
  })

  it('starts a group registered after today\'s content slot with the promo slot, not a late content post', async () => {
    let rows: Array<{ kind: string, status: string, skipReason: string | null }> = []
    const result = await runSandbox({ ...BASE, content: LIBRARY, steps: [{ at: '2026-12-01T21:00:00+08:00' }] }, {
      onStarted: async (run) => {
        await run.advance(new Date('2026-12-01T15:00:00+08:00'))
        run.community.mocker.createRoom({ id: 'g9@chatroom', topic: '新来的群', memberIdList: [SELF_ID], ownerId: SELF_ID } as never)
        await registerGroup(run.app.ctx, { platformId: 'g9@chatroom', topic: '新来的群' }, { topic: '新来的群', interests: ['育儿'] }, [])
      },
      beforeShutdown: async (run) => {
        const id = (await groupIdFor(run.app.ctx.db, run.app.ctx.account.id, 'g9@chatroom'))!
        rows = await run.app.ctx.db.select({ kind: posts.kind, status: posts.status, skipReason: posts.skipReason }).from(posts)
          .where(and(eq(posts.groupId, id), eq(posts.day, '2026-12-01'))).orderBy(posts.kind)
      },
    })
    expect(rows).toEqual([{ kind: 'content', status: 'skipped', skipReason: 'joined-late' }, { kind: 'promo', status: 'posted', skipReason: null }])
    expect(groupSends(result, 'g9').map((s) => s.text)).toEqual(['育儿促销A：奶粉满减'])
  })

  it('lets operators and marketers manage the library, an operator retire only their own items, and refuses customers', async () => {
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T09:00:00+08:00', say: { from: 'c1', text: '/内容 添加 干货 我也想发' } },
        { at: '+1m', say: { from: 'op2', text: '/内容 添加 促销 有效期:12-01~12-05 链接:https://shop.example.com/a 火锅套餐8折' } },
        { at: '+1m', say: { from: 'op1', text: '/内容 添加 干货 地区:成都 #育儿 #辅食 辅食添加的3个误区' } },
        { at: '+1m', say: { from: 'op1', text: '/content add content region:成都 #育儿 辅食添加的3个误区' } },
        { at: '+1m', say: { from: 'op1', text: '/内容 下架 1' } },
        { at: '+1m', say: { from: 'mk', text: '/内容 1' } },
        { at: '+1m', say: { from: 'mk', text: '/内容 下架 1' } },
        { at: '+1m', say: { from: 'op1', text: '/内容 添加 零食 好吃' } },
        { at: '+1m', say: { from: 'op1', text: '/内容' } },
        { at: '+5m' },
      ],
    })
    expect(sentTo(result, { contact: 'c1' })[0]).toMatch(/抱歉.*运营、市场和管理员/)
    const op1 = sentTo(result, { contact: 'op1' })
    expect(op1[0]).toBe('已加入内容库 #2（干货，适用：成都、育儿、辅食）。发送 /内容 2 查看。')
    expect(op1[1]).toContain('已经在内容库里了（#2）')
    expect(op1[2]).toContain('运营只能下架自己添加的内容')
    expect(op1[3]).toMatch(/^类型请写 干货 或 促销。\n用法：\/内容/)
    expect(op1[4]).toMatch(/内容库（共1条）：\n#2 干货｜辅食添加的3个误区（成都、育儿、辅食）/)
    const mk = sentTo(result, { contact: 'mk' })
    expect(mk[0]).toContain('有效期：12-01 至 12-05')
    expect(mk[0]).toContain('链接：https://shop.example.com/a')
    expect(mk[1]).toContain('已下架 #1')
    expect(result.summary.commands.refused).toBe(2)
  })
})
