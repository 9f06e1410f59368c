import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, commandsFor } from '../../src/domain/commands/catalog.ts'
import type { GroupField, UsageReason } from '../../src/domain/commands/parser.ts'
import { ROLES } from '../../src/domain/roles.ts'
import { LOCALES, messagesFor, type Messages } from '../../src/messages/index.ts'
import { REFUSALS } from '../../src/domain/coupons.ts'

const FIELDS: GroupField[] = ['region', 'interests', 'operator', 'timezone', 'slots']
const REASONS: UsageReason[] = ['missing-argument', 'extra-argument', 'unknown-action', 'unknown-field', 'invalid-value',
  'too-many-values', 'invalid-timezone', 'invalid-time', 'invalid-role', 'too-long', 'invalid-kind', 'invalid-option', 'invalid-date']

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
    ...referralTexts(m),
    ...couponTexts(m),
  ]
}

const BATCH = { code: 'ANNA30', title: '30元无门槛券', shared: true, minSpend: 0, validDays: null, ends: '12-08 10:00', perCustomer: 1, cap: 50, stacks: false, streamer: '安娜' }
const FULL_REFUSAL = { code: 'ANNA30', shared: true, usedAt: '12-03 10:04', expires: '12-31 10:00', validFrom: '12-10 00:00', voidReason: '券码泄露', minSpend: 199, total: 150, cap: 50, perCustomer: 1, until: '12-03 10:34', holderName: '张三' }

/** The coupon texts (SPEC 3.5), with sample data covering each branch. */
function couponTexts (m: Messages): string[] {
  return [
    m.couponTitle({ name: null, amount: 50, gift: null, minSpend: 0 }), m.couponTitle({ name: null, amount: 30, gift: null, minSpend: 199 }),
    m.couponTitle({ name: null, amount: null, gift: '试用装', minSpend: 0 }), m.couponTitle({ name: '直播专享券', amount: 30, gift: null, minSpend: 0 }),
    ...[true, false].flatMap((welcome) => [true, false].map((reissue) => m.couponDm({ title: '50元无门槛券', code: 'K7Q2-M9XD-P4RT-WX3E', expires: '12-31 10:00', minSpend: welcome ? 0 : 199, welcome, reissue }))),
    m.couponExpiryDm({ title: '50元无门槛券', code: 'K7Q2-M9XD-P4RT-WX3E', expires: '12-31 10:00' }),
    ...REFUSALS.map((r) => m.couponRefusal(r, FULL_REFUSAL)),
    ...REFUSALS.map((r) => m.couponRefusal(r, { code: 'K7Q2-M9XD-P4RT-WX3E' })),
    m.couponRefusal('locked', { code: 'NOPE6', until: '12-01 10:41', typistLocked: true }),
    m.couponChecked({ code: 'ANNA30', title: '30元无门槛券', holderName: '张三', shared: true, expires: '12-08 10:00', minSpend: 0, amount: 30, gift: null }),
    m.couponChecked({ code: 'K7Q2-M9XD-P4RT-WX3E', title: '满199减30券', holderName: '张三', shared: false, expires: '12-08 10:00', minSpend: 199, amount: null, gift: '试用装' }),
    m.couponRedeemed({ code: 'ANNA30', title: '30元无门槛券', holderName: '张三', at: '12-03 10:04', amount: 30, gift: null }),
    m.couponNothingToConfirm(), m.couponCustomerNotFound('张三'),
    m.myCoupons({ usable: [], used: 0, expired: 0 }), m.myCoupons({ usable: [], used: 2, expired: 1 }),
    m.myCoupons({ usable: Array.from({ length: 12 }, (_, i) => ({ title: `券${i}`, code: 'K7Q2-M9XD-P4RT-WX3E', expires: '12-31 10:00', from: i === 0 ? '12-10 00:00' : null })), used: 1, expired: 0 }),
    m.batchCreated(BATCH), m.batchCreated({ ...BATCH, shared: false, validDays: 30, ends: null, cap: null, stacks: true, streamer: null, minSpend: 199 }),
    m.batchExists('ANNA30'), ...(['code', 'value', 'validity', 'ended', 'window'] as const).map((p) => m.batchInvalid(p)),
    m.batchList([]), m.batchList([{ ...BATCH, issued: 0, redeemed: 12 }, { ...BATCH, shared: false, cap: null, streamer: null, issued: 30, redeemed: 4 }]),
    m.couponIssued({ name: '张三', title: '30元无门槛券', friend: true }), m.couponIssued({ name: '张三', title: '30元无门槛券', friend: false }),
    ...(['unknown-batch', 'shared', 'ended', 'limit', 'cap-reached'] as const).map((r) => m.couponIssueRefused(r, { batch: 'BDAY50', name: '张三' })),
    m.couponVoided({ code: 'K7Q2-M9XD-P4RT-WX3E', title: '30元无门槛券', holderName: '张三' }),
    ...(['typo', 'not-found', 'shared', 'redeemed', 'already-void'] as const).map((r) => m.couponVoidRefused(r, { code: 'K7Q2-M9XD-P4RT-WX3E', usedAt: '12-03 10:04' })),
    m.couponReissued({ title: '30元无门槛券', holderName: '张三', friend: true }), m.couponReissued({ title: '30元无门槛券', holderName: '张三', friend: false }),
    ...(['typo', 'not-found', 'shared', 'not-void', 'expired', 'already'] as const).map((r) => m.couponReissueRefused(r, { code: 'K7Q2-M9XD-P4RT-WX3E' })),
    ...calendarTexts(m),
  ]
}

