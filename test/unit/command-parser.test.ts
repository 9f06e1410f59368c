import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, COMMANDS } from '../../src/domain/commands/catalog.ts'
import { parseCommand, type ParseResult } from '../../src/domain/commands/parser.ts'

const cmd = (text: string) => {
  const r = parseCommand(text)
  if (r.kind !== 'command') throw new Error(`expected a command for ${JSON.stringify(text)}, got ${JSON.stringify(r)}`)
  return r.command
}

describe('parseCommand: commands in Chinese and English', () => {
  it.each(['/help', '/HELP', '/帮助', '／帮助', '  /help  ', '/Help 谢谢'])('reads %j as help', (text) => {
    expect(cmd(text)).toEqual({ name: 'help' })
  })

  it.each(['/whoami', '/WhoAmI', '/我是谁'])('reads %j as whoami', (text) => {
    expect(cmd(text)).toEqual({ name: 'whoami' })
  })

  it('passes the claim code through raw, in both languages and without a space after 认领', () => {
    expect(cmd('/claim ab-12 ')).toEqual({ name: 'claim', code: 'ab-12' })
    expect(cmd('/认领 K7Q2M9XD')).toEqual({ name: 'claim', code: 'K7Q2M9XD' })
    expect(cmd('/认领K7Q2M9XD')).toEqual({ name: 'claim', code: 'K7Q2M9XD' })
  })

  it.each(['TD', 'td', ' TD ', 'ＴＤ', '退订', '/unsubscribe', '/退订', '/TD'])('reads %j as unsubscribe', (text) => {
    expect(cmd(text)).toEqual({ name: 'unsubscribe' })
  })

  it.each(['订阅', '恢复订阅', '/subscribe', '/订阅'])('reads %j as subscribe', (text) => {
    expect(cmd(text)).toEqual({ name: 'subscribe' })
  })

  it('takes TD and 退订 without a slash only as the whole message', () => {
    for (const text of ['TD一下', '我要退订', '退订吗', 'td please', 'TDD', '订阅号']) {
      expect(parseCommand(text)).toEqual({ kind: 'none' })
    }
  })

  it('shows group settings with no argument or show/查看', () => {
    for (const text of ['/group', '/群', '/群设置', '/group show', '/群 查看']) {
      expect(cmd(text)).toEqual({ name: 'group', action: 'show' })
    }
  })

  it('sets region and operator in both languages', () => {
    expect(cmd('/group set region 成都')).toEqual({ name: 'group', action: 'set', field: 'region', value: '成都' })
    expect(cmd('/群 设置 地区 成都')).toEqual({ name: 'group', action: 'set', field: 'region', value: '成都' })
    expect(cmd('/群 地区 成都')).toEqual({ name: 'group', action: 'set', field: 'region', value: '成都' })
    expect(cmd('/group set operator @小王\u2005')).toEqual({ name: 'group', action: 'set', field: 'operator', target: '小王' })
    expect(cmd('/群设置 设置 运营 小王')).toEqual({ name: 'group', action: 'set', field: 'operator', target: '小王' })
  })

  it('splits interests on commas, 、 and spaces, trimmed and deduplicated', () => {
    expect(cmd('/group set interests 育儿,美食，旅行、 育儿  #穿搭')).toEqual(
      { name: 'group', action: 'set', field: 'interests', values: ['育儿', '美食', '旅行', '穿搭'] })
    expect(cmd('/群 设置 兴趣 Baby baby')).toEqual({ name: 'group', action: 'set', field: 'interests', values: ['Baby'] })
  })

  it('canonicalises a valid time zone and refuses an unknown one', () => {
    expect(cmd('/group set timezone UTC')).toEqual({ name: 'group', action: 'set', field: 'timezone', value: 'UTC' })
    expect(cmd('/群 设置 时区 北京时间')).toEqual({ name: 'group', action: 'set', field: 'timezone', value: 'Asia/Shanghai' })
    expect(cmd('/group set timezone asia/shanghai')).toEqual({ name: 'group', action: 'set', field: 'timezone', value: 'Asia/Shanghai' })
    expect(cmd('/群 设置 时区 Europe/Berlin')).toEqual({ name: 'group', action: 'set', field: 'timezone', value: 'Europe/Berlin' })
    expect(parseCommand('/group set timezone Mars/Olympus')).toEqual({ kind: 'usage', name: 'group', reason: 'invalid-timezone' })
  })

  it('reads two HH:MM slots, content then promo', () => {
    expect(cmd('/group set slots 10:00 20:00')).toEqual({ name: 'group', action: 'set', field: 'slots', content: '10:00', promo: '20:00' })
    expect(cmd('/群 设置 时段 9:30 ２１：００')).toEqual({ name: 'group', action: 'set', field: 'slots', content: '09:30', promo: '21:00' })
  })

  it('reads role in both languages, with Chinese role words and a spaced name', () => {
    expect(cmd('/role @小王 admin')).toEqual({ name: 'role', target: '小王', role: 'admin' })
    expect(cmd('/角色 @小王\u2005运营')).toEqual({ name: 'role', target: '小王', role: 'operator' })
    expect(cmd('/角色 小李 老板')).toEqual({ name: 'role', target: '小李', role: 'owner' })
    expect(cmd('/role @Li Lei none')).toEqual({ name: 'role', target: 'Li Lei', role: 'customer' })
    expect(cmd('/角色 @小王 取消')).toEqual({ name: 'role', target: '小王', role: 'customer' })
    expect(cmd('/ROLE @Amy Marketer')).toEqual({ name: 'role', target: 'Amy', role: 'marketer' })
  })
})

