import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, commandsFor } from '../../src/domain/commands/catalog.ts'
import type { GroupField, UsageReason } from '../../src/domain/commands/parser.ts'
import { ROLES } from '../../src/domain/roles.ts'
import { LOCALES, messagesFor, type Messages } from '../../src/messages/index.ts'

const FIELDS: GroupField[] = ['region', 'interests', 'operator', 'timezone', 'slots']
const REASONS: UsageReason[] = ['missing-argument', 'extra-argument', 'unknown-action', 'unknown-field', 'invalid-value',
  'too-many-values', 'invalid-timezone', 'invalid-time', 'invalid-role', 'too-long']

/** Every text the locale can produce, with sample data, so none is left untested. */
function allTexts (m: Messages): string[] {
  return [
    ...ROLES.map((r) => m.roleName(r)),
    ...FIELDS.map((f) => m.fieldName(f)),
    m.welcome(1), m.welcome(2), m.welcome(5),
    m.friendGreeting(null), m.friendGreeting('小王'),
    ...ROLES.map((r) => m.help(commandsFor(r, { inGroup: true, isOperatorOfGroup: true }), r)),
    ...COMMAND_NAMES.flatMap((n) => REASONS.map((reason) => m.usage(n, reason))),
    ...COMMAND_NAMES.flatMap((n) => [m.notAllowed(n), m.onlyInGroup(n), m.onlyInDm(n)]),
    m.unknownCommand('foo'),
    m.claimOk(), m.claimBad(), m.claimAlreadyOwned(),
    m.whoami({ name: '小王', role: 'customer', groups: [], subscribed: true, friend: true }),
    m.whoami({ name: '小王', role: 'operator', groups: Array.from({ length: 12 }, (_, i) => `群${i}`), subscribed: false, friend: false }),
    m.groupShow({ topic: '宝妈群', region: null, interests: [], operatorName: null, timezone: 'Asia/Shanghai', contentSlot: '10:00', promoSlot: '20:00' }),
    m.groupShow({ topic: '宝妈群', region: '成都', interests: ['育儿'], operatorName: '小王', timezone: 'Asia/Shanghai', contentSlot: '10:00', promoSlot: '20:00' }),
    ...FIELDS.map((f) => m.groupUpdated(f, 'x')),
    m.groupOperatorNotFound('小王'), m.groupNotRegistered(),
    ...ROLES.map((r) => m.roleGranted('小王', r)),
    m.roleTargetNotFound('小王'), m.roleCannotGrant(),
    m.unsubscribed(), m.subscribed(), m.alreadyUnsubscribed(), m.alreadySubscribed(),
    m.rateLimitedAlert('bot-1', '10:30', 31), m.sendUncertainAlert('promo post'), m.internalError(),
  ]
}

describe('messages', () => {
  const zh = messagesFor('zh-CN')
  const en = messagesFor('en')

  it('has the same keys in en and zh-CN, including every command text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    expect(Object.keys(en.commands).sort()).toEqual([...COMMAND_NAMES].sort())
    expect(Object.keys(zh.commands).sort()).toEqual([...COMMAND_NAMES].sort())
  })

  for (const locale of LOCALES) {
    it(`${locale}: every text is non-empty and has no leaked placeholder`, () => {
      for (const text of allTexts(messagesFor(locale))) {
        expect(text.trim()).not.toBe('')
        expect(text).not.toMatch(/undefined|null|NaN|\[object/)
      }
    })
  }

  it('shows a customer no group or role command in help, in either locale', () => {
    for (const inGroup of [true, false]) {
      const specs = commandsFor('customer', { inGroup })
      const zhHelp = zh.help(specs, 'customer')
      const enHelp = en.help(specs, 'customer')
      expect(zhHelp).toContain('/帮助')
      expect(enHelp).toContain('/help')
      for (const text of [zhHelp, enHelp]) {
        expect(text).not.toMatch(/\/group|\/群|\/role|\/角色/)
      }
    }
  })

  it('lists /群 in help for the operator of the group', () => {
    const specs = commandsFor('operator', { inGroup: true, isOperatorOfGroup: true })
    expect(zh.help(specs, 'operator')).toContain('/群')
  })

  it('welcomes with the ¥50 no-threshold coupon and /help, leaving names to the platform\'s @mentions', () => {
    const zhText = zh.welcome(2)
    expect(zhText).toContain('50元无门槛券')
    expect(zhText).toContain('/帮助')
    expect(zhText).not.toContain('@')
    expect(zh.welcome(1)).not.toEqual(zhText)
    expect(en.welcome(1)).toContain('¥50')
  })

  it('uses the localized role names', () => {
    expect(ROLES.map((r) => zh.roleName(r))).toEqual(['店主', '管理员', '运营', '市场', '店员', '客户'])
  })
})
