/**
 * Argument readers for the referral and points commands (SPEC 3.4, 3.6). Pure and total like the parser: each
 * takes the words after the command and returns the command, or the usage reason when the words do not fit.
 */
import type { Command, UsageReason } from './parser.ts'
import { codePoints, fold, MAX_NAME_LENGTH, stripAt } from './text.ts'

export const MAX_ITEM_LENGTH = 40
/** Reasons go to the points ledger and the audit log: a sentence, not an essay. */
export const MAX_REASON_LENGTH = 200
export const MAX_POINTS_DELTA = 100_000
/** Largest id read: the top of a Postgres integer, so an absurd number is a usage reply, not a database error. */
export const MAX_ID = 2_147_483_647

type Of<N extends Command['name']> = Extract<Command, { name: N }>

/** Quotes people put around a name they copy: /兑换 「保温杯」. */
const QUOTED = /^(?:「(.*)」|『(.*)』|“(.*)”|"(.*)"|《(.*)》)$/su

/** "/兑换 保温杯", "/exchange cup-1": the rest of the line is the item, a name or a sku; the service matches it. */
export function readExchange (args: string[]): Of<'exchange'> | UsageReason {
  let item = args.join(' ')
  const quoted = QUOTED.exec(item)
  if (quoted !== null) item = (quoted.slice(1).find((g) => g !== undefined) ?? '').trim()
  if (item === '') return 'missing-argument'
  if (codePoints(item) > MAX_ITEM_LENGTH) return 'invalid-value'
  return { name: 'exchange', item }
}

/** "12", "#12", "＃１２", "12号" -> 12; zero, negative, non-numeric or absurd -> null. */
export function readId (word: string): number | null {
  const m = /^#?0*(\d{1,10})号?$/u.exec(fold(word))
  if (m === null) return null
  const id = Number(m[1])
  return id >= 1 && id <= MAX_ID ? id : null
}

export function readApprove (args: string[]): Of<'approve'> | UsageReason {
  if (args.length === 0) return 'missing-argument'
  // Strict: "/通过 12 13" must not quietly pay out only #12.
  if (args.length > 1) return 'extra-argument'
  const id = readId(args[0]!)
  return id === null ? 'invalid-value' : { name: 'approve', id }
}

export function readReject (args: string[]): Of<'reject'> | UsageReason {
  const [first, ...rest] = args
  if (first === undefined) return 'missing-argument'
  const id = readId(first)
  if (id === null) return 'invalid-value'
  const reason = rest.join(' ')
  if (codePoints(reason) > MAX_REASON_LENGTH) return 'invalid-value'
  return { name: 'reject', id, reason: reason === '' ? null : reason }
}

/** "+10", "-5", "10", full-width "＋１０", "−5" (U+2212) and "10分" -> the integer; anything else -> null. */
function readDelta (word: string): number | 'invalid' | null {
  const folded = fold(word).replace(/^[\u2212\u2013]/u, '-')
  const m = /^([+-]?)(\d+)分?$/u.exec(folded)
  if (m === null) return /^[+-]|^\d/u.test(folded) ? 'invalid' : null
  const size = Number(m[2])
  if (size === 0 || size > MAX_POINTS_DELTA) return 'invalid'
  return m[1] === '-' ? -size : size
}

/**
 * "/调整积分 @小王 +10 活动补发": the name (several words allowed, "@Li Lei"), then the first word that is a
 * number, then the reason. The reversed "/adjust +10 @小王 reason" is tolerated when the number carries a sign.
 */
export function readAdjust (args: string[]): Of<'adjust'> | UsageReason {
  const found = findDelta(args)
  if (typeof found === 'string') return found
  const target = stripAt(args.slice(found.nameFrom, found.nameTo).join(' '))
  if (target === '') return 'missing-argument'
  if (codePoints(target) > MAX_NAME_LENGTH) return 'invalid-value'
  const reason = args.slice(found.reasonFrom).join(' ')
  if (reason === '') return 'missing-argument'
  if (codePoints(reason) > MAX_REASON_LENGTH) return 'invalid-value'
  return { name: 'adjust', target, delta: found.delta, reason }
}

interface DeltaAt { delta: number, nameFrom: number, nameTo: number, reasonFrom: number }

function findDelta (args: string[]): DeltaAt | UsageReason {
  const first = args[0]
  if (first === undefined) return 'missing-argument'
  if (/^[+\-＋－\u2212]/u.test(first)) {
    const delta = readDelta(first)
    if (delta === null || delta === 'invalid') return 'invalid-value'
    return { delta, nameFrom: 1, nameTo: 2, reasonFrom: 2 }
  }
  // The name comes first, so a numeric nickname without @ ("/adjust 8888 +10 …") still reads as a name.
  let sawInvalid = false
  for (let i = 1; i < args.length; i++) {
    const delta = readDelta(args[i]!)
    if (delta === 'invalid') sawInvalid = true
    else if (delta !== null) return { delta, nameFrom: 0, nameTo: i, reasonFrom: i + 1 }
  }
  return sawInvalid ? 'invalid-value' : 'missing-argument'
}
