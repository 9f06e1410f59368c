/**
 * The CRM's texts (SPEC 3.3, 3.7): repurchase reminders, lifecycle DMs, the consent notice and profile questions, and
 * deleting one's data. The texts are in crm.zh-CN.ts and crm.en.ts, spread into each locale's `Messages`.
 */
import type { AgeRange, ProfileStep } from '../domain/profile.ts'

/** A personal coupon that comes with a marketing DM (repurchase reminder, birthday gift). */
export interface CouponOffer {
  code: string
  /** `couponTitle` of its batch, e.g. "满99减20券". */
  title: string
  /** Already formatted for the reader ("12-31 10:00"). */
  expires: string
}

export interface RepurchaseReminderData {
  productName: string
  /** Days since the purchase the reminder follows. */
  daysSince: number
  coupon: CouponOffer | null
}

export interface CrmMessages {
  repurchaseReminder(data: RepurchaseReminderData): string
  /** The day after a purchase: usage tips and a review invitation. */
  careMessage(productNames: readonly string[]): string
  /** No order and no message for a long time. */
  reactivationMessage(name: string | null): string
  birthdayGreeting(name: string | null, coupon: CouponOffer | null): string
  /** PIPL: what is collected, why, how to decline, how to delete; asks for agreement. */
  consentNotice(): string
  profileQuestion(step: ProfileStep): string
  /** The reply did not read as an answer to `step`: ask again, with how to skip. */
  profileUnclear(step: ProfileStep): string
  profileDone(): string
  /** Declined the notice, or stopped the questions: fine, nothing more is asked. */
  profileDeclined(): string
  ageRangeName(range: AgeRange): string
  /** /删除我的数据 without the confirmation: what will be erased and how to confirm. */
  eraseConfirm(): string
  erased(): string
}
