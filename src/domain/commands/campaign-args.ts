/**
 * Argument readers for /活动 (campaigns, SPEC 3.8) and /拼团. Pure and total like the parser. A campaign is typed
 * on one line, as a phone allows:
 *   /活动 新建 秒杀 12-12 20:00 2小时 群:全部 优先级:5 今晚8点限时秒杀，全场5折！
 *   /活动 新建 抽奖 明天 10:00 明天 21:00 关键词:抽奖 名额:3 奖品:保温杯 回复「抽奖」参与～
 * kind, start (day and time, or 现在/now), end (a duration, a time that day, or a day and time), then `key:value`
 * options, then the text.
 */
import type { CampaignKind } from '../campaigns.ts'
import { MAX_CAMPAIGN_TEXT } from '../campaigns.ts'
import { localInstant, resolveDay } from '../content-calendar.ts'
import { isHttpUrl, splitTags } from '../content-items.ts'
import { readDay, readDuration, readItemId, readOneId, readOptions, readTime, type DayRef } from './calendar-words.ts'
import type { UsageReason } from './parser.ts'
import { codePoints, fold } from './text.ts'

export type TypedTarget = { kind: 'here', word: string } | { kind: 'all' } | { kind: 'tags', tags: string[] } | { kind: 'topics', topics: string[] }
export type TypedStart = { now: true } | { day: DayRef, time: string }
export type TypedEnd = { durationMs: number } | { day: DayRef | null, time: string }

export interface TypedCampaign {
  kind: CampaignKind
  start: TypedStart
  end: TypedEnd
  /** null: typed without 群:/标签: (this group when typed in a group, else every group). */
  target: TypedTarget | null
  priority: number
  name: string | null
  text: string
  keyword: string | null
  winners: number | null
  prize: string | null
  groupSize: number | null
  linkUrl: string | null
  imageUrl: string | null
}

export type CampaignCommand =
  | { name: 'campaign', action: 'list', all: boolean }
  | { name: 'campaign', action: 'show' | 'approve' | 'cancel', id: number }
  | { name: 'campaign', action: 'create', draft: TypedCampaign }

const ACTIONS: ReadonlyMap<string, 'list' | 'all' | 'show' | 'approve' | 'cancel' | 'create'> = new Map([
  ['list', 'list'], ['列表', 'list'], ['all', 'all'], ['全部', 'all'], ['历史', 'all'],
  ['show', 'show'], ['view', 'show'], ['查看', 'show'], ['详情', 'show'],
  ['approve', 'approve'], ['通过', 'approve'], ['批准', 'approve'], ['审核', 'approve'], ['审批', 'approve'],
  ['cancel', 'cancel'], ['取消', 'cancel'], ['撤销', 'cancel'],
  ['create', 'create'], ['new', 'create'], ['add', 'create'], ['新建', 'create'], ['创建', 'create'], ['新增', 'create'], ['发起', 'create'],
])

const KINDS: ReadonlyMap<string, CampaignKind> = new Map([
  ['flash', 'flash_sale'], ['flash_sale', 'flash_sale'], ['flashsale', 'flash_sale'], ['秒杀', 'flash_sale'], ['限时秒杀', 'flash_sale'],
  ['new', 'new_product'], ['new_product', 'new_product'], ['launch', 'new_product'], ['新品', 'new_product'], ['上新', 'new_product'],
  ['groupbuy', 'group_buy'], ['group_buy', 'group_buy'], ['拼团', 'group_buy'], ['团购', 'group_buy'],
  ['lottery', 'lottery'], ['抽奖', 'lottery'],
  ['holiday', 'holiday'], ['节日', 'holiday'], ['大促', 'holiday'], ['节日大促', 'holiday'],
])

type Option = 'groups' | 'tags' | 'priority' | 'keyword' | 'winners' | 'prize' | 'size' | 'name' | 'link' | 'image'
const OPTIONS: ReadonlyMap<string, Option> = new Map([
  ['groups', 'groups'], ['群', 'groups'], ['目标', 'groups'],
  ['tags', 'tags'], ['标签', 'tags'],
  ['priority', 'priority'], ['优先级', 'priority'],
  ['keyword', 'keyword'], ['关键词', 'keyword'], ['口令', 'keyword'],
  ['winners', 'winners'], ['名额', 'winners'], ['中奖', 'winners'], ['中奖人数', 'winners'],
  ['prize', 'prize'], ['奖品', 'prize'],
  ['size', 'size'], ['成团', 'size'], ['人数', 'size'], ['成团人数', 'size'],
  ['name', 'name'], ['名称', 'name'], ['标题', 'name'],
  ['link', 'link'], ['链接', 'link'], ['image', 'image'], ['图片', 'image'],
])

const NOW_WORDS = new Set(['now', '现在', '立即', '马上'])
const ALL_WORDS = new Set(['all', '全部', '全部群', '所有群', '所有'])
const HERE_WORDS = new Set(['here', 'this', '本群', '这个群'])

export function readCampaign (args: string[]): CampaignCommand | UsageReason {
  const [first, ...rest] = args
  if (first === undefined) return { name: 'campaign', action: 'list', all: false }
  const action = ACTIONS.get(fold(first)) ?? (readItemId(first) !== null ? 'show' : undefined)
  const words = ACTIONS.has(fold(first)) ? rest : args
  switch (action) {
    case undefined: return 'unknown-action'
    case 'list': case 'all': return { name: 'campaign', action: 'list', all: action === 'all' }
    case 'show': case 'approve': case 'cancel': {
      const id = readOneId(words)
      return typeof id === 'string' ? id : { name: 'campaign', action, id }
    }
    case 'create': return readCreate(words)
  }
}

