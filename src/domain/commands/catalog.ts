/**
 * Every chat command, its spellings, who may use it and where. The parser reads the aliases from here and /help
 * reads the permissions from here, so a command can never be typed but unlisted, or listed but refused.
 */
import { can, type Permission, type Role } from '../roles.ts'

export const COMMAND_NAMES = [
  'help', 'claim', 'whoami', 'group', 'role', 'unsubscribe', 'subscribe',
  'invite', 'leaderboard', 'points', 'rewards', 'exchange', 'held', 'approve', 'reject', 'adjust',
  'erase', 'customer',
  'verify', 'mycoupons', 'batch', 'issue', 'void', 'reissue',
  'content', 'plan', 'campaign', 'groupbuy',
] as const
export type CommandName = typeof COMMAND_NAMES[number]

/** Key of the usage line in the messages module; today each command has its own. */
export type UsageKey = CommandName

export type Where = 'dm' | 'group' | 'both'

export interface CommandSpec {
  name: CommandName
  /** Spellings after the slash, lower case. The first English and the first Chinese alias are shown in help. */
  aliases: readonly string[]
  /** null: anyone may use it. */
  permission: Permission | null
  where: Where
  usage: UsageKey
  /**
   * True when the command reads words after it. Only these may be typed with no space after a Chinese alias
   * ("/认领AB12", "/兑换保温杯"); for the others that would turn chat like "/邀请码" into a command.
   */
  takesArgs: boolean
  /** False hides it from /help (it still works). */
  listed: boolean
  /**
   * Staff business typed in a group (a plan, the library, a campaign): answered by DM when the caller is the bot's
   * friend, like a person's own business, so the group does not read it. Absent: the usual rule.
   */
  privateReply?: true
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', aliases: ['help', '帮助', '菜单'], permission: null, where: 'both', usage: 'help', takesArgs: false, listed: true },
  // DM only: a one-time code typed in a group is seen by every member. Unlisted: only the person who
  // started the bot has the code, and the startup banner tells them the command.
  { name: 'claim', aliases: ['claim', '认领'], permission: null, where: 'dm', usage: 'claim', takesArgs: true, listed: false },
  // DM only: it shows the person's groups and subscription state, which are private (SPEC 1: never post
  // private things in a group).
  { name: 'whoami', aliases: ['whoami', '我是谁', '我的资料'], permission: 'self.service', where: 'dm', usage: 'whoami', takesArgs: false, listed: true },
  // Acts on the group it is typed in, so it means nothing in a DM.
  { name: 'group', aliases: ['group', '群设置', '群'], permission: 'group.manage', where: 'group', usage: 'group', takesArgs: true, listed: true },
  // Both: in a group the target can be @mentioned; in a DM the caller resolves the name.
  { name: 'role', aliases: ['role', '角色'], permission: 'role.manage', where: 'both', usage: 'role', takesArgs: true, listed: true },
  // Both: an opt-out is honoured wherever it is typed (SPEC 3.3).
  { name: 'unsubscribe', aliases: ['unsubscribe', 'td', '退订'], permission: 'self.service', where: 'both', usage: 'unsubscribe', takesArgs: false, listed: true },
  { name: 'subscribe', aliases: ['subscribe', '订阅', '恢复订阅'], permission: 'self.service', where: 'both', usage: 'subscribe', takesArgs: false, listed: true },
  // Referrals and points (SPEC 3.4, 3.6). Progress, balance and the catalog answer wherever asked; the
  // exchange reply holds nothing more private than the balance the customer asked for.
  { name: 'invite', aliases: ['invite', '邀请', '邀请好友'], permission: 'self.service', where: 'both', usage: 'invite', takesArgs: false, listed: true },
  // Group only: it is the board of the group it is typed in.
  { name: 'leaderboard', aliases: ['leaderboard', '排行榜'], permission: 'self.service', where: 'group', usage: 'leaderboard', takesArgs: false, listed: true },
  { name: 'points', aliases: ['points', '积分', '我的积分'], permission: 'self.service', where: 'both', usage: 'points', takesArgs: false, listed: true },
  { name: 'rewards', aliases: ['rewards', '积分商城', '兑换列表'], permission: 'self.service', where: 'both', usage: 'rewards', takesArgs: false, listed: true },
  { name: 'exchange', aliases: ['exchange', '兑换'], permission: 'self.service', where: 'both', usage: 'exchange', takesArgs: true, listed: true },
  // Review of rewards held by the fraud checks: both, so an operator can act from a DM or from the group.
  { name: 'held', aliases: ['held', '待审核'], permission: 'referral.review', where: 'both', usage: 'held', takesArgs: false, listed: true },
  { name: 'approve', aliases: ['approve', '通过'], permission: 'referral.review', where: 'both', usage: 'approve', takesArgs: true, listed: true },
  { name: 'reject', aliases: ['reject', '驳回'], permission: 'referral.review', where: 'both', usage: 'reject', takesArgs: true, listed: true },
  // Both, like /role: in a group the person can be @mentioned; in a DM the caller resolves the name.
  { name: 'adjust', aliases: ['adjust', '调整积分'], permission: 'points.adjust', where: 'both', usage: 'adjust', takesArgs: true, listed: true },
  // CRM (SPEC 3.3). DM only: erasing one's data is private, and so is a customer's record.
  { name: 'erase', aliases: ['erase', 'forget', '删除我的数据', '删除资料', '删除我的资料'], permission: 'self.service', where: 'dm', usage: 'erase', takesArgs: true, listed: true },
  { name: 'customer', aliases: ['customer', '客户', '查客户', '客户资料'], permission: 'customer.view', where: 'dm', usage: 'customer', takesArgs: true, listed: true },
  // Coupons (SPEC 3.5). Verifying shows a customer's code and name, and /我的券 lists codes: DM only (SPEC 1:
  // never post private things in a group). So are void and reissue, which are typed with a code.
  { name: 'verify', aliases: ['verify', '核销', '验券'], permission: 'coupon.verify', where: 'dm', usage: 'verify', takesArgs: true, listed: true },
  { name: 'mycoupons', aliases: ['mycoupons', 'coupons', 'coupon', '我的券', '我的优惠券', '优惠券', '券'], permission: 'self.service', where: 'dm', usage: 'mycoupons', takesArgs: false, listed: true },
  { name: 'batch', aliases: ['batch', 'batches', '券批次', '批次'], permission: 'coupon.batch', where: 'both', usage: 'batch', takesArgs: true, listed: true },
  // Both: in a group the customer can be @mentioned; the code itself only ever goes to them by DM.
  { name: 'issue', aliases: ['issue', '发券'], permission: 'coupon.issue', where: 'both', usage: 'issue', takesArgs: true, listed: true },
  { name: 'void', aliases: ['void', '作废'], permission: 'coupon.issue', where: 'dm', usage: 'void', takesArgs: true, listed: true },
  { name: 'reissue', aliases: ['reissue', '补发'], permission: 'coupon.issue', where: 'dm', usage: 'reissue', takesArgs: true, listed: true },
  // The content calendar (SPEC 3.2). The library is shared by every group: both, so it can be managed from a DM.
  { name: 'content', aliases: ['content', '内容', '内容库'], permission: 'content.manage', where: 'both', usage: 'content', takesArgs: true, listed: true, privateReply: true },
  // Group only: it is the plan of the group it is typed in (its operator, admins, owner).
  { name: 'plan', aliases: ['plan', '计划', '发布计划', '排期'], permission: 'group.manage', where: 'group', usage: 'plan', takesArgs: true, listed: true, privateReply: true },
  // Campaigns (SPEC 3.8): drafting needs campaign.manage; approving also campaign.approve, checked by the handler.
  { name: 'campaign', aliases: ['campaign', '活动'], permission: 'campaign.manage', where: 'both', usage: 'campaign', takesArgs: true, listed: true, privateReply: true },
  // Group only: a member joins the group-buy (拼团) running in the group they type it in. Open to anyone, not
  // self.service: the answer ("2/3, one more to go") is news for the whole group, so it is given there, not by DM.
  { name: 'groupbuy', aliases: ['groupbuy', '拼团', '参团'], permission: null, where: 'group', usage: 'groupbuy', takesArgs: false, listed: true },
]

const BY_NAME = new Map(COMMANDS.map((spec) => [spec.name, spec]))

export function commandSpec (name: CommandName): CommandSpec {
  const spec = BY_NAME.get(name)
  if (spec === undefined) throw new Error(`command ${name} missing from COMMANDS`)
  return spec
}

export function isAllowedWhere (spec: CommandSpec, inGroup: boolean): boolean {
  return spec.where === 'both' || (spec.where === 'group') === inGroup
}

/** What /help lists: commands this role may use here (in this group, or in a DM). */
export function commandsFor (role: Role, ctx: { isOperatorOfGroup?: boolean, inGroup: boolean }): CommandSpec[] {
  return COMMANDS.filter((spec) =>
    spec.listed &&
    isAllowedWhere(spec, ctx.inGroup) &&
    (spec.permission === null || can(role, spec.permission, ctx)))
}
