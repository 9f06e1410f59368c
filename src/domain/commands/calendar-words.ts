/**
 * Words shared by the content, plan and campaign commands (SPEC 3.2, 3.8): days, times, durations and `key:value`
 * options, as operators type them on a phone in Chinese or English. Pure and total.
 */
import { readKind } from '../content-items.ts'
import type { PostKind } from '../content-calendar.ts'
import { parseClock } from './parser.ts'
import { fold } from './text.ts'

/** A day as typed: relative ("今天", "明天", "tomorrow") or a date ("12-03", "12月3日", "2026-12-03"). */
export type DayRef = { offset: number } | { month: number, day: number, year?: number }

const RELATIVE_DAYS: ReadonlyMap<string, number> = new Map([
  ['今天', 0], ['今日', 0], ['today', 0], ['明天', 1], ['明日', 1], ['tomorrow', 1], ['后天', 2],
])

export function readDay (word: string): DayRef | null {
  const w = fold(word)
  const relative = RELATIVE_DAYS.get(w)
  if (relative !== undefined) return { offset: relative }
  const full = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(w)
  if (full) return checked(Number(full[2]), Number(full[3]), Number(full[1]))
  const short = /^(\d{1,2})[-/.](\d{1,2})$/.exec(w) ?? /^(\d{1,2})月(\d{1,2})[日号]?$/u.exec(w)
  if (short) return checked(Number(short[1]), Number(short[2]))
  return null
}

function checked (month: number, day: number, year?: number): DayRef | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  return year === undefined ? { month, day } : { month, day, year }
}

/** "20:00", "２０：００", "20点", "8点30", "20点半" -> "HH:MM"; anything else -> null. */
export function readTime (word: string): string | null {
  const w = fold(word)
  const clock = parseClock(w)
  if (clock !== null) return clock
  const m = /^(\d{1,2})[点時时](?:(\d{1,2})分?|(半))?$/u.exec(w)
  if (m === null) return null
  const minutes = m[3] !== undefined ? 30 : Number(m[2] ?? 0)
  return parseClock(`${m[1]}:${String(minutes).padStart(2, '0')}`)
}

const DURATION_UNITS: ReadonlyMap<string, number> = new Map([
  ['m', 60_000], ['min', 60_000], ['分钟', 60_000], ['分', 60_000],
  ['h', 3_600_000], ['小时', 3_600_000], ['个小时', 3_600_000], ['hour', 3_600_000], ['hours', 3_600_000],
  ['d', 86_400_000], ['天', 86_400_000], ['day', 86_400_000], ['days', 86_400_000],
])

/** "2h", "2小时", "90分钟", "3天" -> milliseconds; zero, absurd (over a year) or unknown -> null. */
export function readDuration (word: string): number | null {
  const m = /^(\d{1,4})\s*([a-z\u4e00-\u9fff]+)$/u.exec(fold(word))
  if (m === null) return null
  const unit = DURATION_UNITS.get(m[2]!)
  const ms = unit === undefined ? 0 : Number(m[1]) * unit
  return ms > 0 && ms <= 366 * 86_400_000 ? ms : null
}

export function readPostKind (word: string): PostKind | null {
  return readKind(word)
}

/** "12", "#12", "12号" -> 12 (within a Postgres integer); else null. */
export function readItemId (word: string): number | null {
  const m = /^#?0*(\d{1,10})号?$/u.exec(fold(word))
  if (m === null) return null
  const id = Number(m[1])
  return id >= 1 && id <= 2_147_483_647 ? id : null
}

/** Exactly one id after an action word ("/内容 下架 12", "/活动 通过 #3"), or the usage reason. */
export function readOneId (words: readonly string[]): number | 'missing-argument' | 'extra-argument' | 'invalid-value' {
  if (words.length === 0) return 'missing-argument'
  if (words.length > 1) return 'extra-argument'
  return readItemId(words[0]!) ?? 'invalid-value'
}

/**
 * Leading `key:value` words (Chinese colon too; "key: value" with a space also reads) whose key is known, up to the
 * first word that is not one. Returns the options and the words after them, or the word that looked like an
 * option but had no value.
 */
export function readOptions<K extends string> (args: readonly string[], keys: ReadonlyMap<string, K>): { options: Map<K, string>, rest: string[] } | { missingValue: string } {
  const options = new Map<K, string>()
  let i = 0
  while (i < args.length) {
    const m = /^([^:：]+)[:：](.*)$/su.exec(args[i]!)
    const key = m ? keys.get(fold(m[1]!)) : undefined
    if (!m || key === undefined) break
    let value = m[2]!.trim()
    if (value === '') {
      const next = args[i + 1]
      if (next === undefined) return { missingValue: m[1]! }
      value = next
      i++
    }
    options.set(key, value)
    i++
  }
  return { options, rest: args.slice(i) }
}
