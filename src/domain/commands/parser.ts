/**
 * Chat text -> typed command. Pure and total: any string (huge, binary, broken UTF-16) gives a ParseResult and
 * never an exception, because this runs on every message every customer sends.
 *
 * The caller strips @mentions of the bot and decides permission and place (catalog.ts); this file only reads text.
 */
import type { Role } from '../roles.ts'
import { COMMANDS, type CommandName } from './catalog.ts'
import { readAdjust, readApprove, readExchange, readReject } from './referral-args.ts'
import { readCustomer, readErase } from './crm-args.ts'
import { readBatch, readIssue, readReissue, readVerify, readVoid, type BatchArgs } from './coupon-args.ts'
import { readContent, readPlan, type ContentCommand, type PlanCommand } from './content-args.ts'
import { readCampaign, type CampaignCommand } from './campaign-args.ts'
import { clean, codePoints, fold, MAX_NAME_LENGTH, stripAt } from './text.ts'

export type GroupField = 'region' | 'interests' | 'operator' | 'timezone' | 'slots'

export type GroupSetting =
  | { field: 'region', value: string }
  | { field: 'interests', values: string[] }
  | { field: 'operator', target: string }
  | { field: 'timezone', value: string }
  | { field: 'slots', content: string, promo: string }

export type Command =
  | { name: 'help' }
  | { name: 'claim', code: string }
  | { name: 'whoami' }
  | { name: 'group', action: 'show' }
  | ({ name: 'group', action: 'set' } & GroupSetting)
  | { name: 'role', target: string, role: Role }
  | { name: 'unsubscribe' }
  | { name: 'subscribe' }
  | { name: 'invite' }
  | { name: 'leaderboard' }
  | { name: 'points' }
  | { name: 'rewards' }
  /** A sku ("cup-1") or a name ("保温杯"), 1..40 characters, as typed; the service resolves it. */
  | { name: 'exchange', item: string }
  | { name: 'held' }
  /** The id of a held referral reward, as /held lists it. */
  | { name: 'approve', id: number }
  | { name: 'reject', id: number, reason: string | null }
  /** `target` is a name without the @; `delta` a non-zero integer, |delta| <= 100000. */
  | { name: 'adjust', target: string, delta: number, reason: string }
  /** delete-my-data; `confirmed` when the confirmation word came with it ("/删除我的数据 确认"). */
  | { name: 'erase', confirmed: boolean }
  /** A customer by name (an @mention), CRM id ("#12") or phone, as typed; the service resolves it. */
  | { name: 'customer', target: string }
  /** A clerk's /核销: check a code (value and owner), redeem it at once, or confirm the code checked last. */
  | { name: 'verify', action: 'check' | 'redeem', code: string, customer: string | null, total: number | null }
  | { name: 'verify', action: 'confirm' }
  | { name: 'mycoupons' }
  | { name: 'batch', action: 'list' }
  | { name: 'batch', action: 'create', batch: BatchArgs }
  /** `target` is a name without the @; `batch` the batch's code as typed. */
  | { name: 'issue', target: string, batch: string }
  | { name: 'void', code: string, reason: string }
  | { name: 'reissue', code: string }
  /** The content calendar and campaigns (SPEC 3.2, 3.8): content-args.ts, campaign-args.ts. */
  | ContentCommand
  | PlanCommand
  | CampaignCommand
  | { name: 'groupbuy' }

export type UsageReason =
  | 'missing-argument'
  | 'extra-argument'
  | 'unknown-action'
  | 'unknown-field'
  | 'invalid-value'
  | 'too-many-values'
  | 'invalid-timezone'
  | 'invalid-time'
  | 'invalid-role'
  | 'too-long'
  /** A content or campaign kind word that is not one (干货/促销, 秒杀/新品/拼团/抽奖/节日). */
  | 'invalid-kind'
  /** A `key:` option without a value. */
  | 'invalid-option'
  /** A day that is not a date (12-03, 明天, 2026-12-03). */
  | 'invalid-date'

