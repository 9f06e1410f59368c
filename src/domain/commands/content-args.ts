/**
 * Argument readers for /内容 (the content library) and /计划 (a group's posting plan), SPEC 3.2. Pure and total like
 * the parser: the words after the command in, the command or the usage reason out.
 */
import type { PostKind } from '../content-calendar.ts'
import { isHttpUrl, MAX_ITEM_TAG_LENGTH, MAX_ITEM_TAGS, MAX_ITEM_TEXT, splitTags } from '../content-items.ts'
import { readDay, readItemId, readOneId, readOptions, readPostKind, type DayRef } from './calendar-words.ts'
import type { UsageReason } from './parser.ts'
import { codePoints, fold } from './text.ts'

export interface TypedItem {
  kind: PostKind
  text: string
  region: string | null
  interests: string[]
  imageUrl: string | null
  linkUrl: string | null
  validFrom: DayRef | null
  validUntil: DayRef | null
}

export type ContentCommand =
  | { name: 'content', action: 'list', kind: PostKind | null, page: number }
  | { name: 'content', action: 'show', id: number }
  | { name: 'content', action: 'retire', id: number }
  | { name: 'content', action: 'add', item: TypedItem }

export type PlanCommand =
  | { name: 'plan', action: 'show' }
  | { name: 'plan', action: 'skip', day: DayRef, kind: PostKind }
  | { name: 'plan', action: 'replace', day: DayRef, kind: PostKind, itemId: number | null }

const ACTIONS: ReadonlyMap<string, 'list' | 'show' | 'retire' | 'add'> = new Map([
  ['list', 'list'], ['ls', 'list'], ['列表', 'list'], ['查看全部', 'list'],
  ['show', 'show'], ['view', 'show'], ['查看', 'show'], ['详情', 'show'],
  ['retire', 'retire'], ['remove', 'retire'], ['delete', 'retire'], ['下架', 'retire'], ['删除', 'retire'], ['停用', 'retire'],
  ['add', 'add'], ['new', 'add'], ['添加', 'add'], ['新增', 'add'], ['加', 'add'],
])

type ItemOption = 'region' | 'interests' | 'link' | 'image' | 'valid' | 'from' | 'until'
const ITEM_OPTIONS: ReadonlyMap<string, ItemOption> = new Map([
  ['region', 'region'], ['地区', 'region'], ['城市', 'region'],
  ['interests', 'interests'], ['tags', 'interests'], ['兴趣', 'interests'], ['标签', 'interests'],
  ['link', 'link'], ['链接', 'link'], ['image', 'image'], ['图片', 'image'],
  ['valid', 'valid'], ['有效期', 'valid'], ['from', 'from'], ['开始', 'from'], ['until', 'until'], ['结束', 'until'], ['截止', 'until'],
])

export function readContent (args: string[]): ContentCommand | UsageReason {
  const [first, ...rest] = args
  if (first === undefined) return { name: 'content', action: 'list', kind: null, page: 1 }
  // "/内容 干货" lists one kind; "/内容 12" shows one item.
  const action = ACTIONS.get(fold(first)) ?? (readPostKind(first) !== null ? 'list' : readItemId(first) !== null ? 'show' : null)
  const words = ACTIONS.has(fold(first)) ? rest : args
  switch (action) {
    case null: return 'unknown-action'
    case 'list': return readList(words)
    case 'show': case 'retire': {
      const id = readOneId(words)
      return typeof id === 'string' ? id : { name: 'content', action, id }
    }
    case 'add': return readAdd(words)
  }
}

function readList (words: string[]): ContentCommand | UsageReason {
  let kind: PostKind | null = null
  let page = 1
  for (const w of words) {
    const k = readPostKind(w)
    const p = /^(?:第)?(\d{1,4})页?$/u.exec(fold(w))
    if (k !== null) kind = k
    else if (p !== null && Number(p[1]) >= 1) page = Number(p[1])
    else return 'invalid-value'
  }
  return { name: 'content', action: 'list', kind, page }
}

