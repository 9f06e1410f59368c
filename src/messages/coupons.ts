/**
 * The coupon texts' contract (SPEC 3.5): what each text is given. The texts themselves are in coupons.zh-CN.ts and
 * coupons.en.ts, spread into each locale's `Messages`.
 */
import type { Refusal } from '../domain/coupons.ts'

/** What a coupon's title is made of (its batch): a name, else the value says it. */
export interface CouponTitleData {
  name: string | null
  amount: number | null
  gift: string | null
  minSpend: number
}

export interface CouponDmData {
  title: string
  code: string
  /** Already formatted for the reader ("12-31 10:00"). */
  expires: string
  minSpend: number
  /** The welcome coupon on friendship. */
  welcome: boolean
  /** A replacement for a voided coupon. */
  reissue: boolean
}

export interface CouponExpiryData { title: string, code: string, expires: string }

/** What a refusal may mention; times are already formatted for the reader. */
export interface CouponRefusalData {
  code: string
  shared?: boolean
  usedAt?: string | null
  expires?: string | null
  validFrom?: string | null
  voidReason?: string | null
  minSpend?: number
  total?: number | null
  cap?: number | null
  perCustomer?: number
  /** When the lockout ends. */
  until?: string | null
  /** The lockout is the clerk's own (codes for nobody in particular): naming the customer still works. */
  typistLocked?: boolean
  /** The holder (or, for a shared code, the customer): for staff only; customers and the API get no names. */
  holderName?: string | null
}

/** A clerk's check: the coupon before it is redeemed. */
export interface CouponCheckData {
  code: string
  title: string
  /** The holder, or for a shared code the customer it is for. */
  holderName: string
  shared: boolean
  expires: string
  minSpend: number
  /** What the clerk gives: yuan off, or a gift (a batch's name need not say it). */
  amount: number | null
  gift: string | null
}

export interface CouponRedeemedData { code: string, title: string, holderName: string, at: string, amount: number | null, gift: string | null }

export interface MyCouponsData {
  /** `from`: when a coupon whose window starts later becomes usable (formatted), else null. */
  usable: ReadonlyArray<{ title: string, code: string, expires: string, from: string | null }>
  used: number
  expired: number
}

/** A batch as marketing sees it. */
export interface BatchData {
  code: string
  title: string
  shared: boolean
  minSpend: number
  /** Days from issue (unique batches), or null. */
  validDays: number | null
  /** The fixed end, formatted, or null. */
  ends: string | null
  perCustomer: number
  cap: number | null
  stacks: boolean
  streamer: string | null
}

export interface BatchListItem extends BatchData {
  /** Unique: coupons issued; shared: 0. */
  issued: number
  /** Unique: coupons redeemed; shared: uses. */
  redeemed: number
}

export type BatchProblemKind = 'code' | 'value' | 'validity' | 'ended' | 'window'
export type CouponIssueRefusal = 'unknown-batch' | 'shared' | 'ended' | 'limit' | 'cap-reached'
export type CouponVoidRefusal = 'typo' | 'not-found' | 'shared' | 'redeemed' | 'already-void'
export type CouponReissueRefusal = 'typo' | 'not-found' | 'shared' | 'not-void' | 'expired' | 'already'

/** The coupon texts (SPEC 3.5), kept in files of their own per locale (coupons.zh-CN.ts, coupons.en.ts). */
export interface CouponMessages {
  /** "30元无门槛券", "满199减30券", "试用装礼券", or the batch's own name. */
  couponTitle(data: CouponTitleData): string
  /** DM with a coupon's code (the welcome coupon, an operator's issue, a reissue): private, never in a group. */
  couponDm(data: CouponDmData): string
  /** The marketing DM 3 days before a coupon expires. */
  couponExpiryDm(data: CouponExpiryData): string
  /** Why a code was refused, in words a clerk understands. */
  couponRefusal(reason: Refusal, data: CouponRefusalData): string
  /** A clerk's check: value, owner, validity, and how to confirm. */
  couponChecked(data: CouponCheckData): string
  couponRedeemed(data: CouponRedeemedData): string
  /** "/核销 确认" with no check waiting. */
  couponNothingToConfirm(): string
  couponCustomerNotFound(name: string): string
  /** Reply to /我的券; handles no coupons. */
  myCoupons(data: MyCouponsData): string
  batchCreated(data: BatchData): string
  batchExists(code: string): string
  batchInvalid(problem: BatchProblemKind): string
  /** Reply to /券批次; handles no batches. */
  batchList(items: readonly BatchListItem[]): string
  /** To the operator: issued; the code goes to the customer by DM (now, or once they add the bot). */
  couponIssued(data: { name: string, title: string, friend: boolean }): string
  couponIssueRefused(reason: CouponIssueRefusal, data: { batch: string, name: string }): string
  couponVoided(data: { code: string, title: string, holderName: string }): string
  couponVoidRefused(reason: CouponVoidRefusal, data: { code: string, usedAt: string | null }): string
  couponReissued(data: { title: string, holderName: string, friend: boolean }): string
  couponReissueRefused(reason: CouponReissueRefusal, data: { code: string }): string
}