export type ParseResult =
  | { kind: 'none' }
  | { kind: 'command', command: Command }
  | { kind: 'usage', name: CommandName, reason: UsageReason }
  | { kind: 'unknown', word: string }

/** Longer text is chat (or abuse), not a command; past this we only look at the first word. */
export const MAX_COMMAND_LENGTH = 2000
export const MAX_INTERESTS = 10
export const MAX_TAG_LENGTH = 20

const NONE: ParseResult = { kind: 'none' }

// \s covers the full-width space \u3000 and the \u2005 WeChat puts after an @mention.
const WHITESPACE = /\s+/u
/** What may follow the slash for `unknown`; anything else ("/::)", "/usr/bin", a URL) is ordinary chat. */
const COMMAND_WORD = /^[\p{L}\p{N}_-]{1,32}$/u

const ALIASES = new Map<string, CommandName>()
for (const spec of COMMANDS) for (const alias of spec.aliases) ALIASES.set(fold(alias), spec.name)
/** Chinese users often omit the space ("/认领AB12"); we split on the longest CJK alias that prefixes the word. */
// Single-character aliases (群) are left out: "/群主是谁" is a question, not "/群 主是谁". So are commands that
// read no arguments: "/邀请码" is a question too, and would otherwise be /邀请 with the rest ignored.
const CJK_ALIASES = COMMANDS.filter((spec) => spec.takesArgs)
  .flatMap((spec) => spec.aliases.map(fold))
  .filter((a) => a.length >= 2 && /[^\x00-\x7F]/.test(a))
  .sort((a, b) => b.length - a.length)

function lookup (word: string): { name: CommandName, rest: string | null } | null {
  const folded = fold(word)
  const exact = ALIASES.get(folded)
  if (exact !== undefined) return { name: exact, rest: null }
  // CJK has no case, so the raw word is compared and the rest keeps its exact spelling (a claim code).
  for (const alias of CJK_ALIASES) {
    if (word.startsWith(alias)) return { name: ALIASES.get(alias)!, rest: word.slice(alias.length) }
  }
  return null
}

const usage = (name: CommandName, reason: UsageReason): ParseResult => ({ kind: 'usage', name, reason })
const ok = (command: Command): ParseResult => ({ kind: 'command', command })

export function parseCommand (text: string): ParseResult {
  if (typeof text !== 'string') return NONE
  if (text.length > MAX_COMMAND_LENGTH) return parseOversized(text)

  const cleaned = clean(text)
  // Opt-out and opt-in without a slash, exact message only, so "TD一下" stays chat.
  const whole = fold(cleaned)
  if (whole === 'td' || whole === '退订') return ok({ name: 'unsubscribe' })
  if (whole === '订阅' || whole === '恢复订阅') return ok({ name: 'subscribe' })

  if (!cleaned.startsWith('/') && !cleaned.startsWith('／')) return NONE
  const [word = '', ...args] = cleaned.slice(1).split(WHITESPACE)
  if (word === '') return NONE // "/ hello": the slash is punctuation, not a command
  const found = lookup(word)
  if (found === null) return COMMAND_WORD.test(word) ? { kind: 'unknown', word } : NONE
  if (found.rest !== null && found.rest !== '') args.unshift(found.rest)
  return parseArgs(found.name, args)
}

/** Over-long input: cheap look at the first word only, so a 10k-char paste costs nothing. */
function parseOversized (text: string): ParseResult {
  const head = clean(text.slice(0, 256))
  if (!head.startsWith('/') && !head.startsWith('／')) return NONE
  const word = head.slice(1).split(WHITESPACE)[0] ?? ''
  const found = word === '' ? null : lookup(word)
  if (found !== null) return usage(found.name, 'too-long')
  return COMMAND_WORD.test(word) ? { kind: 'unknown', word } : NONE
}

