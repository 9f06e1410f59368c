/** Argument readers for the CRM commands (SPEC 3.3). Pure and total like the parser. */
import type { Command, UsageReason } from './parser.ts'
import { codePoints, fold, MAX_NAME_LENGTH, stripAt } from './text.ts'

type Of<N extends Command['name']> = Extract<Command, { name: N }>

const CONFIRM_WORDS = new Set(['确认', '确定', '确认删除', 'confirm', 'yes'])

/** "/删除我的数据" asks what will happen; "/删除我的数据 确认" does it. Any other word is a usage reply, not an erase. */
export function readErase (args: string[]): Of<'erase'> | UsageReason {
  if (args.length === 0) return { name: 'erase', confirmed: false }
  if (args.length > 1) return 'extra-argument'
  return CONFIRM_WORDS.has(fold(args[0]!)) ? { name: 'erase', confirmed: true } : 'invalid-value'
}

/** "/客户 张三", "/客户 @张三", "/customer #12", "/客户 138 0013 8000": the rest of the line. */
export function readCustomer (args: string[]): Of<'customer'> | UsageReason {
  const target = stripAt(args.join(' '))
  if (target === '') return 'missing-argument'
  if (codePoints(target) > MAX_NAME_LENGTH) return 'invalid-value'
  return { name: 'customer', target }
}