function readAdd (words: string[]): ContentCommand | UsageReason {
  const [kindWord, ...rest] = words
  if (kindWord === undefined) return 'missing-argument'
  const kind = readPostKind(kindWord)
  if (kind === null) return 'invalid-kind'
  const read = readOptions(rest, ITEM_OPTIONS)
  if ('missingValue' in read) return 'invalid-option'
  // Hashtags before the text are interests too: "#育儿 #辅食 ……".
  let i = 0
  const hashtags: string[] = []
  while (i < read.rest.length && /^[#＃]\S+$/u.test(read.rest[i]!)) hashtags.push(read.rest[i++]!)
  const text = read.rest.slice(i).join(' ').trim()
  if (text === '') return 'missing-argument'
  if (codePoints(text) > MAX_ITEM_TEXT) return 'invalid-value'
  const o = read.options
  const interests = splitTags([...splitTags(o.get('interests') ?? ''), ...splitTags(hashtags.join(' '))])
  const region = o.get('region') ?? null
  if (interests.length > MAX_ITEM_TAGS || [...interests, region ?? ''].some((t) => codePoints(t) > MAX_ITEM_TAG_LENGTH)) return 'invalid-value'
  const linkUrl = o.get('link') ?? null
  const imageUrl = o.get('image') ?? null
  if ((linkUrl !== null && !isHttpUrl(linkUrl)) || (imageUrl !== null && !isHttpUrl(imageUrl))) return 'invalid-value'
  const validity = readValidity(o.get('valid'), o.get('from'), o.get('until'))
  if (validity === null) return 'invalid-date'
  return { name: 'content', action: 'add', item: { kind, text, region, interests, imageUrl, linkUrl, ...validity } }
}

/** "12-01~12-31", "~12-31", "12-01~" (or from:/until:) -> the days; a word that is not a day -> null. */
function readValidity (valid: string | undefined, from: string | undefined, until: string | undefined): { validFrom: DayRef | null, validUntil: DayRef | null } | null {
  let a = from
  let b = until
  if (valid !== undefined) {
    const parts = valid.split(/[~～至到]/u)
    if (parts.length > 2) return null
    a = parts[0] || undefined
    b = parts.length === 2 ? parts[1] || undefined : b
  }
  const validFrom = a === undefined ? null : readDay(a)
  const validUntil = b === undefined ? null : readDay(b)
  if ((a !== undefined && validFrom === null) || (b !== undefined && validUntil === null)) return null
  return { validFrom, validUntil }
}

const PLAN_ACTIONS: ReadonlyMap<string, 'show' | 'skip' | 'replace'> = new Map([
  ['show', 'show'], ['view', 'show'], ['查看', 'show'],
  ['skip', 'skip'], ['跳过', 'skip'], ['不发', 'skip'], ['取消', 'skip'],
  ['replace', 'replace'], ['swap', 'replace'], ['change', 'replace'], ['换', 'replace'], ['更换', 'replace'], ['替换', 'replace'], ['换一条', 'replace'],
])

/** "/计划", "/计划 跳过 明天 干货", "/计划 换 今天 促销 12": the day and the kind in either order. */
export function readPlan (args: string[]): PlanCommand | UsageReason {
  const [first, ...rest] = args
  if (first === undefined) return { name: 'plan', action: 'show' }
  const action = PLAN_ACTIONS.get(fold(first))
  if (action === undefined) return 'unknown-action'
  if (action === 'show') return { name: 'plan', action }
  let day: DayRef | null = null
  let kind: PostKind | null = null
  let itemId: number | null = null
  for (const w of rest) {
    const k = readPostKind(w)
    const d = k === null ? readDay(w) : null
    const id = k === null && d === null ? readItemId(w) : null
    if (k !== null && kind === null) kind = k
    else if (d !== null && day === null) day = d
    else if (id !== null && itemId === null && action === 'replace') itemId = id
    else return readDay(w) === null && readItemId(w) === null && readPostKind(w) === null ? 'invalid-value' : 'extra-argument'
  }
  if (day === null || kind === null) return 'missing-argument'
  return action === 'skip' ? { name: 'plan', action, day, kind } : { name: 'plan', action, day, kind, itemId }
}
