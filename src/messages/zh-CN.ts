/** Simplified Chinese, the primary locale: the voice of a friendly brand customer-service account (亲切、简洁). */
import type { CommandName } from '../domain/commands/catalog.ts'
import type { GroupField, UsageReason } from '../domain/commands/parser.ts'
import type { Role } from '../domain/roles.ts'
import type { CommandText, FraudReason, Messages, PointsReasonKind, ProfileData } from './index.ts'
import { AGE_RANGES, crmZhCN } from './crm.zh-CN.ts'
import { couponsZhCN } from './coupons.zh-CN.ts'
import { calendarZhCN, calendarCommandsZhCN, calendarHintsZhCN } from './calendar-zh-CN.ts'

const ROLE_NAMES: Record<Role, string> = {
  owner: '店主',
  admin: '管理员',
  operator: '运营',
  marketer: '市场',
  staff: '店员',
  customer: '客户',
}

const FIELD_NAMES: Record<GroupField, string> = {
  region: '地区',
  interests: '兴趣标签',
  operator: '运营',
  timezone: '时区',
  slots: '发帖时段',
}

const COMMANDS: Record<CommandName, CommandText> = {
  help: { word: '/帮助', args: '', summary: '查看可用指令', example: null },
  claim: { word: '/认领', args: '认领码', summary: '用首次启动时的认领码成为店主', example: '/认领 K7Q2M9XD' },
  whoami: { word: '/我是谁', args: '', summary: '查看我的资料和订阅状态', example: null },
  group: { word: '/群', args: '[设置 地区|兴趣|运营|时区|时段 内容]', summary: '查看或修改本群设置', example: '/群 设置 时段 10:00 20:00' },
  role: { word: '/角色', args: '@成员 身份', summary: '设置工作人员身份', example: '/角色 @小王 运营' },
  unsubscribe: { word: '/退订', args: '', summary: '不再接收营销私信（也可直接回复 TD）', example: null },
  subscribe: { word: '/订阅', args: '', summary: '恢复接收优惠私信', example: null },
  invite: { word: '/邀请', args: '', summary: '查看我的邀请进度（邀请3位好友领试用装）', example: null },
  leaderboard: { word: '/排行榜', args: '', summary: '查看本群本周邀请排行榜', example: null },
  points: { word: '/积分', args: '', summary: '查看我的积分和最近记录', example: null },
  rewards: { word: '/积分商城', args: '', summary: '看看积分能兑换什么', example: null },
  exchange: { word: '/兑换', args: '商品名或编号', summary: '用积分兑换商品', example: '/兑换 保温杯' },
  held: { word: '/待审核', args: '', summary: '查看待审核的邀请奖励', example: null },
  approve: { word: '/通过', args: '编号', summary: '审核通过，发放邀请奖励', example: '/通过 12' },
  reject: { word: '/驳回', args: '编号 [原因]', summary: '驳回邀请奖励，不予发放', example: '/驳回 12 刷邀请' },
  adjust: { word: '/调整积分', args: '@成员 ±积分 原因', summary: '手动增减成员积分', example: '/调整积分 @小王 +10 活动补发' },
  erase: { word: '/删除我的数据', args: '[确认]', summary: '删除我的个人资料和聊天记录', example: '/删除我的数据 确认' },
  customer: { word: '/客户', args: '昵称|#编号|手机号', summary: '查看客户资料、订单、积分和最近消息', example: '/客户 张三' },
  verify: { word: '/核销', args: '券码 [@顾客] [消费金额] [确认]', summary: '核销优惠券：先查看券信息，再 /核销 确认', example: '/核销 ANNA30 @张三 199元' },
  mycoupons: { word: '/我的券', args: '', summary: '查看我的优惠券和券码', example: null },
  batch: { word: '/券批次', args: '[新建 代码 面额 选项…]', summary: '查看或新建优惠券批次', example: '/券批次 新建 ANNA30 共享 30元 7天 主播安娜 限50' },
  issue: { word: '/发券', args: '@顾客 批次代码', summary: '给顾客发一张券，券码私信发给对方', example: '/发券 @张三 BDAY50' },
  void: { word: '/作废', args: '券码 原因', summary: '作废一张未使用的券', example: '/作废 K7Q2-M9XD-P4RT-WX3E 券码泄露' },
  reissue: { word: '/补发', args: '券码', summary: '给已作废的券补发新券码', example: '/补发 K7Q2-M9XD-P4RT-WX3E' },
  ...calendarCommandsZhCN,
}

