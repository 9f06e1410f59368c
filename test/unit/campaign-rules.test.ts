import { describe, expect, it } from 'vitest'
import { campaignProblems, drawSeed, drawWinners, mayApprove, mayApproveViaApi, mayCancel, type CampaignDraft } from '../../src/domain/campaigns.ts'
import { ROLES } from '../../src/domain/roles.ts'

const now = new Date('2026-12-01T10:00:00+08:00')
const draft: CampaignDraft = {
  kind: 'flash_sale', name: '秒杀', text: '全场5折', priority: 0, target: { kind: 'all' },
  startsAt: new Date('2026-12-02T20:00:00+08:00'), endsAt: new Date('2026-12-02T22:00:00+08:00'),
}

describe('a valid campaign', () => {
  it('accepts a plain draft', () => {
    expect(campaignProblems(draft, now)).toEqual([])
  })

  it('needs a window that ends after it starts, is not over, and lasts at most 90 days', () => {
    expect(campaignProblems({ ...draft, endsAt: draft.startsAt }, now)).toEqual(['window'])
    expect(campaignProblems({ ...draft, startsAt: new Date('2026-11-30T08:00:00+08:00'), endsAt: now }, now)).toEqual(['ended'])
    expect(campaignProblems({ ...draft, endsAt: new Date(draft.startsAt.getTime() + 90 * 86_400_000) }, now)).toEqual([])
    expect(campaignProblems({ ...draft, endsAt: new Date(draft.startsAt.getTime() + 90 * 86_400_000 + 1) }, now)).toEqual(['too-long'])
  })

  it('needs a lottery\'s keyword and 1-1000 winners, and a group-buy\'s size of 2-500', () => {
    expect(campaignProblems({ ...draft, kind: 'lottery' }, now)).toEqual(['keyword', 'winners'])
    expect(campaignProblems({ ...draft, kind: 'lottery', keyword: '抽奖', winners: 1 }, now)).toEqual([])
    expect(campaignProblems({ ...draft, kind: 'lottery', keyword: '抽 奖', winners: 1001 }, now)).toEqual(['keyword', 'winners'])
    expect(campaignProblems({ ...draft, kind: 'group_buy', groupSize: 1 }, now)).toEqual(['group-size'])
    expect(campaignProblems({ ...draft, kind: 'group_buy', groupSize: 500 }, now)).toEqual([])
    expect(campaignProblems({ ...draft, kind: 'group_buy', groupSize: 501 }, now)).toEqual(['group-size'])
    expect(campaignProblems({ ...draft, keyword: '抽奖' }, now)).toEqual(['options'])
  })

  it('needs a priority within ±100 and a target with something in it', () => {
    expect(campaignProblems({ ...draft, priority: 101 }, now)).toEqual(['priority'])
    expect(campaignProblems({ ...draft, priority: -100 }, now)).toEqual([])
    expect(campaignProblems({ ...draft, target: { kind: 'tags', tags: [] } }, now)).toEqual(['target'])
  })
})

describe('who approves and when it may be cancelled', () => {
  it('lets owners and admins approve, and nobody else, marketers included', () => {
    expect(ROLES.filter(mayApprove)).toEqual(['owner', 'admin'])
  })

  it('over the API: the approve scope, never the drafting token unless it is an admin token', () => {
    expect(mayApproveViaApi({ name: 'mkt', scopes: ['campaigns'] }, 'chat')).toBe(false)
    expect(mayApproveViaApi({ name: 'boss', scopes: ['campaigns.approve'] }, 'api:mkt')).toBe(true)
    expect(mayApproveViaApi({ name: 'boss', scopes: ['campaigns', 'campaigns.approve'] }, 'api:boss')).toBe(false)
    expect(mayApproveViaApi({ name: 'ops', scopes: ['admin'] }, 'api:ops')).toBe(true)
  })

  it('cancels a draft any time and an approved one only before it starts', () => {
    const start = new Date('2026-12-02T20:00:00+08:00')
    expect(mayCancel('draft', new Date(0), now)).toBe(true)
    expect(mayCancel('approved', start, now)).toBe(true)
    expect(mayCancel('scheduled', start, now)).toBe(true)
    expect(mayCancel('scheduled', now, now)).toBe(false)
    for (const s of ['running', 'done', 'cancelled'] as const) expect(mayCancel(s, start, now)).toBe(false)
  })
})

describe('the lottery draw', () => {
  const entries = Array.from({ length: 50 }, (_, i) => i + 1)

  it('draws the asked number of distinct entries, each one of the entrants', () => {
    const winners = drawWinners(entries, 5, 12345)
    expect(winners).toHaveLength(5)
    expect(new Set(winners).size).toBe(5)
    expect(winners.every((w) => entries.includes(w))).toBe(true)
    expect(drawWinners([3, 1], 5, 1).sort()).toEqual([1, 3])
    expect(drawWinners([], 3, 1)).toEqual([])
  })

  it('gives the same winners for the same seed and entries, whatever order they are handed over in', () => {
    expect(drawWinners(entries, 5, 777)).toEqual(drawWinners([...entries].reverse(), 5, 777))
    expect(drawWinners(entries, 5, 777)).not.toEqual(drawWinners(entries, 5, 778))
    expect(drawSeed('42', 7)).toBe(drawSeed('42', 7))
    expect(drawSeed('42', 7)).not.toBe(drawSeed('42', 8))
  })

  it('gives every entrant about the same chance', () => {
    const wins = new Map<number, number>()
    for (let seed = 0; seed < 20_000; seed++) for (const w of drawWinners([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2, seed)) wins.set(w, (wins.get(w) ?? 0) + 1)
    // 20000 draws x 2 winners / 10 entrants = 4000 each; a fair shuffle stays within a few percent
    for (let e = 1; e <= 10; e++) expect(Math.abs(wins.get(e)! - 4000), `entry ${e}`).toBeLessThan(300)
  })
})