function parseArgs (name: CommandName, args: string[]): ParseResult {
  switch (name) {
    // Commands without arguments ignore trailing words ("/help 谢谢"): refusing them would only annoy.
    case 'help':
    case 'whoami':
    case 'unsubscribe':
    case 'subscribe':
    case 'invite':
    case 'leaderboard':
    case 'points':
    case 'rewards':
    case 'held':
    case 'mycoupons':
    case 'groupbuy':
      return ok({ name })
    case 'claim':
      if (args.length === 0) return usage(name, 'missing-argument')
      if (args.length > 1) return usage(name, 'extra-argument')
      if (codePoints(args[0]!) > MAX_NAME_LENGTH) return usage(name, 'invalid-value')
      return ok({ name, code: args[0]! })
    case 'role':
      return parseRole(args)
    case 'group':
      return parseGroup(args)
    case 'exchange':
      return result(name, readExchange(args))
    case 'approve':
      return result(name, readApprove(args))
    case 'reject':
      return result(name, readReject(args))
    case 'adjust':
      return result(name, readAdjust(args))
    case 'erase':
      return result(name, readErase(args))
    case 'customer':
      return result(name, readCustomer(args))
    case 'verify':
      return result(name, readVerify(args))
    case 'batch':
      return result(name, readBatch(args))
    case 'issue':
      return result(name, readIssue(args))
    case 'void':
      return result(name, readVoid(args))
    case 'reissue':
      return result(name, readReissue(args))
    case 'content':
      return result(name, readContent(args))
    case 'plan':
      return result(name, readPlan(args))
    case 'campaign':
      return result(name, readCampaign(args))
  }
}

function result (name: CommandName, read: Command | UsageReason): ParseResult {
  return typeof read === 'string' ? usage(name, read) : ok(read)
}

const ROLE_WORDS: ReadonlyMap<string, Role> = new Map([
  ['owner', 'owner'], ['店主', 'owner'], ['老板', 'owner'],
  ['admin', 'admin'], ['管理员', 'admin'],
  ['operator', 'operator'], ['运营', 'operator'],
  ['marketer', 'marketer'], ['marketing', 'marketer'], ['市场', 'marketer'],
  ['staff', 'staff'], ['店员', 'staff'],
  ['customer', 'customer'], ['none', 'customer'], ['客户', 'customer'], ['取消', 'customer'],
])

function parseRole (args: string[]): ParseResult {
  if (args.length < 2) return usage('role', 'missing-argument')
  let role = ROLE_WORDS.get(fold(args[args.length - 1]!))
  let targetWords = args.slice(0, -1)
  // Tolerate the reversed order "/role admin @小王".
  if (role === undefined) {
    role = ROLE_WORDS.get(fold(args[0]!))
    targetWords = args.slice(1)
  }
  if (role === undefined) return usage('role', 'invalid-role')
  const target = stripAt(targetWords.join(' '))
  if (target === '') return usage('role', 'missing-argument')
  if (codePoints(target) > MAX_NAME_LENGTH) return usage('role', 'invalid-value')
  return ok({ name: 'role', target, role })
}

const SHOW_WORDS = new Set(['show', 'view', '查看'])
const SET_WORDS = new Set(['set', '设置', '设'])
const FIELD_WORDS: ReadonlyMap<string, GroupField> = new Map([
  ['region', 'region'], ['地区', 'region'], ['区域', 'region'], ['城市', 'region'],
  ['interests', 'interests'], ['interest', 'interests'], ['tags', 'interests'], ['兴趣', 'interests'], ['标签', 'interests'],
  ['operator', 'operator'], ['运营', 'operator'],
  ['timezone', 'timezone'], ['tz', 'timezone'], ['时区', 'timezone'],
  ['slots', 'slots'], ['slot', 'slots'], ['时段', 'slots'], ['时间', 'slots'],
])