const REASON_HINTS: Partial<Record<UsageReason, string>> = {
  'unknown-field': '可设置的项目：地区、兴趣、运营、时区、时段。',
  'invalid-value': '内容太长啦，请精简后再试。',
  'too-many-values': '兴趣标签最多10个哦。',
  'invalid-timezone': '没有识别这个时区，请用类似 Asia/Shanghai 的写法。',
  'invalid-time': '时间请用24小时制，例如 10:00 20:00（先干货，后促销）。',
  'invalid-role': '身份可选：管理员、运营、市场、店员、客户（取消身份）。',
  'too-long': '消息太长了，请精简后再发。',
  'invalid-kind': '类型没有识别出来。',
  'invalid-option': '选项请写成 名称:内容 的样子，冒号后面要有内容。',
  'invalid-date': '日期请写成 12-03、2026-12-03、今天 或 明天。',
}

const ASK_ID = '请填写 /待审核 列表里的编号，例如 12。'

/** Where a reason means something particular for one command. */
const COMMAND_HINTS: Partial<Record<CommandName, Partial<Record<UsageReason, string>>>> = {
  group: { 'invalid-value': '内容太长啦，地区和每个标签请不超过20个字。' },
  exchange: {
    'missing-argument': '请写上想兑换的商品，发送 /积分商城 可查看商品。',
    'invalid-value': '商品名太长啦，请发送商品名或编号（40字以内）。',
  },
  approve: { 'missing-argument': ASK_ID, 'invalid-value': ASK_ID, 'extra-argument': '一次审核一条，请逐条发送。' },
  reject: { 'missing-argument': ASK_ID, 'invalid-value': '编号请填写 /待审核 列表里的数字，原因请不超过200字。' },
  erase: { 'invalid-value': '确认删除请发送：/删除我的数据 确认', 'extra-argument': '确认删除请发送：/删除我的数据 确认' },
  customer: { 'missing-argument': '请写上客户昵称、#编号或手机号。' },
  adjust: {
    'missing-argument': '请写明成员、积分和原因。',
    'invalid-value': '积分请填写不为0的整数，单次最多调整100000；昵称和原因也请精简。',
  },
  verify: {
    'missing-argument': '请写上券码。',
    'extra-argument': '一次只能写一位顾客和一个金额。',
    'invalid-value': '没看懂：券码请连着写或4位一组，金额请写成 199元，顾客请 @ 对方（都不要太长）。',
  },
  batch: {
    'unknown-action': '可以发送 /券批次 查看，或 /券批次 新建 …',
    'missing-argument': '请写上批次代码，以及面额（如30元）或赠品（如 赠品试用装）二选一。',
    'invalid-value': '有看不懂的选项。可用：共享、30元、赠品试用装、满199、无门槛、7天、至12-31、每人2张、限50、可叠加、主播安娜、渠道抖音、名称XX（每项写一次）。',
  },
  issue: { 'missing-argument': '请写明顾客和批次代码。', 'invalid-value': '昵称或批次代码太长啦。' },
  void: { 'missing-argument': '请写明券码和作废原因。', 'invalid-value': '券码或原因太长啦（原因200字以内）。' },
  reissue: { 'missing-argument': '请写上已作废的券码。' },
  ...calendarHintsZhCN,
}

/** The reason, on its own line above the usage, when there is something specific to say. */
function hint (name: CommandName, reason: UsageReason): string {
  const text = COMMAND_HINTS[name]?.[reason] ?? REASON_HINTS[reason]
  return text === undefined ? '' : `${text}\n`
}

