/** Housekeeping finds work whose job was lost and schedules it again under a fresh job id. */
import { describe, expect, it } from 'vitest'
import type { TimerRequest } from '../../src/jobs/timers.ts'
import type { AppContext } from '../../src/services/context.ts'
import { stageAction, sweepOutbox } from '../../src/services/outbox.ts'
import { sweepReferrals } from '../../src/services/referrals.ts'
import { linkContact } from '../../src/db/queries/links.ts'
import { BASE, runSandbox } from '../helpers/sandbox.ts'

function later (ctx: AppContext, ms: number, scheduled: TimerRequest[]): AppContext {
  const at = new Date(ctx.clock.now().getTime() + ms)
  return { ...ctx, clock: { now: () => at }, timers: { ...ctx.timers, schedule: async (r) => { scheduled.push(r as TimerRequest) } } }
}

describe('housekeeping sweeps', () => {
  it('re-schedules an overdue referral check and an outbox row whose job was lost', async () => {
    const scheduled: TimerRequest[] = []
    await runSandbox({ ...BASE, steps: [{ at: '+1m' }] }, async (r) => {
      const ctx = r.app.ctx
      // a referral whose check job is lost: pending, due long ago
      await r.act(() => r.community.room('g1').add(r.community.contact('x1')).by(r.community.contact('c1')))
      // an outbox row whose job was never added
      const c1 = (await linkContact(ctx.db, ctx.account.id, 'c1', null, ctx.clock.now())).id
      const staged = (await stageAction(ctx, ctx.db, { kind: 'text', purpose: 'test', idemKey: 'lost-job', contactId: c1, text: 'hi' }))!
      const tomorrow = later(ctx, 2 * 86_400_000, scheduled)
      await sweepReferrals(tomorrow)
      await sweepOutbox(tomorrow)
      expect(scheduled.map((s) => s.name).sort()).toEqual(['referral-check', 'send'])
      expect(scheduled.find((s) => s.name === 'send')!.data).toMatchObject({ outboxId: staged.outboxId })
      // a fresh id per sweep: a job id that failed for good would otherwise keep blocking it
      expect(scheduled.every((s) => s.jobId.includes('sweep'))).toBe(true)
    })
  })

  it('leaves work that is not overdue alone', async () => {
    const scheduled: TimerRequest[] = []
    await runSandbox({ ...BASE, steps: [{ at: '+1m' }] }, async (r) => {
      await r.act(() => r.community.room('g1').add(r.community.contact('x1')).by(r.community.contact('c1')))
      await sweepReferrals(later(r.app.ctx, 3_600_000, scheduled))
    })
    expect(scheduled).toEqual([])
  })
})
