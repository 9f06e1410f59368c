import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, COMMANDS } from '../../src/domain/commands/catalog.ts'
import { parseCommand, type Command, type ParseResult } from '../../src/domain/commands/parser.ts'

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

describe('parseCommand: referral and points commands', () => {
  it.each([
    ['invite', ['/invite', '/INVITE', '/邀请', '／邀请', '/邀请好友', '/invite please']],
    ['leaderboard', ['/leaderboard', '/LeaderBoard', '/排行榜']],
    ['points', ['/points', '/Points', '/积分', '/我的积分']],
    ['rewards', ['/rewards', '/REWARDS', '/积分商城', '/兑换列表']],
    ['held', ['/held', '/Held', '/待审核']],
  ] as const)('reads the argument-free %s in both languages', (name, texts) => {
    for (const text of texts) expect(cmd(text)).toEqual({ name })
  })

  it('reads exchange with a sku or a Chinese name, with or without a space, quotes dropped', () => {
    expect(cmd('/exchange cup-1')).toEqual({ name: 'exchange', item: 'cup-1' })
    expect(cmd('/EXCHANGE  Cup-1 ')).toEqual({ name: 'exchange', item: 'Cup-1' })
    expect(cmd('/兑换 保温杯')).toEqual({ name: 'exchange', item: '保温杯' })
    expect(cmd('/兑换保温杯')).toEqual({ name: 'exchange', item: '保温杯' })
    expect(cmd('/兑换 「保温杯」')).toEqual({ name: 'exchange', item: '保温杯' })
    expect(cmd('/exchange tote bag　large')).toEqual({ name: 'exchange', item: 'tote bag large' })
    expect(cmd('/兑换 ' + '杯'.repeat(40))).toEqual({ name: 'exchange', item: '杯'.repeat(40) })
  })

  it('reads approve with a plain, # or full-width id', () => {
    expect(cmd('/approve 12')).toEqual({ name: 'approve', id: 12 })
    expect(cmd('/Approve #12')).toEqual({ name: 'approve', id: 12 })
    expect(cmd('/通过 ＃１２')).toEqual({ name: 'approve', id: 12 })
    expect(cmd('/通过12')).toEqual({ name: 'approve', id: 12 })
    expect(cmd('/通过 12号')).toEqual({ name: 'approve', id: 12 })
    expect(cmd('/通过 007')).toEqual({ name: 'approve', id: 7 })
  })

  it('reads reject with an optional reason', () => {
    expect(cmd('/reject 12')).toEqual({ name: 'reject', id: 12, reason: null })
    expect(cmd('/reject #12 fake  accounts')).toEqual({ name: 'reject', id: 12, reason: 'fake accounts' })
    expect(cmd('/驳回 12 刷邀请')).toEqual({ name: 'reject', id: 12, reason: '刷邀请' })
    expect(cmd('/驳回12 小号拉人')).toEqual({ name: 'reject', id: 12, reason: '小号拉人' })
  })

  it('reads adjust: name with or without @, signed delta, reason', () => {
    expect(cmd('/adjust @Amy +10 event make-up')).toEqual({ name: 'adjust', target: 'Amy', delta: 10, reason: 'event make-up' })
    expect(cmd('/调整积分 @小王 -5 重复发放')).toEqual({ name: 'adjust', target: '小王', delta: -5, reason: '重复发放' })
    expect(cmd('/调整积分 小王 20 活动补发')).toEqual({ name: 'adjust', target: '小王', delta: 20, reason: '活动补发' })
    expect(cmd('/调整积分@小王 ＋１０ 补发')).toEqual({ name: 'adjust', target: '小王', delta: 10, reason: '补发' })
    expect(cmd('/ADJUST @Li Lei −5 typo fix')).toEqual({ name: 'adjust', target: 'Li Lei', delta: -5, reason: 'typo fix' })
    expect(cmd('/adjust @Amy 100000 max')).toEqual({ name: 'adjust', target: 'Amy', delta: 100000, reason: 'max' })
    expect(cmd('/adjust @Amy -100000 max')).toEqual({ name: 'adjust', target: 'Amy', delta: -100000, reason: 'max' })
    expect(cmd('/调整积分 @小王 10分 补发')).toEqual({ name: 'adjust', target: '小王', delta: 10, reason: '补发' })
    // A numeric nickname comes first, so it is the name; the reversed form needs a sign.
    expect(cmd('/adjust 8888 +3 gift')).toEqual({ name: 'adjust', target: '8888', delta: 3, reason: 'gift' })
    expect(cmd('/adjust +3 @小王 gift')).toEqual({ name: 'adjust', target: '小王', delta: 3, reason: 'gift' })
  })

  it('reads every alias in the catalog as its own command, in any case', () => {
    for (const spec of COMMANDS) {
      for (const alias of spec.aliases) {
        for (const text of [`/${alias}`, `/${alias.toUpperCase()}`]) {
          const r = parseCommand(text)
          expect(r.kind === 'command' ? r.command.name : r.kind === 'usage' ? r.name : r.kind, text).toBe(spec.name)
        }
      }
    }
  })

  it('does not read argument-free commands glued to more Chinese as the command', () => {
    expect(parseCommand('/邀请码')).toEqual({ kind: 'unknown', word: '邀请码' })
    expect(parseCommand('/积分规则')).toEqual({ kind: 'unknown', word: '积分规则' })
    expect(parseCommand('/排行榜第一')).toEqual({ kind: 'unknown', word: '排行榜第一' })
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
    ['/exchange', 'exchange', 'missing-argument'],
    ['/兑换', 'exchange', 'missing-argument'],
    ['/兑换 「」', 'exchange', 'missing-argument'],
    ['/exchange ' + 'x'.repeat(41), 'exchange', 'invalid-value'],
    ['/兑换 ' + '杯'.repeat(41), 'exchange', 'invalid-value'],
    ['/approve', 'approve', 'missing-argument'],
    ['/通过', 'approve', 'missing-argument'],
    ['/approve abc', 'approve', 'invalid-value'],
    ['/approve 0', 'approve', 'invalid-value'],
    ['/approve -3', 'approve', 'invalid-value'],
    ['/approve 1.5', 'approve', 'invalid-value'],
    ['/approve 99999999999', 'approve', 'invalid-value'],
    ['/通过 #', 'approve', 'invalid-value'],
    ['/通过了吗', 'approve', 'invalid-value'],
    ['/approve 12 13', 'approve', 'extra-argument'],
    ['/reject', 'reject', 'missing-argument'],
    ['/驳回', 'reject', 'missing-argument'],
    ['/reject spam 12', 'reject', 'invalid-value'],
    ['/驳回 0 原因', 'reject', 'invalid-value'],
    ['/reject 12 ' + 'x'.repeat(201), 'reject', 'invalid-value'],
    ['/adjust', 'adjust', 'missing-argument'],
    ['/调整积分', 'adjust', 'missing-argument'],
    ['/adjust @Amy', 'adjust', 'missing-argument'],
    ['/adjust @Amy reason only', 'adjust', 'missing-argument'],
    ['/adjust @Amy +10', 'adjust', 'missing-argument'],
    ['/调整积分 @小王 -5', 'adjust', 'missing-argument'],
    ['/adjust +10 @Amy', 'adjust', 'missing-argument'],
    ['/adjust @ +10 reason', 'adjust', 'missing-argument'],
    ['/adjust @Amy 0 reason', 'adjust', 'invalid-value'],
    ['/adjust @Amy +0 reason', 'adjust', 'invalid-value'],
    ['/adjust @Amy 100001 reason', 'adjust', 'invalid-value'],
    ['/调整积分 @小王 -100001 原因', 'adjust', 'invalid-value'],
    ['/adjust @Amy +99999999999999999999999 reason', 'adjust', 'invalid-value'],
    ['/adjust @Amy 1.5 reason', 'adjust', 'invalid-value'],
    ['/adjust @Amy +ten reason', 'adjust', 'invalid-value'],
    ['/adjust +ten @Amy reason', 'adjust', 'invalid-value'],
    ['/adjust @' + 'x'.repeat(65) + ' +1 reason', 'adjust', 'invalid-value'],
    ['/adjust @Amy +1 ' + 'x'.repeat(201), 'adjust', 'invalid-value'],
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
  '10:00', '25:99', 'Asia/Shanghai', 'admin', '管理员', '取消',
  '+10', '-5', '０', '#12', '＃１２', '12', '99999999999', '100001', '号', '分', '保温杯', 'cup-1', '「', '」', '\u2212', ...ALL_ALIASES,
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
  if (r.kind === 'command') expectValidValues(r.command)
  // Whatever we hand back goes to Postgres and into replies: no NUL, no lone surrogate.
  // JSON.stringify escapes exactly the lone surrogates (and NUL), so an escape in its output means a bad value.
  expect(JSON.stringify(r)).not.toMatch(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i)
}

/** The promises the Command type documents, which the handlers rely on without checking again. */
function expectValidValues (c: Command): void {
  const text = JSON.stringify(c)
  switch (c.name) {
    case 'approve':
    case 'reject':
      expect(Number.isSafeInteger(c.id) && c.id >= 1, text).toBe(true)
      if (c.name === 'reject' && c.reason !== null) expect(c.reason.trim(), text).not.toBe('')
      break
    case 'adjust':
      expect(Number.isSafeInteger(c.delta) && c.delta !== 0 && Math.abs(c.delta) <= 100_000, text).toBe(true)
      expect(c.target.trim(), text).not.toBe('')
      expect(c.reason.trim(), text).not.toBe('')
      break
    case 'exchange':
      expect([...c.item].length >= 1 && [...c.item].length <= 40, text).toBe(true)
      expect(c.item.trim(), text).toBe(c.item)
      break
  }
}

describe('parseCommand: fuzz', () => {
  it('never throws and always returns a well-formed result for 1,000 random strings', () => {
    const rand = prng(20240601)
    for (let i = 0; i < 1000; i++) {
      const text = randomText(rand)
      expectWellFormed(text, parseCommand(text))
    }
  })

  it('gives command or usage for 2,000 random strings that start with a real alias', () => {
    const rand = prng(42)
    for (let i = 0; i < 2000; i++) {
      const alias = ALL_ALIASES[Math.floor(rand() * ALL_ALIASES.length)]!
      const text = (rand() < 0.5 ? '/' : '／') + alias + ' ' + randomText(rand)
      const r = parseCommand(text)
      expectWellFormed(text, r)
      expect(['command', 'usage'], JSON.stringify(text)).toContain(r.kind)
    }
  })
})

describe('CRM commands', () => {
  it('reads delete-my-data with and without the confirmation word', () => {
    expect(parseCommand('/删除我的数据')).toEqual({ kind: 'command', command: { name: 'erase', confirmed: false } })
    expect(parseCommand('/删除我的数据 确认')).toEqual({ kind: 'command', command: { name: 'erase', confirmed: true } })
    expect(parseCommand('/删除我的数据确认')).toEqual({ kind: 'command', command: { name: 'erase', confirmed: true } })
    expect(parseCommand('/erase confirm')).toEqual({ kind: 'command', command: { name: 'erase', confirmed: true } })
    // anything else is a usage line, never an erase
    expect(parseCommand('/删除我的数据 好的')).toEqual({ kind: 'usage', name: 'erase', reason: 'invalid-value' })
  })

  it('reads the customer an operator asks about', () => {
    expect(parseCommand('/客户 @张三')).toEqual({ kind: 'command', command: { name: 'customer', target: '张三' } })
    expect(parseCommand('/customer #12')).toEqual({ kind: 'command', command: { name: 'customer', target: '#12' } })
    expect(parseCommand('/客户')).toEqual({ kind: 'usage', name: 'customer', reason: 'missing-argument' })
  })
})
