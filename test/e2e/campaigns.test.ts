/** Campaigns in the sandbox (SPEC 3.8): roles, approval, slots, priority, cancellation, flash-sale notice. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, campaigns } from '../../src/db/schema/index.ts'
import { runSandbox, sentTo } from '../helpers/sandbox.ts'
import { CAMPAIGN_BASE, promosOf } from '../helpers/campaigns.ts'

describe('campaigns', () => {
  it('is drafted by marketing, refused to a customer, not approved by a marketer, approved by an admin, and then takes the promo slot', async () => {
    let audit: Array<{ action: string, outcome: string }> = []
    let status = ''
    const result = await runSandbox({
      ...CAMPAIGN_BASE,
      steps: [
        { at: '2026-12-01T09:00:00+08:00', say: { from: 'c1', text: '/活动 新建 秒杀 12-02 15:00 2小时 群:全部 全场5折' } },
        { at: '+1m', say: { from: 'mk', text: '/活动 新建 新品 12-02 09:00 12-03 21:00 群:成都宝妈群 名称:冬季新品 冬季新品上市，到店试用' } },
        { at: '+1m', say: { from: 'mk', text: '/活动 通过 1' } },
        { at: '+1m', say: { from: 'adm', text: '/活动 新建 节日 12-03 08:00 1天 群:全部 名称:店庆 店庆全场8折' } },
        { at: '+1m', say: { from: 'adm', text: '/活动 通过 2' } },
        { at: '+1m', say: { from: 'boss', text: '/活动 通过 1' } },
        { at: '+1m', say: { from: 'boss', text: '/活动 通过 1' } },
        { at: '+1m', say: { from: 'mk', text: '/活动' } },
        { at: '2026-12-03T21:30:00+08:00' },
      ],
    }, {
      beforeShutdown: async (run) => {
        audit = await run.app.ctx.db.select({ action: auditLog.action, outcome: auditLog.outcome }).from(auditLog).where(eq(auditLog.via, 'chat')).orderBy(auditLog.id)
        status = (await run.app.ctx.db.select({ s: campaigns.status }).from(campaigns).where(eq(campaigns.id, 1)))[0]!.s
      },
    })
    expect(sentTo(result, { contact: 'c1' })[0]).toContain('抱歉，这个指令仅限市场同事和管理员使用')
    const mk = sentTo(result, { contact: 'mk' })
    expect(mk[0]).toContain('已创建活动草稿 #1「冬季新品」')
    expect(mk[0]).toContain('/活动 通过 1')
    expect(mk[1]).toContain('市场同事不能审核（包括自己创建的活动）')
    expect(mk[2]).toMatch(/活动列表：\n#1「冬季新品」新品上市｜已排期/)
    // owners and admins hear of each new draft once
    expect(sentTo(result, { contact: 'boss' }).filter((t) => t.startsWith('【待审核】'))).toHaveLength(2)
    expect(sentTo(result, { contact: 'adm' }).find((t) => t.startsWith('已审核通过 #2「店庆」'))).toContain('2个群')
    expect(sentTo(result, { contact: 'boss' }).filter((t) => t.startsWith('已审核通过 #1'))).toHaveLength(1)
    expect(sentTo(result, { contact: 'boss' })).toContainEqual(expect.stringContaining('#1 现在是「已排期」'))
    expect(audit).toEqual(expect.arrayContaining([
      { action: 'campaign', outcome: 'denied' },
      { action: 'campaign.create', outcome: 'ok' },
      { action: 'campaign.approve', outcome: 'denied' },
      { action: 'campaign.approve', outcome: 'ok' },
    ]))
    expect(audit.filter((a) => a.action === 'campaign.approve' && a.outcome === 'ok')).toHaveLength(2)
    expect(status).toBe('done')
    // g1: 12-02 the new product; 12-03 both run, the holiday sale was approved later but ties on priority lose to the earlier start
    const g1 = promosOf(result, 'g1')
    expect(g1.map((p) => `${p.day} ${p.text}`)).toEqual(['12-01 通用促销1', '12-02 🆕新品上市｜冬季新品', '12-03 🆕新品上市｜冬季新品'])
    expect(promosOf(result, 'g2').map((p) => `${p.day} ${p.text}`)).toEqual(['12-01 通用促销1', '12-02 通用促销2', '12-03 🎉店庆'])
  })

  it('gives the day\'s one promo to the higher priority, posts a flash sale\'s notice at its start, and hands a cancelled campaign\'s slot back', async () => {
    const result = await runSandbox({
      ...CAMPAIGN_BASE,
      campaigns: [
        { kind: 'holiday', name: '双12预热', text: '双12预热', starts_at: '2026-12-02T00:00:00+08:00', ends_at: '2026-12-03T00:00:00+08:00', priority: 1, created_by: 'mk', approved_by: 'boss' },
        { kind: 'flash_sale', name: '午间秒杀', text: '午间限时秒杀', starts_at: '2026-12-02T13:00:00+08:00', ends_at: '2026-12-02T14:00:00+08:00', target: { groups: ['g1'] }, priority: 5, created_by: 'mk', approved_by: 'boss' },
        { kind: 'new_product', name: '被取消的新品', text: '不会发出', starts_at: '2026-12-03T09:00:00+08:00', ends_at: '2026-12-03T21:00:00+08:00', priority: 9, status: 'cancelled', created_by: 'mk', approved_by: 'adm' },
        { kind: 'new_product', name: '后来取消的', text: '也不会发出', starts_at: '2026-12-04T09:00:00+08:00', ends_at: '2026-12-04T21:00:00+08:00', priority: 9, created_by: 'mk', approved_by: 'adm' },
      ],
      steps: [
        // the planner put 后来取消的 into 12-04 at 12-03's 08:00 pass; marketing cancels it before it starts
        { at: '2026-12-03T12:00:00+08:00', say: { from: 'mk', text: '/活动 取消 4' } },
        { at: '+1m', say: { from: 'mk', text: '/活动 取消 1' } },
        { at: '2026-12-04T21:00:00+08:00' },
      ],
    })
    const g1 = promosOf(result, 'g1')
    expect(g1.map((p) => `${p.day} ${p.time.slice(0, 4)} ${p.text}`)).toEqual([
      '12-01 20:0 通用促销1',
      // both run on 12-02: the flash sale wins (priority 5 over 1) and goes out at its start, not at 20:00
      '12-02 13:0 ⚡限时秒杀｜午间秒杀',
      '12-03 20:0 通用促销2',
      '12-04 20:0 通用促销3',
    ])
    expect(promosOf(result, 'g2').map((p) => `${p.day} ${p.text}`)).toEqual(['12-01 通用促销1', '12-02 🎉双12预热', '12-03 通用促销2', '12-04 通用促销3'])
    const mk = sentTo(result, { contact: 'mk' })
    expect(mk[0]).toBe('已取消活动 #4「后来取消的」，排好的促销会换回内容库的内容。')
    expect(mk[1]).toContain('#1 现在是「已结束」')
    expect(result.summary.campaigns).toMatchObject({ done: 2, cancelled: 2, promo_posts: 2 })
    expect(result.actions.some((a) => a.type === 'send' && a.text.includes('不会发出'))).toBe(false)
  })
})
