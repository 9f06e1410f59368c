import { count } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { coupons, pointsLedger, referrals, rewardGrants } from '../../src/db/schema/index.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { checkReferral } from '../../src/services/referrals.ts'
import { onLeave } from '../../src/services/onboarding.ts'
import { groupIdFor, linkContact } from '../../src/db/queries/links.ts'
import { contentAlert, runSandbox, sentTo, type SandboxResult } from '../helpers/sandbox.ts'

const BASE = {
  seed: 11,
  start: '2026-12-01T09:00:00+08:00',
  staff: [{ id: 'boss', name: '老板', role: 'owner' }, { id: 'op', name: '运营小王', role: 'operator' }],
  groups: [{ id: 'g1', topic: '宝妈群', operator: 'op', members: ['a', 'op'] }, { id: 'g2', topic: '美食群', members: ['b'] }],
  customers: [
    { id: 'a', name: '阿姨', friend: true, consent: true },
    { id: 'b', name: '老李', friend: true, consent: true },
    { id: 'n', name: '小牛' },
  ],
}

async function snapshot (run: RunningScenario) {
  const db = run.app.ctx.db
  return {
    referrals: await db.select({ invitee: referrals.inviteeId, status: referrals.status, reason: referrals.reason }).from(referrals).orderBy(referrals.id),
    grants: await db.select({ status: rewardGrants.status }).from(rewardGrants),
    coupons: (await db.select({ n: count() }).from(coupons))[0]!.n,
    points: await db.select({ delta: pointsLedger.delta, cause: pointsLedger.cause }).from(pointsLedger).orderBy(pointsLedger.id),
  }
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>

async function run (steps: unknown[], extra: Record<string, unknown> = {}, onStarted?: (r: RunningScenario) => Promise<void>, beforeEnd?: (r: RunningScenario) => Promise<void>): Promise<{ result: SandboxResult, end: Snapshot }> {
  let end: Snapshot | null = null
  const result = await runSandbox({ ...BASE, ...extra, steps }, { onStarted, beforeShutdown: async (r) => { await beforeEnd?.(r); end = await snapshot(r) } })
  return { result, end: end! }
}

describe('invite 3 friends, get a trial pack', () => {
  it('pays 10 points per qualified friend, tells progress 1/3 and 2/3, then sends the trial pack once', async () => {
    const { result, end } = await run([
      { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'x1', inviter: 'a' } },
      { at: '+1h', join: { group: 'g1', contact: 'x2', inviter: 'a' } },
      { at: '+1h', join: { group: 'g1', contact: 'x3', inviter: 'a' } },
      { at: '+2d' },
      { at: '+2h', say: { from: 'a', text: '/invite' } },
      { at: '+1h', say: { from: 'a', text: '/积分' } },
      { at: '+10m' },
    ])
    const dms = sentTo(result, { contact: 'a' })
    expect(dms[0]).toContain('已邀请 1/3')
    expect(dms[1]).toContain('已邀请 2/3')
    expect(dms.some((t) => /试用装/.test(t) && /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.test(t))).toBe(true)
    expect(end.points.reduce((a, p) => a + p.delta, 0)).toBe(30)
    expect(end.grants).toEqual([{ status: 'granted' }])
    expect(end.coupons).toBe(1)
    expect(dms.find((t) => t.includes('已邀请 3/3'))).toBeDefined()
    expect(dms.at(-1)).toContain('30')
    expect(result.summary.referrals).toMatchObject({ qualified: 3, pending: 0, rewarded: 1, held: 0 })
    expect(result.summary.points).toEqual({ earned: 30, spent: 0 })
    // nothing qualifies before 24 h: the first progress message comes a day after the first join
    const firstProgress = result.actions.find((a) => a.type === 'send' && a.text.includes('已邀请 1/3'))!
    expect(Date.parse(firstProgress.at) - Date.parse('2026-12-01T10:00:00+08:00')).toBeGreaterThanOrEqual(24 * 3_600_000)
  })

  it('an invitee who leaves after 23 h does not count; their re-join changes nothing; a third friend completes it', async () => {
    const { result, end } = await run([
      { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'x1', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x2', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x3', inviter: 'a' } },
      { at: '+23h', leave: { group: 'g1', contact: 'x3' } },
      { at: '+1m', join: { group: 'g1', contact: 'x3', inviter: 'a' } },
      { at: '+2d' },
    ])
    expect(end.referrals.filter((r) => r.status === 'qualified')).toHaveLength(2)
    expect(end.referrals.filter((r) => r.reason === 'left-early')).toHaveLength(1)
    expect(end.referrals).toHaveLength(3) // the re-join made no new record
    expect(end.grants).toEqual([])
    expect(result.summary.referrals.rewarded).toBe(0)
    const { end: later } = await run([
      { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'x1', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x2', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x3', inviter: 'a' } },
      { at: '+23h', leave: { group: 'g1', contact: 'x3' } },
      { at: '+1m', join: { group: 'g1', contact: 'x3', inviter: 'a' } },
      { at: '+1h', join: { group: 'g1', contact: 'x4', inviter: 'a' } },
      { at: '+3d' },
    ])
    expect(later.grants).toEqual([{ status: 'granted' }])
  })

  it('never counts a former member, a self-invite or someone already referred, and keeps the reason', async () => {
    const { end, result } = await run([
      // x9 was in the group last month
      { at: '2026-11-01T10:00:00+08:00', join: { group: 'g2', contact: 'x9' } },
      { at: '+1h', leave: { group: 'g2', contact: 'x9' } },
      { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'x9', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x8', inviter: 'x8' } },
      { at: '+1m', join: { group: 'g2', contact: 'x7', inviter: 'b' } },
      { at: '+1m', join: { group: 'g1', contact: 'x7', inviter: 'a' } },
      { at: '+2d' },
    ], { start: '2026-11-01T09:00:00+08:00' })
    const byReason = Object.fromEntries(end.referrals.filter((r) => r.status === 'rejected').map((r) => [r.reason, r.invitee]))
    expect(Object.keys(byReason).sort()).toEqual(['already-referred', 'bot', 'not-new', 'self'])
    expect(result.summary.referrals.rejected_by_reason).toMatchObject({ 'not-new': 1, self: 1, 'already-referred': 1, bot: 1 })
    // only b's referral of x7 counts
    expect(end.referrals.filter((r) => r.status === 'qualified')).toHaveLength(1)
    expect(end.points).toEqual([expect.objectContaining({ delta: 10 })])
  })

  it('one referral and one reward when the join event comes twice and the check runs twice', async () => {
    const { end } = await run([
      { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'x1', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x2', inviter: 'a' } },
      { at: '+3d' },
    ], {}, async (r) => {
      await r.advance(new Date('2026-12-01T09:30:00+08:00'))
      r.community.contact('x3')
      const payload = { inviteeIdList: ['x3'], inviterId: 'a', roomId: 'g1@chatroom', timestamp: 0 }
      await r.act(() => { r.puppet.emit('room-join', payload); r.puppet.emit('room-join', payload) }, 2)
    }, async (r) => {
      // the qualification checks ran on the timeline; run every one of them again
      for (const id of [1, 2, 3]) await checkReferral(r.app.ctx, id)
      await r.settle()
    })
    expect(end.referrals).toHaveLength(3)
    expect(end.points).toHaveLength(3)
    expect(end.grants).toHaveLength(1)
    expect(end.coupons).toBe(1)
  })
})

