/** English CRM texts: a full translation of crm.zh-CN.ts. */
import type { AgeRange, ProfileStep } from '../domain/profile.ts'
import type { CouponOffer, CrmMessages } from './crm.ts'

export const AGE_RANGES: Record<AgeRange, string> = {
  'under-18': 'under 18',
  '18-24': '18-24',
  '25-34': '25-34',
  '35-44': '35-44',
  '45+': '45 or over',
}

const QUESTIONS: Record<ProfileStep, string> = {
  consent: '',
  city: 'Great! Which city do you live in? (e.g. Chengdu; reply "skip" to skip)',
  interests: 'What are you interested in? A few words, separated by commas (e.g. parenting, food, skincare)',
  birthday: 'When is your birthday? There is a gift on the day 🎁 (e.g. 1990-05-12 or 05-12; reply "skip" to skip)',
  'age-range': 'Last one: your age range? Reply with a number\n1. under 18\n2. 18-24\n3. 25-34\n4. 35-44\n5. 45 or over',
}

const UNCLEAR: Record<ProfileStep, string> = {
  consent: 'Reply "yes" to fill in the questions, or "no" if you\'d rather not.',
  city: 'Sorry, I did not get that. Just reply with your city, e.g. Chengdu ("skip" to skip).',
  interests: 'A few interests separated by commas, e.g. parenting, food ("skip" to skip).',
  birthday: 'Please write the date like 1990-05-12 or 05-12 ("skip" to skip).',
  'age-range': 'Reply with a number from 1 to 5 ("skip" to skip).',
}

const OPT_OUT = 'Reply TD to stop these messages.'

function couponLine (coupon: CouponOffer | null, what: string): string[] {
  return coupon === null ? [] : [`Here is ${what} (${coupon.title}): ${coupon.code}, valid until ${coupon.expires}; use it with your order.`]
}

export const crmEn: CrmMessages = {
  repurchaseReminder: ({ productName, daysSince, coupon }) =>
    [`You bought "${productName}" ${daysSince} days ago, so it may be running low. Time to restock?`, ...couponLine(coupon, 'a personal repurchase coupon'), OPT_OUT].join('\n'),
  careMessage: (productNames) =>
    [
      `Has your "${productNames.join('", "')}" arrived? Tip: have a look at the instructions first and follow the suggested use, it works best that way.`,
      'How do you like it? Just reply with your review, it helps us a lot 🙏',
      OPT_OUT,
    ].join('\n'),
  reactivationMessage: (name) =>
    `${name === null ? 'Hi' : `Hi ${name}`}, long time no see! There are new products and offers in the group, come and have a look 🌷 Message me any time.\n${OPT_OUT}`,
  birthdayGreeting: (name, coupon) =>
    [`🎂 Happy birthday${name === null ? '' : `, ${name}`}! Thank you for being with us, all the best for the year ahead.`, ...couponLine(coupon, 'a birthday coupon'), OPT_OUT].join('\n'),
  consentNotice: () =>
    [
      'To recommend the right content and offers, may we ask a few basics: your city, interests, birthday (optional) and age range?',
      '· Purpose: only personal recommendations, restock reminders, coupon expiry reminders, after-purchase care and follow-up (usage tips, review invitations), check-ins after a long silence and birthday gifts; never shared with third parties.',
      '· You may decline: reply "no"; every group service stays the same.',
      '· You may withdraw: reply TD to stop offers, send /erase to delete your data.',
      'Reply "yes" to agree.',
    ].join('\n'),
  profileQuestion: (step) => step === 'consent' ? crmEn.consentNotice() : QUESTIONS[step],
  profileUnclear: (step) => UNCLEAR[step],
  profileDone: () => 'All done, thank you 🙏 We will tell you first about offers that suit you. Send /whoami to see your profile.',
  profileDeclined: () => 'No problem, I will not ask again. Send /help any time to see what I can do.',
  ageRangeName: (range) => AGE_RANGES[range],
  eraseConfirm: () =>
    'This deletes your name, city, interests, birthday, age range, phone and chat history for good; order totals and points stay only as anonymous counts, and no more offers are sent.\n' +
    'To confirm, send: /erase confirm',
  erased: () => 'Your personal data and chat history are deleted 🙏 No more offers will be sent. I am here if you need anything.',
}
