/**
 * Argument readers for the coupon commands (SPEC 3.5): /核销 (verify), /券批次 (batch), /发券 (issue), /作废 (void),
 * /补发 (reissue). Pure and total like the parser: each takes the words after the command and returns the command,
 * or the usage reason when the words do not fit. Made to be typed on a phone: words in any order, units as people
 * write them (30元, 满199, 7天, 限50).
 */
import type { Command, UsageReason } from './parser.ts'
import { MAX_REASON_LENGTH } from './referral-args.ts'
import { codePoints, fold, MAX_NAME_LENGTH, stripAt } from './text.ts'

type Of<N extends Command['name']> = Extract<Command, { name: N }>

/** The batch a chat command creates, in the shape of the API's body (services/coupon-batches.ts). */
export interface BatchArgs {
  code: string
  kind: 'unique' | 'shared'
  amount?: number
  gift?: string
  min_spend: number
  valid_days?: number
  /** "MM-DD" or "YYYY-MM-DD": valid until the end of that local day (the service dates it). */
  until?: string
  per_customer: number
  cap?: number
  stacks: boolean
  streamer?: string
  channel?: string
  name?: string
}

/** Days a batch created by chat is valid when nothing is said (the welcome coupon's 30). */
export const DEFAULT_CHAT_VALID_DAYS = 30
const MAX_MONEY = 100_000
const MAX_TEXT = 40

const CONFIRM_WORDS = new Set(['确认', '确定', '是', 'ok', 'yes', 'confirm', 'y'])

/** "199元", "¥199", "￥199.5", "消费199": what the customer spends; bare numbers are parts of a code. */
function readSpend (word: string): number | null {
  const m = /^(?:[¥￥]|消费|金额|total=)(\d{1,7}(?:\.\d{1,2})?)元?$|^(\d{1,7}(?:\.\d{1,2})?)元$/iu.exec(word.normalize('NFKC'))
  if (m === null) return null
  const n = Number(m[1] ?? m[2])
  return n <= MAX_MONEY * 100 ? n : null
}

/**
 * "/核销 CODE" checks; "/核销 CODE 确认" redeems in one go; "/核销 确认" redeems the code checked last. A shared code
 * names the customer ("/核销 ANNA30 @张三"); "199元" tells the bill, for the minimum spend. The code may be typed in
 * groups with spaces ("ABCD EFGH ...").
 */
export function readVerify (args: string[]): Of<'verify'> | UsageReason {
  const words = [...args]
  if (words.length === 0) return 'missing-argument'
  const confirm = CONFIRM_WORDS.has(fold(words.at(-1)!))
  if (confirm) words.pop()
  if (words.length === 0) return { name: 'verify', action: 'confirm' }
  let customer: string | null = null
  let total: number | null = null
  const code: string[] = []
  for (const word of words) {
    if (/^[@＠]/u.test(word)) {
      if (customer !== null) return 'extra-argument'
      customer = stripAt(word)
      if (customer === '' || codePoints(customer) > MAX_NAME_LENGTH) return 'invalid-value'
      continue
    }
    const spend = readSpend(word)
    if (spend !== null) {
      if (total !== null) return 'extra-argument'
      total = spend
      continue
    }
    code.push(word)
  }
  const typed = code.join('')
  if (typed === '') return 'missing-argument'
  if (codePoints(typed) > 64) return 'invalid-value'
  // Several words are a unique code typed in groups of four ("K7Q2 M9XD P4RT WX3E"); anything else ("ANNA30 199":
  // a bill without 元) is not glued into a code, whose lookup would count a failure against the customer.
  if (code.length > 1 && code.some((w) => w.normalize('NFKC').replace(/[-_]/g, '').length % 4 !== 0)) return 'invalid-value'
  return { name: 'verify', action: confirm ? 'redeem' : 'check', code: typed, customer, total }
}

/** "/发券 @张三 BDAY50" or "/发券 BDAY50 @张三": the batch is the last word, or the first when the last is the @name. */
export function readIssue (args: string[]): Of<'issue'> | UsageReason {
  if (args.length < 2) return 'missing-argument'
  const lastIsName = /^[@＠]/u.test(args.at(-1)!) && !/^[@＠]/u.test(args[0]!)
  const batch = lastIsName ? args[0]! : args.at(-1)!
  const target = stripAt((lastIsName ? args.slice(1) : args.slice(0, -1)).join(' '))
  if (target === '') return 'missing-argument'
  if (codePoints(target) > MAX_NAME_LENGTH || codePoints(batch) > 24) return 'invalid-value'
  return { name: 'issue', target, batch }
}

/** "/作废 CODE 原因": the code as one word (as the DM shows it), then why. */
export function readVoid (args: string[]): Of<'void'> | UsageReason {
  const [code, ...rest] = args
  if (code === undefined || rest.length === 0) return 'missing-argument'
  const reason = rest.join(' ')
  if (codePoints(code) > 64 || codePoints(reason) > MAX_REASON_LENGTH) return 'invalid-value'
  return { name: 'void', code, reason }
}

/** "/补发 CODE": the voided code. */
export function readReissue (args: string[]): Of<'reissue'> | UsageReason {
  if (args.length === 0) return 'missing-argument'
  const code = args.join('')
  if (codePoints(code) > 64) return 'invalid-value'
  return { name: 'reissue', code }
}