describe('parseCommand: malformed arguments give a usage result for that command', () => {
  it.each([
    ['/claim', 'claim', 'missing-argument'],
    ['/认领', 'claim', 'missing-argument'],
    ['/claim AB CD', 'claim', 'extra-argument'],
    ['/group delete', 'group', 'unknown-action'],
    ['/群 删除', 'group', 'unknown-action'],
    ['/group set', 'group', 'missing-argument'],
    ['/group set colour red', 'group', 'unknown-field'],
    ['/群 设置 地区', 'group', 'missing-argument'],
    ['/group set region 一二三四五六七八九十一二三四五六七八九十一', 'group', 'invalid-value'],
    ['/group set interests , ，、', 'group', 'missing-argument'],
    ['/group set interests a b c d e f g h i j k', 'group', 'too-many-values'],
    ['/group set interests 一二三四五六七八九十一二三四五六七八九十一', 'group', 'invalid-value'],
    ['/group set operator @', 'group', 'missing-argument'],
    ['/group set timezone Asia/Shanghai extra', 'group', 'extra-argument'],
    ['/群 设置 时区 北京', 'group', 'invalid-timezone'],
    ['/group set timezone CST', 'group', 'invalid-timezone'],
    ['/group set slots 10:00', 'group', 'missing-argument'],
    ['/group set slots 24:00 20:00', 'group', 'invalid-time'],
    ['/group set slots 10:60 20:00', 'group', 'invalid-time'],
    ['/group set slots ten eight', 'group', 'invalid-time'],
    ['/group set slots 10:00 20:00 22:00', 'group', 'extra-argument'],
    ['/role', 'role', 'missing-argument'],
    ['/role @小王', 'role', 'missing-argument'],
    ['/角色 @小王 国王', 'role', 'invalid-role'],
    ['/role @ admin', 'role', 'missing-argument'],
  ])('%j -> usage %s (%s)', (text, name, reason) => {
    expect(parseCommand(text)).toEqual({ kind: 'usage', name, reason })
  })
})