function readCreate (words: string[]): CampaignCommand | UsageReason {
  const [kindWord, ...afterKind] = words
  if (kindWord === undefined) return 'missing-argument'
  const kind = KINDS.get(fold(kindWord))
  if (kind === undefined) return 'invalid-kind'
  const when = readWindow(afterKind)
  if (typeof when === 'string') return when
  const read = readOptions(afterKind.slice(when.used), OPTIONS)
  if ('missingValue' in read) return 'invalid-option'
  const text = read.rest.join(' ').trim()
  if (text === '') return 'missing-argument'
  if (codePoints(text) > MAX_CAMPAIGN_TEXT) return 'invalid-value'
  const o = read.options
  const target = readTarget(o.get('groups'), o.get('tags'))
  if (target === 'invalid') return 'invalid-value'
  const numbers = { priority: readInt(o.get('priority'), true), winners: readInt(o.get('winners'), false), size: readInt(o.get('size'), false) }
  if (Object.values(numbers).includes('invalid')) return 'invalid-value'
  const linkUrl = o.get('link') ?? null
  const imageUrl = o.get('image') ?? null
  if ((linkUrl !== null && !isHttpUrl(linkUrl)) || (imageUrl !== null && !isHttpUrl(imageUrl))) return 'invalid-value'
  const name = o.get('name') ?? null
  if (name !== null && codePoints(name) > 40) return 'invalid-value'
  return {
    name: 'campaign', action: 'create',
    draft: {
      kind, start: when.start, end: when.end, target, priority: (numbers.priority as number | null) ?? 0, name, text,
      keyword: o.get('keyword') ?? null, winners: numbers.winners as number | null, prize: o.get('prize') ?? null, groupSize: numbers.size as number | null, linkUrl, imageUrl,
    },
  }
}

/** Start then end, at the front of the words; how many words they took. */
function readWindow (words: string[]): { start: TypedStart, end: TypedEnd, used: number } | UsageReason {
  let i = 0
  let start: TypedStart
  const w0 = words[0]
  if (w0 === undefined) return 'missing-argument'
  if (NOW_WORDS.has(fold(w0))) {
    start = { now: true }
    i = 1
  } else {
    const day = readDay(w0)
    const time = words[1] === undefined ? null : readTime(words[1])
    if (day === null) return readTime(w0) !== null ? 'invalid-date' : 'missing-argument'
    if (time === null) return 'invalid-time'
    start = { day, time }
    i = 2
  }
  const e0 = words[i]
  if (e0 === undefined) return 'missing-argument'
  const duration = readDuration(e0)
  if (duration !== null) return { start, end: { durationMs: duration }, used: i + 1 }
  const endTime = readTime(e0)
  if (endTime !== null) return { start, end: { day: null, time: endTime }, used: i + 1 }
  const endDay = readDay(e0)
  const endDayTime = words[i + 1] === undefined ? null : readTime(words[i + 1]!)
  if (endDay === null) return 'invalid-time'
  if (endDayTime === null) return 'invalid-time'
  return { start, end: { day: endDay, time: endDayTime }, used: i + 2 }
}

function readTarget (groups: string | undefined, tags: string | undefined): TypedTarget | null | 'invalid' {
  if (groups !== undefined && tags !== undefined) return 'invalid'
  if (tags !== undefined) {
    const list = splitTags(tags)
    return list.length === 0 || list.length > 20 ? 'invalid' : { kind: 'tags', tags: list }
  }
  if (groups === undefined) return null
  const g = fold(groups)
  if (ALL_WORDS.has(g)) return { kind: 'all' }
  if (HERE_WORDS.has(g)) return { kind: 'here', word: groups }
  const topics = groups.split(/[,，、;；]+/u).map((t) => t.trim()).filter(Boolean)
  return topics.length === 0 || topics.length > 50 ? 'invalid' : { kind: 'topics', topics }
}

function readInt (value: string | undefined, signed: boolean): number | null | 'invalid' {
  if (value === undefined) return null
  const m = (signed ? /^([+-]?\d{1,4})[人位个名]?$/u : /^(\d{1,4})[人位个名]?$/u).exec(fold(value))
  return m === null ? 'invalid' : Number(m[1])
}

/**
 * The typed window as instants, reading days and times in `timeZone`: the start (now, or a day and time), the end
 * (a duration after the start, a time on the start's day, or a day and time). Null when a day is no date.
 */
export function resolveWindow (now: Date, timeZone: string, start: TypedStart, end: TypedEnd): { startsAt: Date, endsAt: Date } | null {
  let startsAt: Date
  let startDay: string
  if ('now' in start) {
    startsAt = new Date(Math.floor(now.getTime() / 1000) * 1000)
    startDay = resolveDay(now, timeZone, { offset: 0 })!
  } else {
    const day = resolveDay(now, timeZone, start.day)
    if (day === null) return null
    startsAt = localInstant(day, start.time, timeZone)
    startDay = day
  }
  if ('durationMs' in end) return { startsAt, endsAt: new Date(startsAt.getTime() + end.durationMs) }
  const endDay = end.day === null ? startDay : resolveDay(now, timeZone, end.day)
  if (endDay === null) return null
  return { startsAt, endsAt: localInstant(endDay, end.time, timeZone) }
}
