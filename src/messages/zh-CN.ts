/** Simplified Chinese, the primary locale: the voice of a friendly brand customer-service account (亲切、简洁). */
import type { CommandName } from '../domain/commands/catalog.ts'
import type { GroupField, UsageReason } from '../domain/commands/parser.ts'
import type { Role } from '../domain/roles.ts'
import type { CommandText, Messages } from './index.ts'

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
}

const REASON_HINTS: Partial<Record<UsageReason, string>> = {
  'unknown-field': '可设置的项目：地区、兴趣、运营、时区、时段。',
  'invalid-value': '内容太长啦，请精简后再试。',
  'too-many-values': '兴趣标签最多10个哦。',
  'invalid-timezone': '没有识别这个时区，请用类似 Asia/Shanghai 的写法。',
  'invalid-time': '时间请用24小时制，例如 10:00 20:00（先干货，后促销）。',
  'invalid-role': '身份可选：管理员、运营、市场、店员、客户（取消身份）。',
  'too-long': '消息太长了，请精简后再发。',
}

/** The reason, on its own line above the usage, when there is something specific to say. */
function hint (name: CommandName, reason: UsageReason): string {
  const text = name === 'group' && reason === 'invalid-value' ? '内容太长啦，地区和每个标签请不超过20个字。' : REASON_HINTS[reason]
  return text === undefined ? '' : `${text}\n`
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

export const zhCN: Messages = {
  commands: COMMANDS,
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
  notAllowed (name) {
    const who = name === 'role' ? '店主和管理员' : name === 'group' ? '本群运营和管理员' : '店铺工作人员'
    return `抱歉，这个指令仅限${who}使用。`
  },
  onlyInGroup: (name) => `${COMMANDS[name].word} 需要在群里发送哦～`,
  onlyInDm: (name) => `为保护隐私，${COMMANDS[name].word} 请私聊我发送哦～`,

  claimOk: () => '认领成功🎉 你现在是店主啦，发送 /帮助 查看管理指令。',
  claimBad: () => '认领码不正确或已失效，请核对后再试。',
  claimAlreadyOwned: () => '这个账号已经有店主啦，如需协助请联系店主。',

  whoami ({ name, role, groups, subscribed, friend }) {
    return [
      `${name}，这是你的资料：`,
      `身份：${ROLE_NAMES[role]}`,
      `所在群：${groups.length === 0 ? '暂无' : listNames(groups, WHOAMI_GROUPS)}`,
      `好友：${friend ? '已添加' : '未添加'}`,
      `优惠私信：${subscribed ? '接收中（回复 TD 可退订）' : '已退订（发送 /订阅 可恢复）'}`,
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

  rateLimitedAlert: (account, sinceText, minutes) =>
    `【提醒】账号「${account}」自 ${sinceText} 起被平台限制发送（操作过于频繁），已自动暂停约 ${minutes} 分钟，期间的消息已排队，现已恢复发送。若频繁出现，请减少群发或增加账号。`,
  sendUncertainAlert: (what) =>
    `【提醒】系统重启前，这条消息可能没有发出：${what}\n为避免重复发送，系统没有自动重发，请核实后手动处理。`,
  internalError: () => '抱歉，系统开小差了，请稍后再试～',
}