describe('parseCommand: unknown and ordinary chat', () => {
  it('answers unknown for a slash and a word that is no command', () => {
    expect(parseCommand('/foo')).toEqual({ kind: 'unknown', word: 'foo' })
    expect(parseCommand('/邀请码 123')).toEqual({ kind: 'unknown', word: '邀请码' })
    expect(parseCommand('/群主是谁')).toEqual({ kind: 'unknown', word: '群主是谁' })
  })

  it('leaves ordinary chat, emoticons and paths alone', () => {
    for (const text of ['你好', 'hello /help', '', '   ', '/', '/ 帮助', '/::)', '/usr/bin', 'https://a.b/help', '😀/help']) {
      expect(parseCommand(text)).toEqual({ kind: 'none' })
    }
  })

  it('does no heavy work on oversized input', () => {
    expect(parseCommand('好'.repeat(5000))).toEqual({ kind: 'none' })
    expect(parseCommand('TD' + ' '.repeat(3000))).toEqual({ kind: 'none' })
    expect(parseCommand('/group set region ' + '成'.repeat(3000))).toEqual({ kind: 'usage', name: 'group', reason: 'too-long' })
    expect(parseCommand('/nope ' + 'x'.repeat(3000))).toEqual({ kind: 'unknown', word: 'nope' })
  })

  it('turns control characters into separators so no NUL reaches a value', () => {
    expect(cmd('/claim\u0000AB12')).toEqual({ name: 'claim', code: 'AB12' })
    expect(cmd('/group set region 成\u200B都')).toEqual({ name: 'group', action: 'set', field: 'region', value: '成都' })
  })
})

// --- fuzz -------------------------------------------------------------------------------------------------------

/** mulberry32: small, seeded, good enough to make the fuzz reproducible. */
function prng (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALL_ALIASES = COMMANDS.flatMap((spec) => spec.aliases)
const PIECES = [
  'a', 'Z', '9', ' ', '  ', '\u3000', '\u2005', '\t', '\n', '/', '／', '@', '＠', ',', '，', '、', ':', '：', '#',
  '成都', '育儿', '小王', '😀', '👨‍👩‍👧', '\uD800', '\uDC00', '\u0000', '\u200B', '\uFEFF', '\u202E', 'TD', '退订', '订阅',
  'set', '设置', 'region', '地区', 'interests', '兴趣', 'operator', '运营', 'timezone', '时区', 'slots', '时段',
  '10:00', '25:99', 'Asia/Shanghai', 'admin', '管理员', '取消', ...ALL_ALIASES,
]

function randomText (rand: () => number): string {
  const roll = rand()
  if (roll < 0.03) return 'x'.repeat(1990 + Math.floor(rand() * 20)) // around the 2000-char limit
  if (roll < 0.06) return '/' + '字'.repeat(Math.floor(rand() * 10_000))
  let s = ''
  const n = Math.floor(rand() * 12)
  for (let i = 0; i < n; i++) {
    s += rand() < 0.75 ? PIECES[Math.floor(rand() * PIECES.length)]! : String.fromCharCode(Math.floor(rand() * 0x10000))
  }
  return s
}

const KINDS = new Set(['none', 'command', 'usage', 'unknown'])
const NAMES = new Set<string>(COMMAND_NAMES)

function expectWellFormed (text: string, r: ParseResult): void {
  expect(KINDS.has(r.kind), JSON.stringify(text)).toBe(true)
  if (r.kind === 'command' || r.kind === 'usage') {
    expect(NAMES.has(r.kind === 'command' ? r.command.name : r.name)).toBe(true)
  }
  // Whatever we hand back goes to Postgres and into replies: no NUL, no lone surrogate.
  // JSON.stringify escapes exactly the lone surrogates (and NUL), so an escape in its output means a bad value.
  expect(JSON.stringify(r)).not.toMatch(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i)
}

describe('parseCommand: fuzz', () => {
  it('never throws and always returns a well-formed result for 1,000 random strings', () => {
    const rand = prng(20240601)
    for (let i = 0; i < 1000; i++) {
      const text = randomText(rand)
      expectWellFormed(text, parseCommand(text))
    }
  })

  it('gives command or usage for 1,000 random strings that start with a real alias', () => {
    const rand = prng(42)
    for (let i = 0; i < 1000; i++) {
      const alias = ALL_ALIASES[Math.floor(rand() * ALL_ALIASES.length)]!
      const text = (rand() < 0.5 ? '/' : '／') + alias + ' ' + randomText(rand)
      const r = parseCommand(text)
      expectWellFormed(text, r)
      expect(['command', 'usage'], JSON.stringify(text)).toContain(r.kind)
    }
  })
})