/** The content calendar and campaign texts (SPEC 3.2, 3.8), with sample data covering each branch. */
function calendarTexts (m: Messages): string[] {
  const summary = { id: 3, name: '双12秒杀', kind: 'flash_sale' as const, status: 'draft' as const, startText: '12-12 20:00', endText: '12-12 22:00', priority: 5, target: { kind: 'all' as const } }
  const detail = { ...summary, text: '全场5折', keyword: null, winners: null, prize: null, groupSize: null, groups: 0, entries: 0, joins: 0, createdBy: '小张', approvedBy: null }
  const slot = { time: '10:03', kind: 'content' as const, state: 'planned' as const, skipReason: null, itemId: 12, itemText: '辅食添加的3个误区', campaignId: null, campaignName: null }
  const empty = { ...slot, itemId: null, itemText: null }
  const days = [
    { date: '12-01', weekday: 2, offset: 0, forecast: false, slots: [{ ...slot, state: 'posted' as const }, { ...slot, kind: 'promo' as const, itemId: null, campaignId: 3, campaignName: '双12秒杀' }] },
    { date: '12-02', weekday: 3, offset: 1, forecast: false, slots: [{ ...slot, state: 'skipped' as const, skipReason: 'operator' as const }, { ...empty, kind: 'promo' as const }] },
    { date: '12-03', weekday: 4, offset: 2, forecast: true, slots: [empty, { ...empty, kind: 'promo' as const }] },
    { date: '12-04', weekday: 5, offset: 3, forecast: true, slots: [empty] },
    { date: '12-05', weekday: 6, offset: 4, forecast: true, slots: [] },
  ]
  const post = { name: '双12', text: '回馈老粉', linkUrl: 'https://x.example', imageUrl: null, endsText: '12-12 22:00', keyword: '抽奖', winners: 3, prize: '保温杯', groupSize: 5 }
  return [
    ...(['content', 'promo'] as const).map((k) => m.postKindName(k)),
    ...(['flash_sale', 'new_product', 'group_buy', 'lottery', 'holiday'] as const).map((k) => m.campaignPost({ ...post, kind: k })),
    ...(['draft', 'approved', 'scheduled', 'running', 'done', 'cancelled'] as const).map((s) => m.campaignStatusName(s)),
    m.itemPost({ text: '辅食', imageUrl: 'https://x.example/a.jpg', linkUrl: null }),
    m.noContentAlert({ topic: '宝妈群', date: '12-01', kinds: ['content'] }), m.noContentAlert({ topic: '宝妈群', date: '12-01', kinds: ['content', 'promo'] }),
    m.groupSlotQuiet({ earliest: '08:00', latest: '21:50' }),
    m.contentAdded({ id: 1, kind: 'content', region: null, interests: [], duplicate: false }), m.contentAdded({ id: 1, kind: 'promo', region: '成都', interests: ['育儿'], duplicate: true }),
    m.contentInvalid(['text', 'too-long', 'url', 'region', 'interests', 'validity']),
    m.contentList({ kind: null, total: 0, items: [] }), m.contentList({ kind: 'promo', total: 12, items: [] }),
    m.contentList({ kind: null, total: 12, items: [{ id: 1, kind: 'content', text: '辅食添加的3个误区'.repeat(3), region: '成都', interests: [] }] }),
    m.contentShow({ id: 1, kind: 'content', text: 't', region: null, interests: [], imageUrl: 'https://x.example/i', linkUrl: 'https://x.example', validFrom: '12-01', validUntil: null, author: '小王', retired: true, posts: 3, groups: 2, lastDay: '12-03' }),
    m.contentShow({ id: 1, kind: 'content', text: 't', region: null, interests: [], imageUrl: null, linkUrl: null, validFrom: null, validUntil: null, author: null, retired: false, posts: 0, groups: 0, lastDay: null }),
    m.contentRetired(1), m.contentNotFound(1), m.contentNotYours(1),
    m.planView({ topic: '宝妈群', timezone: 'Asia/Shanghai', days }),
    m.planSkipped({ date: '12-02', kind: 'content' }), m.planReplaced({ date: '12-02', kind: 'promo', itemId: 7, text: '包邮' }),
    ...(['posted', 'skipped', 'campaign', 'none-left', 'out-of-range', 'item-unusable'] as const).map((reason) => m.planRefused({ date: '12-02', kind: 'promo', reason, campaignName: '双12' })),
    m.campaignCreated({ ...summary, existing: false }), m.campaignCreated({ ...summary, existing: true, target: { kind: 'tags', tags: ['育儿'] } }),
    m.campaignNeedsApproval({ ...summary, by: '小张', target: { kind: 'list', count: 2 } }),
    m.campaignInvalid(['window', 'ended', 'too-long', 'text', 'name', 'priority', 'keyword', 'winners', 'group-size', 'target', 'options']),
    m.campaignUnknownGroups(['宝妈群']), m.campaignList([]), m.campaignList([summary]),
    m.campaignShow(detail), m.campaignShow({ ...detail, kind: 'lottery', keyword: '抽奖', winners: 3, prize: '杯子', status: 'running' }), m.campaignShow({ ...detail, kind: 'group_buy', groupSize: 5 }),
    m.campaignApproved({ ...summary, groups: 0 }), m.campaignApproved({ ...summary, groups: 3 }), m.campaignCancelled(summary),
    ...(['not-found', 'not-draft', 'ended', 'approve-role', 'not-cancellable'] as const).map((reason) => m.campaignRefused({ id: 3, reason, status: 'running' })),
    m.lotteryEntered({ name: '双12', endsText: '12-12 22:00' }),
    m.lotteryResult({ name: '双12', entrants: 10, winners: 3, prize: null, here: 0 }), m.lotteryResult({ name: '双12', entrants: 10, winners: 3, prize: '杯子', here: 2 }),
    m.lotteryWinDm({ name: '双12', prize: null }), m.lotteryWinDm({ name: '双12', prize: '杯子' }),
    m.groupBuyJoined({ name: '拼团', count: 1, size: 3, endsText: '12-12 22:00' }),
    m.groupBuyAlready({ name: '拼团', count: 1, size: 3, formed: false }), m.groupBuyAlready({ name: '拼团', count: 4, size: 3, formed: true }),
    m.groupBuyFormed({ name: '拼团', size: 3 }), m.groupBuyJoinedFormed({ name: '拼团', count: 4 }), m.groupBuyFailed({ name: '拼团', count: 1, size: 3 }), m.groupBuyNone(),
  ]
}

