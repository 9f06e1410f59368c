/**
 * The daily cadence over 30 days (SPEC 3.2), from scenarios/content-30d.yaml: 10 groups with mixed region and
 * interest tags in two timezones. Asserted from the run's output lines and the store, not from a snapshot.
 */
import { readFileSync } from 'node:fs'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { groupIdFor } from '../../src/db/queries/links.ts'
import { outbox, posts } from '../../src/db/schema/index.ts'
import { daysBetween } from '../../src/domain/content-calendar.ts'
import type { ActionRecord } from '../../src/sandbox/output.ts'
import { runSandbox } from '../helpers/sandbox.ts'

interface Group { id: string, region: string, interests: string[], timezone?: string }
interface Item { kind: 'content' | 'promo', text: string, region?: string, interests: string[] }

const scenario = parse(readFileSync(new URL('../../scenarios/content-30d.yaml', import.meta.url), 'utf8')) as { groups: Group[], content: Item[] }
const itemByText = new Map(scenario.content.map((i) => [i.text, { ...i, interests: i.interests ?? [] }]))
/** Every local day both timezones fully cover between the scenario's start and end. */
const DAYS = Array.from({ length: 30 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`)

describe('30 days of content and promo posts in 10 groups', () => {
  it('posts one content and one promo per group per local day, outside quiet hours, never repeating an item within 30 days, matching each group\'s tags', async () => {
    let rows: Array<{ groupId: number, day: string, kind: string, status: string, outboxStatus: string | null }> = []
    const ids = new Map<string, number>()
    const result = await runSandbox(scenario, {
      beforeShutdown: async (run) => {
        const ctx = run.app.ctx
        for (const g of scenario.groups) ids.set(g.id, (await groupIdFor(ctx.db, ctx.account.id, `${g.id}@chatroom`))!)
        rows = await ctx.db.select({ groupId: posts.groupId, day: posts.day, kind: posts.kind, status: posts.status, outboxStatus: outbox.status })
          .from(posts).leftJoin(outbox, eq(outbox.id, posts.outboxId))
      },
    })
    const sends = result.actions.filter((a): a is Extract<ActionRecord, { type: 'send' }> => a.type === 'send' && 'group' in a.to)
    // Every message to a group in this scenario is a post of a library item.
    expect(sends.every((s) => itemByText.has(s.text))).toBe(true)

    for (const g of scenario.groups) {
      const mine = sends.filter((s) => (s.to as { group: string }).group === g.id).map((s) => ({ at: s.at, localDay: s.at.slice(0, 10), hour: Number(s.at.slice(11, 13)), item: itemByText.get(s.text)! }))
      // `at` is printed in the group's own timezone: its date is the local day, its hour the local hour.
      for (const day of DAYS) {
        const that = mine.filter((p) => p.localDay === day)
        expect(that.filter((p) => p.item.kind === 'content'), `${g.id} ${day} content`).toHaveLength(1)
        expect(that.filter((p) => p.item.kind === 'promo'), `${g.id} ${day} promo`).toHaveLength(1)
      }
      // No local day ever has two posts of a kind (also the partial first and last days).
      const perDay = new Map<string, number>()
      for (const p of mine) perDay.set(`${p.localDay}/${p.item.kind}`, (perDay.get(`${p.localDay}/${p.item.kind}`) ?? 0) + 1)
      expect([...perDay.values()].every((n) => n === 1), g.id).toBe(true)
      for (const p of mine) {
        expect(p.hour >= 8 && p.hour < 22, `${g.id} posted at ${p.at}`).toBe(true)
        expect(p.item.region === undefined || p.item.region === g.region, `${g.id} got ${p.item.text}`).toBe(true)
        expect(p.item.interests.length === 0 || p.item.interests.some((t) => g.interests.includes(t)), `${g.id} got ${p.item.text}`).toBe(true)
      }
      const daysOf = new Map<string, string[]>()
      for (const p of mine) daysOf.set(p.item.text, [...(daysOf.get(p.item.text) ?? []), p.localDay])
      for (const [text, days] of daysOf) {
        for (let i = 1; i < days.length; i++) expect(daysBetween(days[i - 1]!, days[i]!), `${g.id} repeated ${text}`).toBeGreaterThanOrEqual(30)
      }
    }

    // The store agrees: one row per (group, day, kind) on every full day, posted and delivered.
    for (const g of scenario.groups) {
      for (const day of DAYS) {
        for (const kind of ['content', 'promo']) {
          const matching = rows.filter((r) => r.groupId === ids.get(g.id) && r.day === day && r.kind === kind)
          expect(matching.map((r) => [r.status, r.outboxStatus]), `${g.id} ${day} ${kind}`).toEqual([['posted', 'sent']])
        }
      }
    }
    expect(result.summary.posts.content).toBe(300)
    expect(result.summary.posts.no_content_alerts).toBe(0)
    expect(result.summary.governor.violations).toBe(0)
    expect(result.summary.sends.pending).toBe(0)
  }, 300_000)
})
