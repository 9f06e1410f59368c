/**
 * Every user-facing sentence the bot says, per locale. Handlers pick a `Messages` and call it; they never
 * build text themselves. Each locale is typed `Messages`, so a key missing in one is a compile error.
 * Locale files import only types from here, so there is no runtime import cycle.
 */
import type { CommandName, CommandSpec } from '../domain/commands/catalog.ts'
import type { GroupField, UsageReason } from '../domain/commands/parser.ts'
import type { Role } from '../domain/roles.ts'
import { en } from './en.ts'
import { zhCN } from './zh-CN.ts'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = typeof LOCALES[number]

/** How a command is shown in help and usage lines, in the locale's own spelling. */
export interface CommandText {
  /** The command as typed, e.g. "/认领". */
  word: string
  /** Placeholder for the arguments, e.g. "认领码"; '' when it takes none. */
  args: string
  /** A few words: what it does. */
  summary: string
  /** A complete example; null when there is nothing to fill in. */
  example: string | null
}


export interface WhoamiData {
  name: string
  role: Role
  groups: string[]
  subscribed: boolean
  friend: boolean
}

export interface GroupShowData {
  topic: string
  region: string | null
  interests: string[]
  operatorName: string | null
  timezone: string
  /** "HH:MM" */
  contentSlot: string
  promoSlot: string
}

export interface Messages {
  commands: Record<CommandName, CommandText>
  roleName(role: Role): string
  fieldName(field: GroupField): string

  /** Group welcome for `count` newcomers; the platform @mentions them, so the text does not name them. */
  welcome(count: number): string
  friendGreeting(name: string | null): string

  help(specs: readonly CommandSpec[], role: Role): string
  usage(name: CommandName, reason: UsageReason): string
  unknownCommand(word: string): string
  notAllowed(name: CommandName): string
  onlyInGroup(name: CommandName): string
  onlyInDm(name: CommandName): string

  claimOk(): string
  /** Wrong and already-used codes get this same text, so a guesser learns nothing. */
  claimBad(): string
  claimAlreadyOwned(): string

  whoami(data: WhoamiData): string

  groupShow(data: GroupShowData): string
  groupUpdated(field: GroupField, valueText: string): string
  groupOperatorNotFound(name: string): string
  groupNotRegistered(): string

  roleGranted(name: string, role: Role): string
  roleTargetNotFound(name: string): string
  roleCannotGrant(): string

  unsubscribed(): string
  subscribed(): string
  alreadyUnsubscribed(): string
  alreadySubscribed(): string

  /** To operators, once the pause is over: the platform rate-limited this account from `sinceText` for about `minutes`. */
  rateLimitedAlert(account: string, sinceText: string, minutes: number): string
  /** To operators: a send may not have gone out before a crash and was deliberately not retried. */
  sendUncertainAlert(what: string): string
  internalError(): string
}

const BY_LOCALE: Record<Locale, Messages> = { 'zh-CN': zhCN, en }

export function messagesFor (locale: Locale): Messages {
  return BY_LOCALE[locale]
}