const ITEMS = [
  { sku: 'cup-1', name: '保温杯', cost: 100, stock: 5 },
  { sku: 'bag-2', name: '帆布袋', cost: 60, stock: 0 },
]
const HELD = Array.from({ length: 25 }, (_, i) =>
  ({ id: i + 1, inviterName: `小王${i}`, reason: '1小时内邀请超过10人', qualified: 3, since: '5月1日 10:30' }))

/** The referral and points texts (SPEC 3.4, 3.6), with sample data covering each branch. */
function referralTexts (m: Messages): string[] {
  const progress = [
    { qualified: 0, target: 3, pending: 0, rewarded: false, held: false },
    { qualified: 2, target: 3, pending: 1, rewarded: false, held: false },
    { qualified: 1, target: 3, pending: 2, rewarded: false, held: false, hours: 48 },
    { qualified: 3, target: 3, pending: 0, rewarded: true, held: false },
    { qualified: 3, target: 3, pending: 0, rewarded: false, held: true },
    { qualified: 3, target: 3, pending: 0, rewarded: false, held: false },
    { qualified: 5, target: 3, pending: 1, rewarded: true, held: false },
  ]
  return [
    ...progress.map((p) => m.inviteProgress(p)),
    m.referralProgressDm({ inviteeName: '小李', qualified: 2, target: 3, points: 10 }),
    m.referralProgressDm({ inviteeName: '小李', qualified: 3, target: 3, points: 0, hours: 48 }),
    m.referralProgressGroup([{ qualified: 2, target: 3, points: 10 }]),
    m.referralProgressGroup([{ qualified: 3, target: 3, points: 0 }]),
    m.referralProgressGroup([{ qualified: 1, target: 3, points: 10 }, { qualified: 3, target: 3, points: 10 }]),
    m.referralRewardDm({ couponCode: 'K7Q2M9XDP4', points: 10 }), m.referralRewardDm({ couponCode: 'K7Q2M9XDP4', points: 0 }),
    m.referralRewardGroup(),
    m.referralHeldAlert({ inviterName: '小王', reason: m.fraudReason('burst') }),
    m.fraudReason('burst'), m.fraudReason('silent-invitees'),
    m.leaderboard([], '5月第1周'),
    m.leaderboard(Array.from({ length: 10 }, (_, i) => ({ name: `小王${i}`, qualified: 10 - i })), '5月第1周'),
    m.pointsBalance({ balance: 0, recent: [] }),
    m.pointsBalance({ balance: 120, recent: [{ delta: 10, reason: m.pointsReason('referral') }, { delta: -50, reason: m.pointsReason('exchange') }] }),
    m.rewardsList([], 30), m.rewardsList(ITEMS, 30),
    m.exchangeOk({ itemName: '保温杯', cost: 100, balance: 20 }),
    m.exchangeNotEnough({ itemName: '保温杯', cost: 100, balance: 20 }),
    m.exchangeOutOfStock('帆布袋'), m.exchangeUnknown('茶杯'),
    ...(['referral', 'exchange', 'adjust', 'order', 'expire'] as const).map((k) => m.pointsReason(k)),
    m.heldList([]), m.heldList(HELD.slice(0, 2)), m.heldList(HELD),
    m.heldApproved(12, '小王'), m.heldRejected(12, '小王'), m.heldNotFound(12),
    m.pointsAdjusted({ name: '小王', delta: 10, balance: 110 }),
    m.pointsAdjusted({ name: '小王', delta: -5, balance: 105 }),
    m.pointsAdjustNegative({ name: '小王', balance: 3 }),
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
        // \b: a customer does see /groupbuy (拼团), which is not /group.
        expect(text).not.toMatch(/\/group\b|\/群|\/role|\/角色/)
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

  it('shows invite progress as 已邀请 qualified/target, with waiting invitees, reward and review', () => {
    const base = { qualified: 2, target: 3, pending: 0, rewarded: false, held: false }
    expect(zh.inviteProgress(base)).toContain('已邀请 2/3')
    expect(zh.inviteProgress(base)).toContain('再邀请1位')
    expect(zh.inviteProgress({ ...base, pending: 2 })).toMatch(/2位.*24小时/)
    expect(zh.inviteProgress({ ...base, pending: 2, hours: 48 })).toContain('48小时')
    expect(zh.inviteProgress({ ...base, qualified: 3, rewarded: true })).toContain('已邀请 3/3')
    expect(zh.inviteProgress({ ...base, qualified: 3, rewarded: true })).toContain('试用装')
    expect(zh.inviteProgress({ ...base, qualified: 3, held: true })).toContain('审核')
    expect(en.inviteProgress(base)).toContain('2/3')
  })

  it('tells the inviter by DM which invitee qualified, the progress and the points', () => {
    const text = zh.referralProgressDm({ inviteeName: '小李', qualified: 2, target: 3, points: 10 })
    expect(text).toContain('「小李」')
    expect(text).toContain('已邀请 2/3')
    expect(text).toContain('再邀请1位')
    expect(text).toContain('10积分')
    expect(en.referralProgressDm({ inviteeName: 'Amy', qualified: 2, target: 3, points: 10 })).toContain('10 points')
  })

  it('puts several inviters in one short group post, in the order of the entries', () => {
    expect(zh.referralProgressGroup([{ qualified: 2, target: 3, points: 10 }])).toMatch(/^邀请进度更新：已邀请 2\/3，\+10积分/)
    const text = zh.referralProgressGroup([{ qualified: 1, target: 3, points: 10 }, { qualified: 3, target: 3, points: 20 }])
    expect(text.split('\n')).toEqual(['邀请进度更新：', '第1位：已邀请 1/3，+10积分', '第2位：已邀请 3/3，+20积分'])
    expect(en.referralProgressGroup([{ qualified: 1, target: 3, points: 10 }, { qualified: 3, target: 3, points: 20 }]))
      .toMatch(/No\. 1: .*1\/3.*\n.*No\. 2: .*3\/3/)
  })

  it('sends the coupon code only by DM; the group post points to the DM and says how to become a friend', () => {
    for (const m of [zh, en]) {
      expect(m.referralRewardDm({ couponCode: 'K7Q2M9XDP4', points: 10 })).toContain('K7Q2M9XDP4')
      const group = m.referralRewardGroup()
      expect(group).not.toContain('K7Q2M9XDP4')
      // Nothing that looks like a code: no run of 6+ capitals and digits.
      expect(group).not.toMatch(/[A-Z0-9]{6,}/)
    }
    expect(zh.referralRewardGroup()).toMatch(/私信/)
    expect(zh.referralRewardGroup()).toMatch(/加.*好友/)
  })

  it('tells operators why a reward is held and how to act on it', () => {
    const text = zh.referralHeldAlert({ inviterName: '小王', reason: zh.fraudReason('burst') })
    for (const part of ['「小王」', '1小时内邀请超过10人', '/待审核', '/通过', '/驳回']) expect(text).toContain(part)
    expect(zh.fraudReason('silent-invitees')).toContain('从未发言')
    const enText = en.referralHeldAlert({ inviterName: 'Amy', reason: en.fraudReason('silent-invitees') })
    for (const part of ['Amy', '/held', '/approve', '/reject']) expect(enText).toContain(part)
  })

  it('quotes names mid-sentence with 「」 and no spaces around them', () => {
    const texts = [
      zh.referralProgressDm({ inviteeName: '小李', qualified: 1, target: 3, points: 10 }),
      zh.heldApproved(12, '小李'), zh.heldRejected(12, '小李'),
      zh.pointsAdjusted({ name: '小李', delta: 5, balance: 5 }), zh.pointsAdjustNegative({ name: '小李', balance: 0 }),
      zh.exchangeOk({ itemName: '小李', cost: 1, balance: 0 }), zh.exchangeNotEnough({ itemName: '小李', cost: 9, balance: 0 }),
      zh.exchangeOutOfStock('小李'), zh.exchangeUnknown('小李'), zh.heldList(HELD.slice(0, 1).map((h) => ({ ...h, inviterName: '小李' }))),
    ]
    for (const text of texts) {
      expect(text).toContain('「小李」')
      expect(text).not.toMatch(/ 「小李」|「小李」 /)
    }
  })

  it('lists this week\'s board in order, and says so when it is empty', () => {
    const board = zh.leaderboard([{ name: '小王', qualified: 5 }, { name: '小李', qualified: 3 }], '5月第1周')
    expect(board).toContain('5月第1周')
    expect(board.indexOf('小王')).toBeLessThan(board.indexOf('小李'))
    expect(board).toContain('5位')
    const empty = zh.leaderboard([], '5月第1周')
    expect(empty).toContain('5月第1周')
    expect(empty).not.toEqual(board)
  })

  it('shows the balance with signed recent entries, the catalog, and the exchange outcomes', () => {
    const balance = zh.pointsBalance({ balance: 120, recent: [{ delta: 10, reason: '邀请好友' }, { delta: -50, reason: '兑换' }] })
    expect(balance).toContain('120')
    expect(balance).toContain('+10 邀请好友')
    expect(balance).toContain('-50 兑换')
    const list = zh.rewardsList(ITEMS, 30)
    for (const part of ['保温杯', 'cup-1', '100积分', '剩5件', '已兑完', '/兑换', '30']) expect(list).toContain(part)
    expect(zh.rewardsList([], 30)).not.toEqual(list)
    expect(zh.exchangeOk({ itemName: '保温杯', cost: 100, balance: 20 })).toContain('20')
    expect(zh.exchangeNotEnough({ itemName: '保温杯', cost: 100, balance: 20 })).toContain('还差80积分')
  })

  it('names the ledger reasons in words customers know', () => {
    expect((['referral', 'exchange', 'adjust', 'order', 'expire'] as const).map((k) => zh.pointsReason(k)))
      .toEqual(['邀请好友', '兑换', '人工调整', '购物', '过期'])
  })

  it('lists held rewards with ids and how to act, capping a long list', () => {
    const text = zh.heldList(HELD)
    expect(text).toContain('#1「小王0」')
    expect(text).toContain('25条')
    expect(text).not.toContain('#21「')
    expect(text).toContain('另有5条')
    expect(zh.heldList([])).not.toContain('#')
    expect(zh.heldNotFound(7)).toContain('#7')
  })

  it('says a deduction below zero was refused, and signs adjustments the right way', () => {
    expect(zh.pointsAdjusted({ name: '小王', delta: -5, balance: 105 })).toContain('扣除5积分')
    expect(zh.pointsAdjusted({ name: '小王', delta: 10, balance: 110 })).toContain('增加10积分')
    expect(zh.pointsAdjustNegative({ name: '小王', balance: 3 })).toMatch(/负数/)
  })

  it('lists the referral commands with examples in an operator\'s help, and none of the review ones for a customer', () => {
    const opHelp = zh.help(commandsFor('operator', { inGroup: true }), 'operator')
    for (const part of ['/邀请', '/排行榜', '/积分', '/积分商城', '/兑换 保温杯', '/待审核', '/通过 12', '/驳回 12', '/调整积分 @小王 +10']) {
      expect(opHelp).toContain(part)
    }
    for (const m of [zh, en]) {
      const help = m.help(commandsFor('customer', { inGroup: false }), 'customer')
      expect(help).not.toMatch(/\/待审核|\/通过|\/驳回|\/调整积分|\/held|\/approve|\/reject|\/adjust/)
    }
  })

  it('gives each new command a usage line with an example where it takes arguments', () => {
    expect(zh.usage('exchange', 'missing-argument')).toContain('/兑换 保温杯')
    expect(zh.usage('approve', 'invalid-value')).toContain('/通过 12')
    expect(zh.usage('adjust', 'invalid-value')).toContain('100000')
    expect(en.usage('adjust', 'missing-argument')).toContain('/adjust @Amy +10')
    expect(zh.notAllowed('approve')).toContain('运营')
  })

  it('shows a plan day by day, and a run of empty forecast days as one block', () => {
    const texts = calendarTexts(zh)
    const plan = texts.find((t) => t.startsWith('📅'))!
    expect(plan).toContain('12-01 周二 今天\n  10:03 干货 #12 辅食添加的3个误区（已发）\n  10:03 促销 活动「双12秒杀」')
    expect(plan).toContain('12-02 周三 明天\n  10:03 干货 #12 辅食添加的3个误区（已手动跳过）\n  10:03 促销 ⚠️ 暂无可发内容')
    expect(plan).toContain('12-03 至 12-04（预计）\n  ⚠️ 没有可发的内容，请补充内容库')
    expect(plan).toContain('12-05 周六（预计）\n  暂无安排')
  })

  it('tells members what to do in a campaign post: the keyword, /拼团, the end', () => {
    const post = { name: '双12', text: '回馈老粉', linkUrl: null, imageUrl: null, endsText: '12-12 22:00', keyword: '抽奖', winners: 3, prize: '保温杯', groupSize: 5 }
    expect(zh.campaignPost({ ...post, kind: 'lottery' })).toBe('🎁抽奖｜双12\n回馈老粉\n在群里回复「抽奖」即可参与，12-12 22:00 开奖，共3个名额，奖品：保温杯')
    expect(zh.campaignPost({ ...post, kind: 'group_buy' })).toContain('发送 /拼团 参团，满5人成团')
    expect(en.campaignPost({ ...post, kind: 'group_buy' })).toContain('Send /groupbuy to join')
  })

  it('uses the localized role names', () => {
    expect(ROLES.map((r) => zh.roleName(r))).toEqual(['店主', '管理员', '运营', '市场', '店员', '客户'])
  })

  it('says why a code was refused, a different sentence for each reason, with the facts a clerk needs', () => {
    for (const m of [zh, en]) {
      const texts = REFUSALS.map((r) => m.couponRefusal(r, FULL_REFUSAL))
      expect(new Set(texts).size).toBe(REFUSALS.length)
    }
    const say = (r: typeof REFUSALS[number]) => zh.couponRefusal(r, FULL_REFUSAL)
    expect(say('used')).toContain('12-03 10:04')
    expect(zh.couponRefusal('used', { code: 'K7Q2', usedAt: '12-03 10:04' })).toBe('该券已于12-03 10:04核销，不能重复使用。')
    expect(say('expired')).toContain('12-31 10:00')
    expect(say('not-yet-valid')).toContain('12-10 00:00')
    expect(say('void')).toContain('券码泄露')
    expect(say('not-yours')).toContain('「张三」')
    expect(say('below-min-spend')).toMatch(/满199元.*150元/)
    expect(say('cap-reached')).toContain('50')
    expect(say('locked')).toContain('12-03 10:34')
    expect(say('typo')).toContain('输错')
    // without a holder name (customers, the API) nobody is named
    expect(zh.couponRefusal('not-yours', { code: 'K7Q2' })).not.toMatch(/「/)
  })

  it('titles a coupon by its value the way Chinese shops do', () => {
    expect(zh.couponTitle({ name: null, amount: 50, gift: null, minSpend: 0 })).toBe('50元无门槛券')
    expect(zh.couponTitle({ name: null, amount: 30, gift: null, minSpend: 199 })).toBe('满199减30券')
    expect(zh.couponTitle({ name: null, amount: null, gift: '试用装', minSpend: 0 })).toBe('试用装礼券')
    expect(zh.couponTitle({ name: null, amount: 19.9, gift: null, minSpend: 0 })).toBe('19.9元无门槛券')
  })

  it('sends codes only in DMs meant for one person, and the expiry reminder says how to opt out', () => {
    expect(zh.couponDm({ title: '50元无门槛券', code: 'K7Q2-M9XD-P4RT-WX3E', expires: '12-31 10:00', minSpend: 0, welcome: true, reissue: false })).toMatch(/K7Q2-M9XD-P4RT-WX3E[\s\S]*12-31 10:00/)
    expect(zh.couponExpiryDm({ title: '50元无门槛券', code: 'K7Q2', expires: '12-31 10:00' })).toContain('TD')
    expect(en.couponExpiryDm({ title: 'x', code: 'K7Q2', expires: '12-31 10:00' })).toContain('TD')
  })

  it('names in the consent notice every purpose a marketing DM serves (MARKETING.md), after-purchase care included', () => {
    const purposes: Record<string, Record<string, RegExp>> = {
      'zh-CN': { repurchase: /复购提醒/, 'coupon-expiry': /优惠券到期提醒/, care: /购后关怀/, followUp: /回访/, reactivation: /老客回访/, birthday: /生日福利/ },
      en: { repurchase: /restock reminders/, 'coupon-expiry': /coupon expiry/, care: /after-purchase care/, followUp: /follow-up/, reactivation: /long silence/, birthday: /birthday gifts/ },
    }
    for (const locale of LOCALES) {
      const notice = messagesFor(locale).consentNotice()
      for (const [kind, pattern] of Object.entries(purposes[locale]!)) expect(notice, `${locale} ${kind}`).toMatch(pattern)
    }
  })
})