describe('referral races and timing', () => {
  it('three referrals of one inviter checked at the same moment still reach the target: one trial pack', async () => {
    const { end } = await run([{ at: '2026-12-05T10:00:00+08:00' }], {}, async (r) => {
      const ctx = r.app.ctx
      for (const x of ['x1', 'x2', 'x3']) r.community.contact(x)
      // one WeChat invitation of three people: one join event, one qualifying time
      await r.act(() => { r.puppet.emit('room-join', { inviteeIdList: ['x1', 'x2', 'x3'], inviterId: 'a', roomId: 'g1@chatroom', timestamp: 0 }) })
      // three workers run the three checks at the same moment, a day and an hour later
      const later = { ...ctx, clock: { now: () => new Date(r.clock.now().getTime() + 25 * 3_600_000) } }
      await Promise.all([1, 2, 3].map((id) => checkReferral(later, id)))
      await r.settle()
    })
    expect(end.referrals.filter((x) => x.status === 'qualified')).toHaveLength(3)
    expect(end.grants).toEqual([{ status: 'granted' }])
  })

  it('an invitee who stayed past 24 h but left before a late check still counts', async () => {
    const { end } = await run([{ at: '2026-12-05T10:00:00+08:00' }], {}, async (r) => {
      const ctx = r.app.ctx
      r.community.contact('x1')
      await r.act(() => r.community.room('g1').add(r.community.contact('x1')).by(r.community.contact('a')))
      // 25 h later the check has not run yet (workers were down) and the invitee leaves
      const later = { ...ctx, clock: { now: () => new Date(r.clock.now().getTime() + 25 * 3_600_000) } }
      const x1 = (await linkContact(ctx.db, ctx.account.id, 'x1', null, ctx.clock.now())).id
      const g1 = (await groupIdFor(ctx.db, ctx.account.id, 'g1@chatroom'))!
      await onLeave(later, g1, [{ platformId: 'x1', name: null }])
      await checkReferral(later, 1)
      expect(x1).toBeGreaterThan(0)
    })
    expect(end.referrals).toEqual([expect.objectContaining({ status: 'qualified' })])
  })

  it('holds the reward when a counted invitee never spoke and left right after qualifying', async () => {
    const { end, result } = await run([
      { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'x1', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x2', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x3', inviter: 'a' } },
      { at: '+1m', say: { from: 'x1', group: 'g1', text: '大家好' } },
      { at: '+1m', say: { from: 'x2', group: 'g1', text: '你好呀' } },
      { at: '+1d' },
      { at: '+2h', leave: { group: 'g1', contact: 'x3' } },
      { at: '+2d' },
    ])
    expect(end.grants).toEqual([{ status: 'held' }])
    expect(sentTo(result, { contact: 'op' }).some((t) => t.includes('「阿姨」'))).toBe(true)
  })

  it('sends the code by DM once an inviter who was not a friend adds the bot', async () => {
    const { result } = await run([
      { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'x1', inviter: 'n' } },
      { at: '+1m', join: { group: 'g1', contact: 'x2', inviter: 'n' } },
      { at: '+1m', join: { group: 'g1', contact: 'x3', inviter: 'n' } },
      { at: '+3d' },
      { at: '+1h', friend: { contact: 'n' } },
      { at: '+10m' },
    ], { groups: [{ id: 'g1', topic: '宝妈群', operator: 'op', members: ['a', 'op', 'n'] }, { id: 'g2', topic: '美食群', members: ['b'] }] })
    const inGroup = sentTo(result, { group: 'g1' }).join('\n')
    expect(inGroup).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)
    const dms = sentTo(result, { contact: 'n' })
    // the trial pack's code (the other code DMed is the welcome coupon of a new friend)
    expect(dms.filter((t) => /试用装/.test(t) && /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.test(t))).toHaveLength(1)
  })
})