function parseGroup (args: string[]): ParseResult {
  const first = args[0]
  if (first === undefined || SHOW_WORDS.has(fold(first))) return ok({ name: 'group', action: 'show' })
  // "/群 地区 成都" is read as "/群 设置 地区 成都": the field word alone is unambiguous.
  const rest = SET_WORDS.has(fold(first)) ? args.slice(1) : FIELD_WORDS.has(fold(first)) ? args : null
  if (rest === null) return usage('group', 'unknown-action')
  const [fieldWord, ...values] = rest
  if (fieldWord === undefined) return usage('group', 'missing-argument')
  const field = FIELD_WORDS.get(fold(fieldWord))
  if (field === undefined) return usage('group', 'unknown-field')
  if (values.length === 0) return usage('group', 'missing-argument')
  const setting = parseGroupSetting(field, values)
  return typeof setting === 'string' ? usage('group', setting) : ok({ name: 'group', action: 'set', ...setting })
}

function parseGroupSetting (field: GroupField, values: string[]): GroupSetting | UsageReason {
  switch (field) {
    case 'region': {
      const value = values.join(' ')
      return codePoints(value) > MAX_TAG_LENGTH ? 'invalid-value' : { field, value }
    }
    case 'interests':
      return parseInterests(values.join(' '))
    case 'operator': {
      const target = stripAt(values.join(' '))
      if (target === '') return 'missing-argument'
      return codePoints(target) > MAX_NAME_LENGTH ? 'invalid-value' : { field, target }
    }
    case 'timezone': {
      if (values.length > 1) return 'extra-argument'
      const value = canonicalTimeZone(values[0]!)
      return value === null ? 'invalid-timezone' : { field, value }
    }
    case 'slots': {
      if (values.length > 2) return 'extra-argument'
      if (values.length < 2) return 'missing-argument'
      const content = parseClock(values[0]!)
      const promo = parseClock(values[1]!)
      return content === null || promo === null ? 'invalid-time' : { field, content, promo }
    }
  }
}

function parseInterests (raw: string): GroupSetting | UsageReason {
  const seen = new Set<string>()
  const values: string[] = []
  for (const part of raw.split(/[,，、;；\s]+/u)) {
    // "#育儿" is how people write tags elsewhere; the tag is "育儿".
    const tag = part.replace(/^[#＃]+/u, '').trim()
    if (tag === '' || seen.has(fold(tag))) continue
    seen.add(fold(tag))
    values.push(tag)
  }
  if (values.length === 0) return 'missing-argument'
  if (values.length > MAX_INTERESTS) return 'too-many-values'
  if (values.some((tag) => codePoints(tag) > MAX_TAG_LENGTH)) return 'invalid-value'
  return { field: 'interests', values }
}

/** What operators in China actually type for their own zone. */
const TIME_ZONE_WORDS: ReadonlyMap<string, string> = new Map([['北京时间', 'Asia/Shanghai'], ['beijing', 'Asia/Shanghai']])

/** The IANA name as Intl spells it ("asia/shanghai" -> "Asia/Shanghai"), or null when Intl does not know it. */
export function canonicalTimeZone (input: string): string | null {
  const alias = TIME_ZONE_WORDS.get(fold(input))
  if (alias !== undefined) return alias
  // Only Area/Location names (and UTC): an abbreviation is ambiguous, and Intl resolves "CST" to Chicago
  // when an operator in China means China Standard Time.
  if (input.length > 64 || !/^(?:[A-Za-z][\w+-]*\/[\w+/-]+|utc)$/i.test(input)) return null
  try {
    return new Intl.DateTimeFormat('en', { timeZone: input }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

/** "9:00", "09:00" or full-width "０９：００" -> "09:00"; anything else, or 24:00, -> null. */
export function parseClock (input: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(input.normalize('NFKC'))
  if (m === null) return null
  const hour = Number(m[1])
  const minute = Number(m[2])
  if (hour > 23 || minute > 59) return null
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
}
