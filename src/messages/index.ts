/**
 * Every user-facing sentence the bot says, per locale. Handlers pick a `Messages` and call it; they never
 * build text themselves. Each locale is typed `Messages`, so a key missing in one is a compile error.
 * Locale files import only types from here, so there is no runtime import cycle.
 */
import type { CommandName, CommandSpec } from '../domain/commands/catalog.ts'
import type { GroupField, UsageReason } from '../domain/commands/parser.ts'
import type { AgeRange } from '../domain/profile.ts'
import type { Role } from '../domain/roles.ts'
import type { CalendarMessages } from './calendar.ts'
import type { CouponMessages } from './coupons.ts'
import type { CrmMessages } from './crm.ts'
import { en } from './en.ts'
import { zhCN } from './zh-CN.ts'

export type * from './coupons.ts'
export type * from './crm.ts'

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
  /** The profile the person gave (SPEC 3.3); absent fields were not given. */
  profile?: ProfileData
  consented?: boolean
}

export interface ProfileData {
  city: string | null
  interests: string[]
  /** Already formatted for the reader ("1990-05-12", or "05-12" without a year). */
  birthday: string | null
  ageRange: AgeRange | null
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

/** Why the fraud checks held a referral reward for review (SPEC 3.4). */
export type FraudReason = 'burst' | 'silent-invitees'

/** The cause of a points-ledger row, as shown to customers (SPEC 3.6). */
export type PointsReasonKind = 'referral' | 'exchange' | 'adjust' | 'order' | 'expire' | 'refund'

export interface InviteProgressData {
  /** Referrals that qualified (new to the community, stayed the wait). */
  qualified: number
  /** Qualified referrals that earn the trial pack (3). */
  target: number
  /** Invitees still inside their wait (24 h by default). */
  pending: number
  /** The trial pack was sent. */
  rewarded: boolean
  /** A reward is held for operator review. */
  held: boolean
  /** The wait in hours; 24 when omitted (SPEC 3.4, configurable). */
  hours?: number
}

export interface ReferralProgressDmData {
  inviteeName: string
  qualified: number
  target: number
  /** Points earned for this referral; 0 leaves them out. */
  points: number
  /** The wait in hours; 24 when omitted. */
  hours?: number
}

/** One inviter in a group progress post; the platform @mentions the inviters at the start, in this order. */
export interface ReferralProgressEntry {
  qualified: number
  target: number
  points: number
}

export interface ReferralRewardData {
  /** The trial-pack gift coupon code: private, only ever sent by DM. */
  couponCode: string
  /** Points earned for the referral that completed the task; 0 leaves them out. */
  points: number
}

export interface HeldAlertData {
  inviterName: string
  /** Human text, usually `fraudReason(...)`. */
  reason: string
}

export interface LeaderboardEntry {
  name: string
  qualified: number
}

export interface PointsBalanceData {
  balance: number
  /** Newest first; `reason` is human text, usually `pointsReason(kind)`. */
  recent: ReadonlyArray<{ delta: number, reason: string }>
}

export interface RewardItem {
  sku: string
  name: string
  cost: number
  stock: number
}

export interface ExchangeData {
  itemName: string
  cost: number
  /** Balance after the exchange (ok) or now (not enough). */
  balance: number
}

export interface HeldItem {
  id: number
  inviterName: string
  /** Human text, usually `fraudReason(...)`. */
  reason: string
  qualified: number
  /** When it was held, already formatted for the reader ("5月1日 10:30"). */
  since: string
}

export interface PointsAdjustedData {
  name: string
  delta: number
  /** Balance after the change. */
  balance: number
}

/** Customer 360 for an operator (SPEC 3.3): everything already formatted for the reader. */
export interface CustomerCardData {
  id: number
  name: string | null
  erased: boolean
  phone: string | null
  profile: ProfileData
  consented: boolean
  subscribed: boolean
  friend: boolean
  groups: string[]
  orders: { count: number, total: number, recent: ReadonlyArray<{ at: string, total: number, items: string }> }
  coupons: { issued: number, usable: number }
  points: number
  referrals: { qualified: number, pending: number, invitedBy: string | null }
  messages: ReadonlyArray<{ at: string, incoming: boolean, text: string | null }>
}

/** Coupons, the content calendar / campaigns and the CRM add their texts (coupons*.ts, calendar*.ts, crm*.ts). */
export interface Messages extends CouponMessages, CalendarMessages, CrmMessages {
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

  /** Reply to /invite: "已邀请 2/3", invitees still waiting, and whether the reward was sent or is held. */
  inviteProgress(data: InviteProgressData): string
  /** DM to the inviter when one of their invitees qualifies. */
  referralProgressDm(data: ReferralProgressDmData): string
  /** One group post for several inviters; the platform @mentions them at the start, in the order of `entries`. */
  referralProgressGroup(entries: readonly ReferralProgressEntry[]): string
  /** DM with the trial-pack coupon code when the inviter reaches the target. */
  referralRewardDm(data: ReferralRewardData): string
  /** Group post for the rewarded inviter (@mentioned by the platform): never the code, only "check your DMs". */
  referralRewardGroup(): string
  /** To operators: a reward was held for review, why, and the commands to act on it. */
  referralHeldAlert(data: HeldAlertData): string
  fraudReason(reason: FraudReason): string
  /** This week's top inviters of this group, best first (the caller picks N); handles an empty board. */
  leaderboard(entries: readonly LeaderboardEntry[], weekLabel: string): string

  pointsBalance(data: PointsBalanceData): string
  /** The exchange catalog with the caller's balance; handles an empty catalog. */
  rewardsList(items: readonly RewardItem[], balance: number): string
  exchangeOk(data: ExchangeData): string
  exchangeNotEnough(data: ExchangeData): string
  exchangeOutOfStock(itemName: string): string
  /** To staff: someone exchanged points for an item that now has to reach them. */
  exchangeStaffAlert(data: { name: string, itemName: string }): string
  exchangeUnknown(item: string): string
  pointsReason(kind: PointsReasonKind): string

  /** Reply to /held: rewards waiting for review; handles an empty list. */
  heldList(items: readonly HeldItem[]): string
  heldApproved(id: number, inviterName: string): string
  heldRejected(id: number, inviterName: string): string
  /** No held reward with this id (wrong id, or already approved or rejected). */
  heldNotFound(id: number): string

  pointsAdjusted(data: PointsAdjustedData): string
  /** The deduction would take the balance below zero, so nothing changed. */
  pointsAdjustNegative(data: { name: string, balance: number }): string

  /** To operators, once the pause is over: the platform rate-limited this account from `sinceText` for about `minutes`. */
  rateLimitedAlert(account: string, sinceText: string, minutes: number): string
  /** To operators: a send may not have gone out before a crash and was deliberately not retried. */
  sendUncertainAlert(what: string): string
  /** A neutral acknowledgement in a group, where the details are the person's own business. */
  noted(): string
  internalError(): string

  customerCard(data: CustomerCardData): string
  customerNotFound(typed: string): string
}

const BY_LOCALE: Record<Locale, Messages> = { 'zh-CN': zhCN, en }

export function messagesFor (locale: Locale): Messages {
  return BY_LOCALE[locale]
}

