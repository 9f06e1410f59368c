import { describe, expect, it } from 'vitest'
import { resolveWindow } from '../../src/domain/commands/campaign-args.ts'
import { readDay, readDuration, readTime } from '../../src/domain/commands/calendar-words.ts'
import { parseCommand, type ParseResult } from '../../src/domain/commands/parser.ts'

const cmd = (text: string): unknown => {
  const r: ParseResult = parseCommand(text)
  return r.kind === 'command' ? r.command : r
}

describe('words of the calendar commands', () => {
  it('reads days, times and durations as operators type them', () => {
    expect(['今天', '明天', 'tomorrow', '12-03', '12/3', '12月3日', '2027-01-02'].map(readDay)).toEqual([
      { offset: 0 }, { offset: 1 }, { offset: 1 }, { month: 12, day: 3 }, { month: 12, day: 3 }, { month: 12, day: 3 }, { month: 1, day: 2, year: 2027 },
    ])
    expect(['13-01', '12-32', 'soon'].map(readDay)).toEqual([null, null, null])
    expect(['20:00', '２０：００', '8点', '8点30', '20点半', '24:00', '8'].map(readTime)).toEqual(['20:00', '20:00', '08:00', '08:30', '20:30', null, null])
    expect(['2h', '2小时', '90分钟', '3天', '0h', '9999d', '2'].map(readDuration)).toEqual([7_200_000, 7_200_000, 5_400_000, 259_200_000, null, null, null])
  })
})

describe('/内容', () => {
  it('adds an item with options and hashtags before the text', () => {
    expect(cmd('/内容 添加 干货 地区:成都 兴趣：育儿,早教 #辅食 辅食添加的 3个误区')).toEqual({
      name: 'content', action: 'add',
      item: { kind: 'content', text: '辅食添加的 3个误区', region: '成都', interests: ['育儿', '早教', '辅食'], imageUrl: null, linkUrl: null, validFrom: null, validUntil: null },
    })
    expect(cmd('/content add promo valid:12-01~12-31 link: https://x.example/a Free shipping')).toMatchObject({
      item: { kind: 'promo', text: 'Free shipping', linkUrl: 'https://x.example/a', validFrom: { month: 12, day: 1 }, validUntil: { month: 12, day: 31 } },
    })
  })

  it('lists, shows and retires, and gives usage for wrong words', () => {
    expect(cmd('/内容')).toEqual({ name: 'content', action: 'list', kind: null, page: 1 })
    expect(cmd('/内容 促销 第2页')).toEqual({ name: 'content', action: 'list', kind: 'promo', page: 2 })
    expect(cmd('/内容 #12')).toEqual({ name: 'content', action: 'show', id: 12 })
    expect(cmd('/内容 下架 12')).toEqual({ name: 'content', action: 'retire', id: 12 })
    expect(cmd('/内容 下架')).toEqual({ kind: 'usage', name: 'content', reason: 'missing-argument' })
    expect(cmd('/内容 下架 12 13')).toEqual({ kind: 'usage', name: 'content', reason: 'extra-argument' })
    expect(cmd('/内容 添加 零食 好吃')).toEqual({ kind: 'usage', name: 'content', reason: 'invalid-kind' })
    expect(cmd('/内容 添加 干货')).toEqual({ kind: 'usage', name: 'content', reason: 'missing-argument' })
    expect(cmd('/内容 添加 干货 链接:ftp://x 正文')).toEqual({ kind: 'usage', name: 'content', reason: 'invalid-value' })
    expect(cmd('/内容 添加 干货 有效期:下周 正文')).toEqual({ kind: 'usage', name: 'content', reason: 'invalid-date' })
    expect(cmd('/内容 添加 干货 地区:')).toEqual({ kind: 'usage', name: 'content', reason: 'invalid-option' })
    expect(cmd('/内容 删库')).toEqual({ kind: 'usage', name: 'content', reason: 'unknown-action' })
    expect(cmd(`/内容 添加 干货 ${'字'.repeat(2001)}`)).toEqual({ kind: 'usage', name: 'content', reason: 'too-long' })
  })
})

describe('/计划', () => {
  it('shows, skips and replaces, with the day and the kind in either order', () => {
    expect(cmd('/计划')).toEqual({ name: 'plan', action: 'show' })
    expect(cmd('/计划 跳过 明天 干货')).toEqual({ name: 'plan', action: 'skip', day: { offset: 1 }, kind: 'content' })
    expect(cmd('/plan skip content 12-03')).toEqual({ name: 'plan', action: 'skip', day: { month: 12, day: 3 }, kind: 'content' })
    expect(cmd('/计划 换 今天 促销 #7')).toEqual({ name: 'plan', action: 'replace', day: { offset: 0 }, kind: 'promo', itemId: 7 })
    expect(cmd('/计划 换 今天')).toEqual({ kind: 'usage', name: 'plan', reason: 'missing-argument' })
    expect(cmd('/计划 跳过 明天 干货 7')).toEqual({ kind: 'usage', name: 'plan', reason: 'extra-argument' })
    expect(cmd('/计划 跳过 下周 干货')).toEqual({ kind: 'usage', name: 'plan', reason: 'invalid-value' })
    expect(cmd('/计划 删除 明天')).toEqual({ kind: 'usage', name: 'plan', reason: 'unknown-action' })
  })
})

