/**
 * Every chat command, its spellings, who may use it and where. The parser reads the aliases from here and /help
 * reads the permissions from here, so a command can never be typed but unlisted, or listed but refused.
 */
import { can, type Permission, type Role } from '../roles.ts'

export const COMMAND_NAMES = ['help', 'claim', 'whoami', 'group', 'role', 'unsubscribe', 'subscribe'] as const
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
  /** False hides it from /help (it still works). */
  listed: boolean
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', aliases: ['help', '帮助', '菜单'], permission: null, where: 'both', usage: 'help', listed: true },
  // DM only: a one-time code typed in a group is seen by every member. Unlisted: only the person who
  // started the bot has the code, and the startup banner tells them the command.
  { name: 'claim', aliases: ['claim', '认领'], permission: null, where: 'dm', usage: 'claim', listed: false },
  // DM only: it shows the person's groups and subscription state, which are private (SPEC 1: never post
  // private things in a group).
  { name: 'whoami', aliases: ['whoami', '我是谁', '我的资料'], permission: 'self.service', where: 'dm', usage: 'whoami', listed: true },
  // Acts on the group it is typed in, so it means nothing in a DM.
  { name: 'group', aliases: ['group', '群设置', '群'], permission: 'group.manage', where: 'group', usage: 'group', listed: true },
  // Both: in a group the target can be @mentioned; in a DM the caller resolves the name.
  { name: 'role', aliases: ['role', '角色'], permission: 'role.manage', where: 'both', usage: 'role', listed: true },
  // Both: an opt-out is honoured wherever it is typed (SPEC 3.3).
  { name: 'unsubscribe', aliases: ['unsubscribe', 'td', '退订'], permission: 'self.service', where: 'both', usage: 'unsubscribe', listed: true },
  { name: 'subscribe', aliases: ['subscribe', '订阅', '恢复订阅'], permission: 'self.service', where: 'both', usage: 'subscribe', listed: true },
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
