/**
 * Queue contracts: names, job names and a zod schema per payload. Payloads carry ids only;
 * the database holds the state.
 */
import { z } from 'zod'

/** Work any worker process can do. */
export const SCHEDULING_QUEUE = 'scheduling'

/** Sends of one chat account, consumed only by the process that runs that account's puppet. */
export function outboxQueueName (accountKey: string): string {
  return `outbox-${accountKey}`
}

export const jobPayloads = {
  /** Release one outbox row through the governor and the puppet of `account` (its outbox queue). */
  send: z.object({ outboxId: z.number().int().positive(), account: z.string().min(1) }),
  /** Decide a pending referral when its hold period is over (qualified, or already rejected). */
  'referral-check': z.object({ referralId: z.number().int().positive() }),
  /** Decide an inviter's trial pack, a settling window after they reached the target (grant, or hold for review). */
  'reward-check': z.object({ inviterId: z.number().int().positive() }),
  /** Close a group's notice batch (a welcome, referral notices) and post one message @mentioning everyone in it. */
  'notice-flush': z.object({ batchId: z.number().int().positive() }),
  /** Daily: plan the repurchase reminders that fall due (one set-based statement over the CRM). */
  'reminders-plan': z.object({}),
  /** Hourly: send what is due through the marketing DM gate (birthdays, reminders, care, reactivation). */
  'crm-dm-pass': z.object({}),
  /** Recurring: remind holders of coupons expiring within 3 days, through the marketing DM gate (set-based). */
  'coupon-expiry-reminders': z.object({}),
  /** The daily-cadence planning pass (recurring): plan today and tomorrow for every group, queue the post jobs. */
  'content-plan': z.object({}),
  /** Post one planned slot; `dueAt` (ms) is the time it was queued for: a moved slot's old job does nothing. */
  post: z.object({ postId: z.number().int().positive(), dueAt: z.number().int().nonnegative() }),
  /** A campaign's window began: approved/scheduled -> running. */
  'campaign-start': z.object({ campaignId: z.number().int().positive() }),
  /** A campaign's window ended: done, the lottery drawn, group-buys settled, results queued per group. */
  'campaign-end': z.object({ campaignId: z.number().int().positive() }),
  /** Post a campaign's result (lottery winners, a group-buy that did not form) in one group, once. */
  'campaign-announce': z.object({ campaignId: z.number().int().positive(), groupId: z.number().int().positive() }),
} as const

export type JobName = keyof typeof jobPayloads
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloads)[N]>

/** Which kind of queue each job runs on. */
export const jobQueueKind: Record<JobName, 'scheduling' | 'outbox'> = {
  send: 'outbox',
  'referral-check': 'scheduling',
  'reward-check': 'scheduling',
  'notice-flush': 'scheduling',
  'reminders-plan': 'scheduling',
  'crm-dm-pass': 'scheduling',
  'coupon-expiry-reminders': 'scheduling',
  'content-plan': 'scheduling',
  post: 'scheduling',
  'campaign-start': 'scheduling',
  'campaign-end': 'scheduling',
  'campaign-announce': 'scheduling',
}

/** Job ids are business keys; BullMQ refuses ':' in custom ids. */
export function jobId (...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/[:\s]/g, '_')).join('-')
}