describe('/活动', () => {
  it('reads a campaign typed on one line', () => {
    expect(cmd('/活动 新建 秒杀 12-12 20:00 2小时 群:全部 优先级:5 今晚8点限时秒杀，全场5折！')).toEqual({
      name: 'campaign', action: 'create',
      draft: {
        kind: 'flash_sale', start: { day: { month: 12, day: 12 }, time: '20:00' }, end: { durationMs: 7_200_000 }, target: { kind: 'all' },
        priority: 5, name: null, text: '今晚8点限时秒杀，全场5折！', keyword: null, winners: null, prize: null, groupSize: null, linkUrl: null, imageUrl: null,
      },
    })
    expect(cmd('/活动 新建 抽奖 明天 10点 明天 21:00 标签:育儿,成都 关键词:抽奖 名额:3人 奖品:保温杯 回复抽奖参与')).toMatchObject({
      draft: { kind: 'lottery', start: { day: { offset: 1 }, time: '10:00' }, end: { day: { offset: 1 }, time: '21:00' }, target: { kind: 'tags', tags: ['育儿', '成都'] }, keyword: '抽奖', winners: 3, prize: '保温杯' },
    })
    expect(cmd('/campaign new groupbuy now 3d groups:here size:5 Team up!')).toMatchObject({ draft: { kind: 'group_buy', start: { now: true }, end: { durationMs: 259_200_000 }, target: { kind: 'here' }, groupSize: 5 } })
    expect(cmd('/活动 新建 新品 12-01 09:00 21:00 群:宝妈群,美食群 新品上市')).toMatchObject({ draft: { end: { day: null, time: '21:00' }, target: { kind: 'topics', topics: ['宝妈群', '美食群'] } } })
  })

  it('lists, shows, approves and cancels by number, and gives usage for wrong words', () => {
    expect(cmd('/活动')).toEqual({ name: 'campaign', action: 'list', all: false })
    expect(cmd('/活动 全部')).toEqual({ name: 'campaign', action: 'list', all: true })
    expect(cmd('/活动 3')).toEqual({ name: 'campaign', action: 'show', id: 3 })
    expect(cmd('/活动 通过 3')).toEqual({ name: 'campaign', action: 'approve', id: 3 })
    expect(cmd('/campaign cancel #3')).toEqual({ name: 'campaign', action: 'cancel', id: 3 })
    expect(cmd('/活动 新建 团建 12-12 20:00 2小时 文案')).toEqual({ kind: 'usage', name: 'campaign', reason: 'invalid-kind' })
    expect(cmd('/活动 新建 秒杀 20:00 2小时 文案')).toEqual({ kind: 'usage', name: 'campaign', reason: 'invalid-date' })
    expect(cmd('/活动 新建 秒杀 12-12 晚上 2小时 文案')).toEqual({ kind: 'usage', name: 'campaign', reason: 'invalid-time' })
    expect(cmd('/活动 新建 秒杀 12-12 20:00 2小时')).toEqual({ kind: 'usage', name: 'campaign', reason: 'missing-argument' })
    expect(cmd('/活动 新建 秒杀 12-12 20:00 2小时 群:全部 标签:育儿 文案')).toEqual({ kind: 'usage', name: 'campaign', reason: 'invalid-value' })
    expect(cmd('/活动 新建 秒杀 12-12 20:00 2小时 优先级:高 文案')).toEqual({ kind: 'usage', name: 'campaign', reason: 'invalid-value' })
    expect(cmd('/活动 通过 一')).toEqual({ kind: 'usage', name: 'campaign', reason: 'invalid-value' })
    expect(cmd('/活动 开始 3')).toEqual({ kind: 'usage', name: 'campaign', reason: 'unknown-action' })
  })

  it('turns the typed window into instants in the caller\'s timezone', () => {
    const now = new Date('2026-12-01T10:00:30+08:00')
    expect(resolveWindow(now, 'Asia/Shanghai', { day: { month: 12, day: 12 }, time: '20:00' }, { durationMs: 7_200_000 }))
      .toEqual({ startsAt: new Date('2026-12-12T20:00:00+08:00'), endsAt: new Date('2026-12-12T22:00:00+08:00') })
    expect(resolveWindow(now, 'Asia/Shanghai', { now: true }, { day: null, time: '21:00' }))
      .toEqual({ startsAt: new Date('2026-12-01T10:00:30+08:00'), endsAt: new Date('2026-12-01T21:00:00+08:00') })
    expect(resolveWindow(now, 'Europe/London', { day: { offset: 1 }, time: '09:00' }, { day: { month: 12, day: 3 }, time: '09:00' }))
      .toEqual({ startsAt: new Date('2026-12-02T09:00:00Z'), endsAt: new Date('2026-12-03T09:00:00Z') })
    expect(resolveWindow(now, 'Asia/Shanghai', { day: { month: 2, day: 30 }, time: '09:00' }, { durationMs: 1 })).toBeNull()
  })
})