/** Who may use a staff command, for the refusal. */
function allowedWho (name: CommandName): string {
  switch (name) {
    case 'role': return '店主和管理员'
    case 'group': return '本群运营和管理员'
    case 'held': case 'approve': case 'reject': case 'adjust': case 'customer': return '运营和管理员'
    case 'held': case 'approve': case 'reject': case 'adjust': return '运营和管理员'
    case 'verify': return '店员和管理员'
    case 'batch': return '市场和管理员'
    case 'issue': case 'void': case 'reissue': return '运营、市场和管理员'
    case 'content': return '运营、市场和管理员'
    case 'plan': return '本群运营和管理员'
    case 'campaign': return '市场同事和管理员'
    default: return '店铺工作人员'
  }
}

const DEFAULT_WAIT_HOURS = 24
const HELD_SHOWN = 20

const FRAUD_REASONS: Record<FraudReason, string> = {
  // The default thresholds of SPEC 3.4.
  burst: '1小时内邀请超过10人',
  'silent-invitees': '被邀请人从未发言且很快退群',
}

const POINTS_REASONS: Record<PointsReasonKind, string> = {
  referral: '邀请好友',
  exchange: '兑换',
  adjust: '人工调整',
  order: '购物',
  expire: '过期',
  refund: '订单退款',
}

/** "已邀请 2/3": the words SPEC 3.4 shows, kept the same everywhere. */
/** "已邀请 2/3" up to the target; past it a plain count ("已邀请 12/3" reads like an error). */
function progress (qualified: number, target: number): string {
  return qualified <= target ? `已邀请 ${qualified}/${target}` : `已成功邀请${qualified}位好友`
}

/** What is left to do, after the progress: "，再邀请1位即可领取试用装🎁" or done. */
function remaining (qualified: number, target: number): string {
  if (qualified < target) return `，再邀请${target - qualified}位即可领取试用装🎁`
  return qualified === target ? '，邀请任务已完成🎉 试用装礼券将在1天内发放' : '，继续邀请还能赚积分哦'
}

function signed (n: number): string {
  return n > 0 ? `+${n}` : String(n)
}

const WHOAMI_GROUPS = 10

/** "/认领 认领码，例：/认领 K7Q2M9XD" */
function syntaxWithExample (text: CommandText): string {
  const syntax = text.args === '' ? text.word : `${text.word} ${text.args}`
  return text.example === null ? syntax : `${syntax}，例：${text.example}`
}

function listNames (names: string[], max: number): string {
  const shown = names.slice(0, max).join('、')
  return names.length > max ? `${shown}等${names.length}个` : shown
}

function profileLines (p: ProfileData): string[] {
  return [
    `城市：${p.city ?? '未填写'}`,
    `兴趣：${p.interests.length === 0 ? '未填写' : p.interests.join('、')}`,
    `生日：${p.birthday ?? '未填写'}`,
    `年龄段：${p.ageRange === null ? '未填写' : AGE_RANGES[p.ageRange]}`,
  ]
}

const yuan = (n: number): string => `¥${n.toFixed(2)}`

