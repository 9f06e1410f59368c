/**
 * The outbox and send governor on the real path: Postgres rows, BullMQ queues and workers on Redis, wechaty on the
 * sandbox puppet, in virtual time.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getAction, markSending, setReserved } from '../../src/db/queries/outbox.ts'
import { groupIdFor } from '../../src/db/queries/links.ts'
import { outbox } from '../../src/db/schema/index.ts'
import { findViolations } from '../../src/domain/governor.ts'
import { wechatyChatPort } from '../../src/bot/adapter.ts'
import { enqueueAction, stageAction } from '../../src/services/outbox.ts'
import { releaseSend } from '../../src/services/sender.ts'
import type { ChatPort } from '../../src/services/ports.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { testConfig } from '../helpers/env.ts'
import { contentAlert, runSandbox } from '../helpers/sandbox.ts'

const GROUPS = Array.from({ length: 20 }, (_, i) => ({ id: `g${i + 1}`, topic: `测试群${i + 1}`, members: [`m${i + 1}`] }))
const limits = testConfig()

async function groupIds (run: RunningScenario): Promise<number[]> {
  const ids: number[] = []
  for (const g of GROUPS) ids.push((await groupIdFor(run.app.ctx.db, run.app.ctx.account.id, `${g.id}@chatroom`))!)
  return ids
}

describe('outbox and send governor', () => {
  it('releases 500 queued sends across 20 groups never closer than the gap nor over a cap', async () => {
    const result = await runSandbox({
      start: '2026-12-01T10:00:00+08:00',
      groups: GROUPS,
      steps: [{ at: '+2d' }],
    }, async (run) => {
      const ids = await groupIds(run)
      for (let i = 0; i < 500; i++) {
        await enqueueAction(run.app.ctx, { kind: 'text', purpose: 'test', idemKey: `bulk-${i}`, groupId: ids[i % 20]!, text: `消息 ${i}` })
      }
      await run.settle()
    })
    const sends = result.actions.filter((a) => a.type === 'send')
    expect(sends).toHaveLength(500)
    const releases = sends.map((s) => new Date(s.at))
    expect(findViolations(releases, { minGapMs: limits.GOVERNOR_MIN_GAP_MS, perMinute: limits.GOVERNOR_PER_MINUTE, perHour: limits.GOVERNOR_PER_HOUR })).toEqual([])
    // the hourly cap binds: 500 sends need more than one hour, and the first hour holds exactly the cap
    const first = releases[0]!.getTime()
    expect(releases.filter((r) => r.getTime() < first + 3_600_000)).toHaveLength(limits.GOVERNOR_PER_HOUR)
    expect(result.summary.sends.pending).toBe(0)
  })

  it('sends each idempotency key once even when asked twice', async () => {
    const result = await runSandbox({ start: '2026-12-01T10:00:00+08:00', groups: GROUPS.slice(0, 1), steps: [{ at: '+10m' }] }, async (run) => {
      const [g] = await groupIds(run)
      const first = await enqueueAction(run.app.ctx, { kind: 'text', purpose: 'test', idemKey: 'same-key', groupId: g!, text: '只发一次' })
      const second = await enqueueAction(run.app.ctx, { kind: 'text', purpose: 'test', idemKey: 'same-key', groupId: g!, text: '只发一次' })
      expect(first).not.toBeNull()
      expect(second).toBeNull()
    })
    expect(result.actions.filter((a) => a.type === 'send')).toHaveLength(1)
  })
})

describe('a crash in the middle of a send', () => {
  /** A chat port that hands the message to the platform and then never returns: the process died right there. */
  const dyingAfterCall = (real: ChatPort): ChatPort => ({ ...real, sendText: async (...args) => { await real.sendText(...args); await new Promise(() => {}) } })
  const dyingBeforeCall = (real: ChatPort): ChatPort => ({ ...real, sendText: async () => { await new Promise(() => {}) } })

  async function crashThenRetry (run: RunningScenario, port: (real: ChatPort) => ChatPort): Promise<string> {
    const ctx = run.app.ctx
    const [g] = await groupIds(run)
    const id = (await stageAction(ctx, ctx.db, { kind: 'text', purpose: 'post', idemKey: 'crash-test', groupId: g!, text: '今日干货' }))!.outboxId
    await setReserved(ctx.db, id, ctx.clock.now())
    const real = wechatyChatPort(run.app.bot!)
    const deps = { chat: port(real), afterSend: {} }
    // first attempt: dies inside the platform call (never settles)
    void releaseSend(ctx, deps, id)
    // wait until the first attempt is inside the platform call (or its echo already completed it)
    await new Promise<void>((resolve) => { const t = setInterval(() => { void getAction(ctx.db, id).then((r) => { if (r?.status !== 'reserved') { clearInterval(t); resolve() } }) }, 5) })
    await run.settle()
    // the retry BullMQ makes after the stalled job's lock expires
    await releaseSend(ctx, { chat: real, afterSend: {} }, id)
    await run.settle()
    const [row] = await ctx.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id))
    return row!.status
  }

  it('delivers once when it crashed after the platform took the message (the echo proves it)', async () => {
    let status = ''
    const result = await runSandbox({ start: '2026-12-01T10:00:00+08:00', groups: GROUPS.slice(0, 1), steps: [{ at: '+10m' }] }, async (run) => {
      status = await crashThenRetry(run, dyingAfterCall)
    })
    expect(result.actions.filter((a) => a.type === 'send' && a.text === '今日干货')).toHaveLength(1)
    expect(status).toBe('sent')
  })

  it('does not resend when it cannot know, and tells the operator instead', async () => {
    let status = ''
    const result = await runSandbox({
      start: '2026-12-01T10:00:00+08:00',
      staff: [{ id: 'op', name: '运营', role: 'operator' }],
      groups: [{ ...GROUPS[0]!, operator: 'op' }],
      steps: [{ at: '+10m' }],
    }, async (run) => {
      status = await crashThenRetry(run, dyingBeforeCall)
    })
    expect(result.actions.filter((a) => a.type === 'send' && a.text === '今日干货')).toHaveLength(0)
    expect(status).toBe('uncertain')
    const alerts = result.actions.filter((a) => a.type === 'send' && JSON.stringify(a.to) === '{"contact":"op"}')
    expect(alerts).toHaveLength(1)
    expect(result.summary.sends.uncertain).toBe(1)
  })

  it('a send job run twice after success sends nothing more', async () => {
    const result = await runSandbox({ start: '2026-12-01T10:00:00+08:00', groups: GROUPS.slice(0, 1), steps: [{ at: '+10m' }] }, async (run) => {
      const ctx = run.app.ctx
      const [g] = await groupIds(run)
      const id = (await enqueueAction(ctx, { kind: 'text', purpose: 'post', idemKey: 'twice', groupId: g!, text: '一次' }))!
      await run.settle()
      await run.advance(new Date(run.clock.now().getTime() + 60_000))
      const deps = { chat: wechatyChatPort(run.app.bot!), afterSend: {} }
      await releaseSend(ctx, deps, id)
      expect(await markSending(ctx.db, id, ctx.clock.now())).toBe(false)
    })
    expect(result.actions.filter((a) => a.type === 'send')).toHaveLength(1)
  })
})

