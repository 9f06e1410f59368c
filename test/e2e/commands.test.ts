import { describe, expect, it } from 'vitest'
import { BASE, contentAlert, runSandbox, sentTo } from '../helpers/sandbox.ts'
import { count, sql } from 'drizzle-orm'
import { auditLog, groups, messageLog, staffMembers } from '../../src/db/schema/index.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'

/** Every privileged command we ship, as typed in group g1 (operator op1) or by DM. */
const PRIVILEGED = [
  { where: 'g1', text: '/group' },
  { where: 'g1', text: '/group set region 上海' },
  { where: 'g1', text: '/群设置 设置 兴趣 美食,烘焙' },
  { where: 'g1', text: '/group set operator 运营小李' },
  { where: 'g1', text: '/group set timezone Asia/Tokyo' },
  { where: 'g1', text: '/group set slots 09:00 19:00' },
  { where: 'dm', text: '/role 张三 admin' },
  { where: 'g1', text: '/角色 张三 店员' },
]

describe('privileged commands', () => {
  it.each([
    ['a customer', 'c1'],
    ['the operator of another group', 'op2'],
    ['a marketer', 'mk'],
    ['a store clerk', 'clerk'],
  ])('politely refuses %s every privileged command, changes nothing and audits it', async (_who, caller) => {
    const snapshot = async (run: RunningScenario) => ({
      groups: await run.app.ctx.db.select().from(groups).orderBy(groups.id),
      roles: await run.app.ctx.db.select().from(staffMembers).orderBy(staffMembers.id),
    })
    let before: unknown = null
    let after: unknown = null
    const result = await runSandbox({
      ...BASE,
      steps: [
        ...PRIVILEGED.map((c, i) => ({ at: i === 0 ? '2026-12-01T10:00:00+08:00' : '+1m', say: { from: caller, text: c.text, ...(c.where === 'dm' ? {} : { group: c.where }) } })),
        { at: '+5m' },
      ],
    }, {
      onStarted: async (run) => { before = await snapshot(run) },
      beforeShutdown: async (run) => { after = await snapshot(run) },
    })
    const replies = [...sentTo(result, { group: 'g1' }), ...sentTo(result, { contact: caller })].filter((t) => !contentAlert(t))
    expect(replies).toHaveLength(PRIVILEGED.length)
    for (const reply of replies) {
      expect(reply).toMatch(/抱歉/)
      expect(reply).not.toMatch(/Error|at .*\.ts|stack/i)
    }
    expect(result.summary.commands.refused).toBe(PRIVILEGED.length)
    expect(after).toEqual(before)
  })

  it('lets the group operator change their own group, and the owner grant a role, with audit', async () => {
    let audit: Array<{ action: string, outcome: string }> = []
    let g1: { region: string | null, interests: string[] } | undefined
    let roles: Array<{ role: string }> = []
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', say: { from: 'op1', group: 'g1', text: '/group set region 重庆' } },
        { at: '+1m', say: { from: 'op1', group: 'g1', text: '/群设置 设置 兴趣 育儿、早教' } },
        { at: '+1m', say: { from: 'boss', text: '/role 张三 staff' } },
        { at: '+1m', say: { from: 'op1', group: 'g2', text: '/group set region 北京' } },
        { at: '+5m' },
      ],
    }, {
      beforeShutdown: async (run) => {
        const db = run.app.ctx.db
        audit = await db.select({ action: auditLog.action, outcome: auditLog.outcome }).from(auditLog).orderBy(auditLog.id)
        ;[g1] = await db.select({ region: groups.region, interests: groups.interests }).from(groups).orderBy(groups.id).limit(1)
        roles = await db.select({ role: staffMembers.role }).from(staffMembers)
      },
    })
    expect(g1).toEqual({ region: '重庆', interests: ['育儿', '早教'] })
    expect(roles.filter((r) => r.role === 'staff')).toHaveLength(2)
    expect(audit).toEqual([
      { action: 'group.set', outcome: 'ok' },
      { action: 'group.set', outcome: 'ok' },
      { action: 'role.set', outcome: 'ok' },
      { action: 'group', outcome: 'denied' },
    ])
    expect(sentTo(result, { contact: 'boss' })[0]).toContain('张三')
  })
})

describe('customer commands', () => {
  it('answers help, whoami, TD and resubscribe, and a short usage or hint for wrong input', async () => {
    let logged: Array<{ direction: string, n: number }> = []
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', say: { from: 'c1', text: '/help' } },
        { at: '+1m', say: { from: 'c1', text: '/whoami' } },
        { at: '+1m', say: { from: 'c1', text: 'TD' } },
        { at: '+1m', say: { from: 'c1', text: '退订' } },
        { at: '+1m', say: { from: 'c1', text: '/订阅' } },
        { at: '+1m', say: { from: 'c1', text: '/hepl' } },
        { at: '+1m', say: { from: 'c1', text: '/claim' } },
        { at: '+1m', say: { from: 'c1', text: '今天天气不错' } },
        { at: '+5m' },
      ],
    }, {
      beforeShutdown: async (run) => {
        logged = await run.app.ctx.db.select({ direction: messageLog.direction, n: count() }).from(messageLog)
          .where(sql`${messageLog.text} not like '【内容提醒】%'`).groupBy(messageLog.direction).orderBy(messageLog.direction)
      },
    })
    // every message, in and out, is in the CRM's message log
    expect(logged).toEqual([{ direction: 'in', n: 8 }, { direction: 'out', n: 7 }])
    const dm = sentTo(result, { contact: 'c1' })
    expect(dm).toHaveLength(7) // plain chat gets no command reply
    expect(dm[0]).toContain('/帮助')
    expect(dm[0]).not.toContain('/群设置')
    expect(dm[1]).toContain('张三')
    expect(dm[2]).toContain('退订')
    expect(dm[3]).not.toEqual(dm[2]) // already unsubscribed: a different, short answer
    expect(dm[5]).toContain('/帮助')
    expect(dm[6]).toMatch(/用法|认领码/)
  })
})

describe('owner claim', () => {
  it('makes the first person with the printed code the owner, once', async () => {
    let code: string | null = null
    const result = await runSandbox({
      seed: 1,
      start: '2026-12-01T09:00:00+08:00',
      customers: [{ id: 'a', name: '阿甲', friend: true }, { id: 'b', name: '阿乙', friend: true }],
      steps: [{ at: '+5m' }],
    }, async (run) => {
      code = run.app.claimCode
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      await run.act(() => run.community.contact('b').say('/claim WRONG-CODE-0000').to(run.community.self))
      await run.act(() => run.community.contact('a').say(`/claim ${code!.toLowerCase()}`).to(run.community.self))
      await run.act(() => run.community.contact('b').say(`/claim ${code}`).to(run.community.self))
      await run.act(() => run.community.contact('a').say('/role 阿乙 admin').to(run.community.self))
    })
    const toA = sentTo(result, { contact: 'a' })
    const toB = sentTo(result, { contact: 'b' })
    expect(toB[0]).not.toEqual(toA[0])
    expect(toA[0]).toMatch(/店主|owner/i)
    expect(toB[1]).toMatch(/已/) // already claimed
    expect(toA[1]).toContain('阿乙')
  })
})