const LIST_WORDS = new Set(['list', 'ls', '列表', '查看', 'show'])
const CREATE_WORDS = new Set(['create', 'new', 'add', '新建', '创建', '新增'])
const SHARED_WORDS = new Set(['shared', 'share', '共享', '共享码', '通用', '通用码', '主播码'])
const UNIQUE_WORDS = new Set(['unique', '一人一码', '独立', '独立码'])
const STACK_WORDS = new Set(['stack', 'stacks', 'stackable', '可叠加', '叠加'])
const NO_MIN_WORDS = new Set(['无门槛', 'nomin'])

/** Option words: a prefix (or key=) and what it sets. */
// Matched case-insensitively against the word as typed (NFKC), so values keep their spelling (a streamer's name).
const OPTIONS: ReadonlyArray<{ pattern: RegExp, set: (b: BatchArgs, v: string) => boolean }> = [
  { pattern: /^(?:满|min=?)(\d{1,7}(?:\.\d{1,2})?)元?$/iu, set: (b, v) => { b.min_spend = Number(v); return b.min_spend <= MAX_MONEY } },
  { pattern: /^(\d{1,4})(?:天|d|days?)$|^days?=(\d{1,4})$/iu, set: (b, v) => { b.valid_days = Number(v); return b.valid_days >= 1 && b.valid_days <= 3650 } },
  { pattern: /^(?:至|到|until=?)((?:\d{4}-)?\d{1,2}-\d{1,2})$/iu, set: (b, v) => { b.until = v; return true } },
  { pattern: /^(?:每人限?|per=?)(\d{1,3})[张次]?$/iu, set: (b, v) => { b.per_customer = Number(v); return b.per_customer >= 1 && b.per_customer <= 100 } },
  { pattern: /^(?:限量?|上限|共|cap=?)(\d{1,9})[张人份个]?$/iu, set: (b, v) => { b.cap = Number(v); return b.cap >= 1 } },
  { pattern: /^(?:赠品|礼品|gift=)[:：]?(.+)$/iu, set: (b, v) => { b.gift = v; return codePoints(v) <= MAX_TEXT } },
  { pattern: /^(?:主播|streamer=)[:：]?(.+)$/iu, set: (b, v) => { b.streamer = v; return codePoints(v) <= MAX_TEXT } },
  { pattern: /^(?:渠道|channel=)[:：]?(.+)$/iu, set: (b, v) => { b.channel = v; return codePoints(v) <= MAX_TEXT } },
  { pattern: /^(?:名称|name=)[:：]?(.+)$/iu, set: (b, v) => { b.name = v; return codePoints(v) <= MAX_TEXT } },
  { pattern: /^(?:立?减|[¥￥]|amount=)?(\d{1,6}(?:\.\d{1,2})?)元?$/iu, set: (b, v) => { b.amount = Number(v); return b.amount > 0 && b.amount <= MAX_MONEY } },
]
const MIN_OPTION = 0
const AMOUNT_OPTION = OPTIONS.length - 1

/**
 * "/券批次" lists; "/券批次 新建 ANNA30 共享 30元 7天 主播安娜 限50" creates. After the code, words in any order:
 * 共享/一人一码, an amount (30元) or a gift (赠品试用装), 满199 or 无门槛 (or 满199减30), 7天 or 至12-31 (30天 when neither),
 * 每人2张, 限50, 可叠加, 主播X, 渠道X, 名称X.
 */
export function readBatch (args: string[]): Of<'batch'> | UsageReason {
  const [first, ...rest] = args
  if (first === undefined || LIST_WORDS.has(fold(first))) return { name: 'batch', action: 'list' }
  if (!CREATE_WORDS.has(fold(first))) return 'unknown-action'
  const [code, ...options] = rest
  if (code === undefined) return 'missing-argument'
  if (codePoints(code) > 24) return 'invalid-value'
  const batch: BatchArgs = { code, kind: 'unique', min_spend: 0, per_customer: 1, stacks: false }
  const seen = new Set<number>()
  for (const raw of options) {
    const keyword = fold(raw)
    if (SHARED_WORDS.has(keyword)) { batch.kind = 'shared'; continue }
    if (UNIQUE_WORDS.has(keyword)) { batch.kind = 'unique'; continue }
    if (STACK_WORDS.has(keyword)) { batch.stacks = true; continue }
    if (NO_MIN_WORDS.has(keyword)) { batch.min_spend = 0; continue }
    const word = raw.normalize('NFKC')
    // "满199减30": the usual Chinese way of saying both at once.
    const both = /^满(\d{1,7}(?:\.\d{1,2})?)减(\d{1,6}(?:\.\d{1,2})?)元?$/u.exec(word)
    if (both !== null) {
      if (batch.amount !== undefined || seen.has(MIN_OPTION)) return 'invalid-value'
      batch.min_spend = Number(both[1])
      batch.amount = Number(both[2])
      seen.add(MIN_OPTION).add(AMOUNT_OPTION)
      if (batch.amount <= 0 || batch.amount > MAX_MONEY || batch.min_spend > MAX_MONEY) return 'invalid-value'
      continue
    }
    const index = OPTIONS.findIndex((o) => o.pattern.test(word))
    // An unknown word, or the same option twice ("30元 40元"): say so rather than guess.
    if (index < 0 || seen.has(index)) return 'invalid-value'
    seen.add(index)
    const m = OPTIONS[index]!.pattern.exec(word)!
    if (!OPTIONS[index]!.set(batch, m.slice(1).find((g) => g !== undefined)!.trim())) return 'invalid-value'
  }
  if ((batch.amount === undefined) === (batch.gift === undefined)) return 'missing-argument'
  if (batch.valid_days === undefined && batch.until === undefined) batch.valid_days = DEFAULT_CHAT_VALID_DAYS
  return { name: 'batch', action: 'create', batch }
}