describe('platform rate limiting', () => {
  it('pauses the account with backoff when the platform refuses, tells the operators, then delivers everything once', async () => {
    const result = await runSandbox({
      start: '2026-12-01T10:00:00+08:00',
      staff: [{ id: 'boss', name: '老板', role: 'owner' }],
      groups: GROUPS.slice(0, 2),
      steps: [
        { at: '+1m', platform: { rate_limit: '90s' } },
        { at: '+1s', join: { group: 'g1', contact: 'x1' } },
        { at: '+1s', join: { group: 'g2', contact: 'x2' } },
        { at: '+1h' },
      ],
    })
    const refused = result.actions.filter((a) => a.type === 'send-refused')
    expect(refused.length).toBeGreaterThanOrEqual(1)
    const welcomes = result.actions.filter((a) => a.type === 'send' && 'group' in a.to)
    expect(welcomes).toHaveLength(2)
    // the first refusal pauses for the base backoff (60 s); a refusal after that doubles it (120 s)
    const firstRefusal = Date.parse(refused[0]!.at)
    const deliveredAfter = welcomes.map((w) => Date.parse(w.at) - firstRefusal)
    expect(Math.min(...deliveredAfter)).toBeGreaterThanOrEqual(60_000)
    // one alert, after the incident (the paused account could not have delivered it sooner), saying when it began
    const alerts = result.actions.filter((a): a is Extract<typeof a, { type: 'send' }> => a.type === 'send' && JSON.stringify(a.to) === '{"contact":"boss"}' && !contentAlert(a.text))
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.text).toContain(refused[0]!.at.slice(5, 16).replace('T', ' '))
    expect(Date.parse(alerts[0]!.at)).toBeGreaterThan(Math.max(...welcomes.map((w) => Date.parse(w.at))) - 60_000)
    expect(result.summary.governor.violations).toBe(0)
  })
})