describe('fraud hold', () => {
  it('holds the reward of 12 invites in an hour, tells the operator, and pays exactly once on approval', async () => {
    const joins = Array.from({ length: 12 }, (_, i) => ({ at: i === 0 ? '2026-12-01T10:00:00+08:00' : '+4m', join: { group: 'g1', contact: `y${i}`, inviter: 'a' } }))
    const { result, end } = await run([
      ...joins,
      { at: '+2d' },
      { at: '+1h', say: { from: 'op', text: '/待审核' } },
      { at: '+5m', say: { from: 'op', text: '/通过 1' } },
      { at: '+5m', say: { from: 'boss', text: '/approve 1' } },
      { at: '+10m' },
    ])
    const toOp = sentTo(result, { contact: 'op' }).filter((t) => !contentAlert(t))
    expect(toOp[0]).toMatch(/「阿姨」.*1小时内邀请超过10人/) // the alert, before anyone asked
    expect(toOp[1]).toMatch(/#1「阿姨」有效邀请12位/) // /待审核 lists it, with the real count
    expect(toOp[2]).toMatch(/已通过 #1/)
    // during the burst the inviter earned nothing and heard nothing; the approval paid all 12 referrals
    expect(sentTo(result, { contact: 'a' }).filter((t) => t.includes('已邀请'))).toEqual([])
    expect(end.points.reduce((sum, p) => sum + p.delta, 0)).toBe(120)
    expect(end.points).toHaveLength(12)
    expect(end.grants).toEqual([{ status: 'granted' }])
    expect(end.coupons).toBe(1)
    const rewardDms = sentTo(result, { contact: 'a' }).filter((t) => /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.test(t))
    expect(rewardDms).toHaveLength(1)
    // the second approval finds nothing to approve and pays nothing
    expect(sentTo(result, { contact: 'boss' }).at(-1)).toMatch(/没有找到待审核的 #1/)
  })
})

describe('after a burst', () => {
  it('a later, ordinary referral of the same inviter earns its points again', async () => {
    const joins = Array.from({ length: 11 }, (_, i) => ({ at: i === 0 ? '2026-12-01T10:00:00+08:00' : '+4m', join: { group: 'g1', contact: `y${i}`, inviter: 'a' } }))
    const { end } = await run([
      ...joins,
      { at: '2026-12-05T10:00:00+08:00', join: { group: 'g1', contact: 'later1', inviter: 'a' } },
      { at: '+2d' },
    ])
    // the 11 burst referrals wait for a review; the one four days later is paid
    expect(end.referrals.filter((x) => x.status === 'qualified')).toHaveLength(12)
    expect(end.points).toHaveLength(1)
  })
})

describe('a burst after the reward was decided', () => {
  it('pays its points: no review would ever come to pay them', async () => {
    const burst = Array.from({ length: 11 }, (_, i) => ({ at: i === 0 ? '2026-12-06T10:00:00+08:00' : '+4m', join: { group: 'g1', contact: `z${i}`, inviter: 'a' } }))
    const { end } = await run([
      { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'x1', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x2', inviter: 'a' } },
      { at: '+1m', join: { group: 'g1', contact: 'x3', inviter: 'a' } },
      ...burst,
      { at: '+2d' },
    ])
    expect(end.grants).toEqual([{ status: 'granted' }])
    expect(end.points).toHaveLength(14)
  })
})

describe('progress for an inviter the bot cannot DM', () => {
  it('is one @mention in the group, several inviters batched into one message, never in quiet hours', async () => {
    const { result } = await run([
      { at: '2026-12-01T21:30:00+08:00', join: { group: 'g1', contact: 'z1', inviter: 'n' } },
      { at: '+1m', join: { group: 'g1', contact: 'z2', inviter: 'c9' } },
      { at: '+2d' },
    ], { groups: [{ id: 'g1', topic: '宝妈群', operator: 'op', members: ['a', 'op', 'n', 'c9'] }, { id: 'g2', topic: '美食群', members: ['b'] }] })
    const notices = result.actions.filter((a) => a.type === 'send' && JSON.stringify(a.to) === '{"group":"g1"}' && a.text.includes('已邀请'))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ mentions: ['n', 'c9'] })
    // qualified at 21:30 and 21:31 the next day: quiet hours start at 22:00, the window ends 21:40 -> sent 21:40
    const at = notices[0]!.at
    expect(at >= '2026-12-02T21:40:00+08:00' && at < '2026-12-02T22:00:00+08:00').toBe(true)
  })
})
