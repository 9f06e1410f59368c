import { describe, expect, it } from 'vitest'
import { BASE, contentAlert, runSandbox, sentTo } from '../helpers/sandbox.ts'

describe('group welcome', () => {
  it('shares one welcome among joins within one minute and @mentions them all', async () => {
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'c3', inviter: 'c1' } },
        { at: '+30s', join: { group: 'g1', contact: 'c4' } },
        { at: '+59s', join: { group: 'g1', contact: 'stranger1' } }, // 89 s after the first: next batch
        { at: '+5m' },
      ],
    })
    const welcomes = result.actions.filter((a): a is Extract<typeof a, { type: 'send' }> => a.type === 'send' && 'group' in a.to)
    expect(welcomes).toHaveLength(2)
    expect(welcomes[0]).toMatchObject({ mentions: ['c3', 'c4'] })
    expect(welcomes[1]).toMatchObject({ mentions: ['stranger1'] })
    expect(welcomes[0]!.text).toContain('50元无门槛券')
    // the first welcome waits for the one-minute window that opened with the first join
    expect(Date.parse(welcomes[0]!.at) - Date.parse('2026-12-01T10:01:00+08:00')).toBeGreaterThanOrEqual(0)
    expect(result.summary.onboarding).toMatchObject({ joins: 3, welcomes: 2, welcomed_members: 3 })
  })

  it('does not welcome someone who left before the welcome went out', async () => {
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'c3' } },
        { at: '+10s', join: { group: 'g1', contact: 'c4' } },
        { at: '+10s', leave: { group: 'g1', contact: 'c3' } },
        { at: '+5m' },
      ],
    })
    const welcomes = result.actions.filter((a) => a.type === 'send' && !contentAlert(a.text))
    expect(welcomes).toHaveLength(1)
    expect(welcomes[0]).toMatchObject({ mentions: ['c4'] })
  })

  it('records one stay and one welcome when the platform delivers the same join twice', async () => {
    const result = await runSandbox({ ...BASE, steps: [{ at: '2026-12-01T10:00:00+08:00', join: { group: 'g1', contact: 'c3', inviter: 'c1' } }, { at: '+5m' }] }, async (run) => {
      // the same room-join event again, as some puppets do after a reconnect
      run.clock.set(new Date('2026-12-01T09:30:00+08:00'))
      run.community.contact('c9')
      const payload = { inviteeIdList: ['c9'], inviterId: 'c1', roomId: 'g1@chatroom', timestamp: Date.now() }
      await run.act(() => {
        run.puppet.emit('room-join', payload)
        run.puppet.emit('room-join', payload)
      }, 2)
    })
    const mentioned = result.actions.flatMap((a) => a.type === 'send' ? a.mentions ?? [] : [])
    expect(mentioned.filter((m) => m === 'c9')).toHaveLength(1)
    expect(result.summary.onboarding.joins).toBe(2)
  })
})

describe('friendship', () => {
  it('accepts a friend request and greets once, even when the request arrives twice', async () => {
    const result = await runSandbox({
      ...BASE,
      steps: [
        { at: '2026-12-01T10:00:00+08:00', friend: { contact: 'c3' } },
        { at: '+10m' },
      ],
    }, async (run) => {
      run.clock.set(new Date('2026-12-01T09:10:00+08:00'))
      await run.act(() => {
        const id = run.puppet.requestFriendship('c2', 'hi')
        run.puppet.emit('friendship', { friendshipId: id }) // duplicate delivery of the same request
      }, 2)
    })
    const accepts = result.actions.filter((a) => a.type === 'accept-friend').map((a) => (a as { contact: string }).contact)
    expect(accepts).toEqual(['c2', 'c3'])
    // the greeting, the welcome coupon as its own DM (docs/COUPONS.md), then the consent notice (docs/CRM.md), each once
    const inOrder = [expect.stringContaining('感谢添加'), expect.stringContaining('50元无门槛券'), expect.stringContaining('同意请回复「同意」')]
    expect(sentTo(result, { contact: 'c2' })).toEqual(inOrder)
    expect(sentTo(result, { contact: 'c3' })).toEqual(inOrder)
    expect(sentTo(result, { contact: 'c3' })[0]).toContain('王五')
    const acceptAt = Date.parse(result.actions.find((a) => a.type === 'accept-friend' && a.contact === 'c3')!.at)
    const greetAt = Date.parse(result.actions.find((a) => a.type === 'send' && JSON.stringify(a.to) === '{"contact":"c3"}')!.at)
    expect(greetAt - acceptAt).toBeGreaterThanOrEqual(3000)
  })
})