export const zhCN: Messages = {
  ...calendarZhCN,
  commands: COMMANDS,
  ...couponsZhCN,
  ...crmZhCN,
  roleName: (role) => ROLE_NAMES[role],
  fieldName: (field) => FIELD_NAMES[field],

  // The platform @mentions the newcomers at the start of the message, so their names are not repeated.
  welcome: (count) =>
    `${count > 1 ? '欢迎各位新朋友' : '欢迎新朋友'}加入大家庭🎉\n` +
    '点我头像加个好友，即可领取50元无门槛券🎁\n' +
    '发送 /帮助 看看我能为你做什么～',
  friendGreeting: (name) =>
    `${name === null ? '你好' : `${name}，你好`}！感谢添加～我是品牌客服小助手。\n发送 /帮助 查看我能为你做什么。`,

  help (specs, role) {
    const lines = specs.map((spec) => {
      const text = COMMANDS[spec.name]
      const example = text.example === null ? '' : `（例：${text.example}）`
      return `${text.word} ${text.summary}${example}`
    })
    return [`你可以使用这些指令（身份：${ROLE_NAMES[role]}）：`, ...lines, '英文指令同样可用，例如 /help。'].join('\n')
  },
  usage: (name, reason) => `${hint(name, reason)}用法：${syntaxWithExample(COMMANDS[name])}`,
  unknownCommand: (word) => `没有「/${word}」这个指令哦，发送 /帮助 查看可用指令。`,
  notAllowed: (name) => `抱歉，这个指令仅限${allowedWho(name)}使用。`,
  onlyInGroup: (name) => `${COMMANDS[name].word} 需要在群里发送哦～`,
  onlyInDm: (name) => `为保护隐私，${COMMANDS[name].word} 请私聊我发送哦～`,

  claimOk: () => '认领成功🎉 你现在是店主啦，发送 /帮助 查看管理指令。',
  claimBad: () => '认领码不正确或已失效，请核对后再试。',
  claimAlreadyOwned: () => '这个账号已经有店主啦，如需协助请联系店主。',

  whoami ({ name, role, groups, subscribed, friend, profile, consented }) {
    return [
      `${name}，这是你的资料：`,
      `身份：${ROLE_NAMES[role]}`,
      `所在群：${groups.length === 0 ? '暂无' : listNames(groups, WHOAMI_GROUPS)}`,
      ...(profile === undefined ? [] : profileLines(profile)),
      `好友：${friend ? '已添加' : '未添加'}`,
      `优惠私信：${subscribed ? '接收中（回复 TD 可退订）' : '已退订（发送 /订阅 可恢复）'}`,
      ...(consented === false ? ['资料授权：未同意（不会收到个性化推荐）'] : []),
      ...(profile === undefined ? [] : ['发送 /删除我的数据 可删除你的资料和聊天记录。']),
    ].join('\n')
  },

  groupShow (g) {
    return [
      `「${g.topic}」本群设置：`,
      `地区：${g.region ?? '未设置'}`,
      `兴趣标签：${g.interests.length === 0 ? '未设置' : g.interests.join('、')}`,
      `运营：${g.operatorName ?? '未指定'}`,
      `时区：${g.timezone}`,
      `发帖时段：干货 ${g.contentSlot}，促销 ${g.promoSlot}`,
    ].join('\n')
  },
  groupUpdated: (field, valueText) => `已更新本群${FIELD_NAMES[field]}：${valueText}`,
  groupOperatorNotFound: (name) => `没有找到「${name}」，请在群里 @ 对方后再试。`,
  groupNotRegistered: () => '本群还没有登记，请联系管理员添加后再设置。',

  roleGranted: (name, role) =>
    role === 'customer' ? `已取消「${name}」的工作人员身份。` : `已将「${name}」设为${ROLE_NAMES[role]}。`,
  roleTargetNotFound: (name) => `没有找到「${name}」，请 @ 对方或核对昵称后再试。`,
  roleCannotGrant: () => '抱歉，你不能设置这个身份。',

  unsubscribed: () => '已为你退订营销私信，群内内容不受影响。发送 /订阅 可随时恢复。',
  subscribed: () => '已恢复接收优惠私信，有好活动第一时间告诉你～',
  alreadyUnsubscribed: () => '你已经退订营销私信啦，发送 /订阅 可随时恢复。',
  alreadySubscribed: () => '你已经在接收优惠私信啦～',

  inviteProgress ({ qualified, target, pending, rewarded, held, hours = DEFAULT_WAIT_HOURS }) {
    const lines = [`${progress(qualified, target)}${remaining(qualified, target)}`]
    if (pending > 0) lines.push(`另有${pending}位好友入群还不满${hours}小时，满${hours}小时后计入。`)
    if (held) lines.push('你的邀请奖励正在审核中，审核通过后会第一时间发给你。')
    if (rewarded) lines.push('试用装礼券已私信发给你，请注意查收～继续邀请好友还能赚积分哦。')
    else if (!held && qualified >= target) lines.push('试用装礼券正在发放，请留意私信～')
    if (!held && qualified < target) lines.push(`邀请方法：把第一次入群的好友拉进群，好友在群里待满${hours}小时即算成功。`)
    return lines.join('\n')
  },
  referralProgressDm: ({ inviteeName, qualified, target, points, hours = DEFAULT_WAIT_HOURS }) =>
    `你邀请的「${inviteeName}」已入群满${hours}小时，${progress(qualified, target)}${remaining(qualified, target)}` +
    (points > 0 ? `\n本次获得${points}积分，发送 /积分 查看。` : ''),
  referralProgressGroup (entries) {
    const line = (e: { qualified: number, target: number, points: number }): string =>
      `${progress(e.qualified, e.target)}${e.points > 0 ? `，+${e.points}积分` : ''}`
    const [only] = entries
    if (entries.length === 1 && only !== undefined) return `邀请进度更新：${line(only)}${remaining(only.qualified, only.target)}`
    return ['邀请进度更新：', ...entries.map((e, i) => `第${i + 1}位：${line(e)}`)].join('\n')
  },
  referralRewardDm: ({ couponCode, points }) =>
    [
      '恭喜🎉 邀请任务完成！送你一份试用装礼券：',
      `券码：${couponCode}`,
      '下单时使用或到店出示券码即可领取试用装，券码仅限本人使用，请勿转发。',
      ...(points > 0 ? [`本次另得${points}积分，发送 /积分 查看。`] : []),
    ].join('\n'),
  // No code here: a group is public, and the code is the reward itself.
  referralRewardGroup: () =>
    '邀请任务完成🎉 你的试用装礼券已备好，点我头像加个好友，券码会私信发给你～',
  referralHeldAlert: ({ inviterName, reason }) =>
    `【审核提醒】「${inviterName}」的邀请奖励已暂缓发放，原因：${reason}\n` +
    '发送 /待审核 查看列表，/通过 编号 发放奖励，/驳回 编号 原因 不予发放。',
  fraudReason: (reason) => FRAUD_REASONS[reason],
  leaderboard (entries, weekLabel) {
    if (entries.length === 0) return `本周（${weekLabel}起）邀请榜还没有人上榜，快邀请好友进群来冲榜吧💪\n发送 /邀请 查看我的邀请进度。`
    const medals = ['🥇', '🥈', '🥉']
    return [
      `🏆本周邀请排行榜（${weekLabel}起）`,
      ...entries.map((e, i) => `${medals[i] ?? `${i + 1}.`} ${e.name}：邀请${e.qualified}位`),
      '发送 /邀请 查看我的邀请进度。',
    ].join('\n')
  },

  pointsBalance: ({ balance, recent }) =>
    [
      `你的积分：${balance}`,
      ...(recent.length === 0 ? ['暂无积分记录'] : ['最近记录：', ...recent.map((r) => `${signed(r.delta)} ${r.reason}`)]),
      '发送 /积分商城 看看能兑换什么～',
    ].join('\n'),
  rewardsList (items, balance) {
    if (items.length === 0) return `积分商城暂时还没有上架商品，敬请期待～\n你的积分：${balance}`
    const example = items.find((i) => i.stock > 0) ?? items[0]!
    return [
      `积分商城🎁（你的积分：${balance}）`,
      ...items.map((i) => `· ${i.name}（编号${i.sku}）：${i.cost}积分，${i.stock > 0 ? `剩${i.stock}件` : '已兑完'}`),
      `兑换请发送：/兑换 商品名或编号，例：/兑换 ${example.name}`,
    ].join('\n')
  },
  exchangeOk: ({ itemName, cost, balance }) =>
    `兑换成功🎉 已用${cost}积分兑换「${itemName}」，剩余${balance}积分。\n领取方式我们会私信告诉你～`,
  exchangeNotEnough: ({ itemName, cost, balance }) =>
    `积分还不够哦：「${itemName}」需要${cost}积分，你现在有${balance}积分` +
    `${cost > balance ? `，还差${cost - balance}积分` : ''}。\n邀请好友进群可以赚积分，发送 /邀请 查看进度。`,
  exchangeOutOfStock: (itemName) => `「${itemName}」已经兑完啦，发送 /积分商城 看看其他好物吧～`,
  exchangeStaffAlert: ({ name, itemName }) => `【兑换】「${name}」用积分兑换了「${itemName}」，请安排发放并私信告知领取方式。`,
  exchangeUnknown: (item) => `没有找到「${item}」这个商品，发送 /积分商城 查看可兑换的商品和编号。`,
  pointsReason: (kind) => POINTS_REASONS[kind],

  heldList (items) {
    if (items.length === 0) return '目前没有待审核的邀请奖励👍'
    const more = items.length - HELD_SHOWN
    return [
      `待审核的邀请奖励（${items.length}条）：`,
      ...items.slice(0, HELD_SHOWN).map((h) => `#${h.id}「${h.inviterName}」有效邀请${h.qualified}位，原因：${h.reason}（${h.since}）`),
      ...(more > 0 ? [`……另有${more}条，处理后再发送 /待审核 查看。`] : []),
      `发送 /通过 编号 发放奖励，/驳回 编号 原因 不予发放，例：/通过 ${items[0]!.id}`,
    ].join('\n')
  },
  heldApproved: (id, inviterName) => `已通过 #${id}：「${inviterName}」的邀请奖励马上发放。`,
  heldRejected: (id, inviterName) => `已驳回 #${id}：「${inviterName}」的邀请奖励不予发放。`,
  heldNotFound: (id) => `没有找到待审核的 #${id}，可能编号有误或已处理过，发送 /待审核 查看列表。`,

  pointsAdjusted: ({ name, delta, balance }) =>
    `已为「${name}」${delta >= 0 ? `增加${delta}` : `扣除${-delta}`}积分，当前积分：${balance}。`,
  pointsAdjustNegative: ({ name, balance }) =>
    `调整失败：「${name}」当前只有${balance}积分，积分不能扣成负数，本次未做更改。`,

  rateLimitedAlert: (account, sinceText, minutes) =>
    `【提醒】账号「${account}」自 ${sinceText} 起被平台限制发送（操作过于频繁），已自动暂停约 ${minutes} 分钟，期间的消息已排队，现已恢复发送。若频繁出现，请减少群发或增加账号。`,
  sendUncertainAlert: (what) =>
    `【提醒】系统重启前，这条消息可能没有发出：${what}\n为避免重复发送，系统没有自动重发，请核实后手动处理。`,
  noted: () => '收到，已为你处理～',
  internalError: () => '抱歉，系统开小差了，请稍后再试～',

  customerCard (c) {
    const lines = [
      `客户 #${c.id} ${c.name ?? '（无昵称）'}${c.erased ? '（已删除个人资料）' : ''}`,
      ...(c.phone === null ? [] : [`手机：${c.phone}`]),
      ...profileLines(c.profile),
      `好友：${c.friend ? '是' : '否'} ｜ 资料授权：${c.consented ? '已同意' : '未同意'} ｜ 优惠私信：${c.subscribed ? '接收中' : '已退订'}`,
      `所在群：${c.groups.length === 0 ? '暂无' : listNames(c.groups, WHOAMI_GROUPS)}`,
      `订单：${c.orders.count}笔，共${yuan(c.orders.total)}`,
      ...c.orders.recent.map((o) => `  ${o.at} ${yuan(o.total)} ${o.items}`),
      `优惠券：${c.coupons.issued}张（可用${c.coupons.usable}张） ｜ 积分：${c.points}`,
      `邀请：成功${c.referrals.qualified}位，待确认${c.referrals.pending}位${c.referrals.invitedBy === null ? '' : ` ｜ 邀请人：${c.referrals.invitedBy}`}`,
      `最近消息：${c.messages.length === 0 ? '暂无' : ''}`,
      ...c.messages.map((msg) => `  ${msg.at} ${msg.incoming ? '客户' : '小助手'}：${msg.text ?? '（已删除）'}`),
    ]
    return lines.join('\n')
  },
  customerNotFound: (typed) => `没有找到客户「${typed}」，或不在你负责的群里。可以用昵称、#编号或手机号查询。`,
}
