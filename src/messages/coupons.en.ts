/** English coupon texts (SPEC 3.5), the same keys and tone as coupons.zh-CN.ts. */
import type { BatchData, BatchProblemKind, CouponIssueRefusal, CouponMessages, CouponReissueRefusal, CouponVoidRefusal } from './coupons.ts'

function plural (n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** Yuan as people write it: ¥30, ¥19.9. */
const yuan = (n: number): string => `¥${Math.round(n * 100) / 100}`

const BATCH_PROBLEMS: Record<BatchProblemKind, string> = {
  code: 'A batch code is 3-12 letters or digits, e.g. ANNA30.',
  value: 'Give either an amount (30) or a gift (gift=trial), not both.',
  validity: 'Say how long it is valid, e.g. 7d or until=12-31.',
  ended: 'That validity is already over; please check the date.',
  window: 'The start must be before the end.',
}

const MY_COUPONS_SHOWN = 10

/** What the clerk gives, said plainly (a batch's name need not say it). */
const benefit = (amount: number | null, gift: string | null): string => gift !== null ? `gift: ${gift}` : `${yuan(amount ?? 0)} off`

function batchLines (b: BatchData): string[] {
  const validity = b.ends !== null && b.validDays !== null && !b.shared ? `${plural(b.validDays, 'day', 'days')} from issue (at the latest ${b.ends})` : b.ends !== null ? `until ${b.ends}` : `${plural(b.validDays ?? 0, 'day', 'days')} from issue`
  return [
    `Kind: ${b.shared ? `shared code (customers enter ${b.code} at checkout)` : 'one code per customer'}`,
    `Value: ${b.title}${b.minSpend > 0 ? `, on orders of ${yuan(b.minSpend)} or more` : ''}`,
    `Valid: ${validity}`,
    `Per customer: ${b.perCustomer}; in all: ${b.cap === null ? 'no limit' : b.cap}; ${b.stacks ? 'stacks' : 'does not stack'} with other coupons`,
    ...(b.streamer !== null ? [`Streamer: ${b.streamer}`] : []),
  ]
}

const ISSUE_REFUSALS: Record<CouponIssueRefusal, (batch: string, name: string) => string> = {
  'unknown-batch': (batch) => `No coupon batch ${batch}; send /batch to see them.`,
  shared: (batch) => `${batch} is a shared code: nothing to issue, customers just enter ${batch} at checkout.`,
  ended: (batch) => `Batch ${batch} has expired and cannot be issued any more.`,
  limit: (batch, name) => `${name} already has ${batch} (limited per customer); nothing issued.`,
  'cap-reached': (batch) => `Batch ${batch} is all given out; nothing issued.`,
}

const VOID_REFUSALS: Record<CouponVoidRefusal, (code: string, usedAt: string | null) => string> = {
  typo: (code) => `The code ${code} has a typo (one character is off); please check it.`,
  'not-found': (code) => `No coupon ${code}; please check the code.`,
  shared: (code) => `${code} is a shared code (one code for everyone): there is no single coupon to void.`,
  redeemed: (_code, usedAt) => `That coupon was redeemed on ${usedAt ?? ''} and cannot be voided.`,
  'already-void': () => 'That coupon is already void.',
}

const REISSUE_REFUSALS: Record<CouponReissueRefusal, (code: string) => string> = {
  typo: (code) => `The code ${code} has a typo (one character is off); please check it.`,
  'not-found': (code) => `No coupon ${code}; please check the code.`,
  shared: (code) => `${code} is a shared code (one code for everyone): there is nothing to reissue.`,
  'not-void': (code) => `That coupon is not void. To replace it, first send /void ${code} REASON`,
  expired: () => 'That coupon has expired and cannot be reissued; use /issue to give a new one.',
  already: () => 'That coupon was reissued before; the new code went to its holder.',
}

export const couponsEn: CouponMessages = {
  couponTitle: ({ name, amount, gift, minSpend }) =>
    name ?? (gift !== null ? `${gift} gift coupon` : minSpend > 0 ? `${yuan(amount ?? 0)} off orders of ${yuan(minSpend)}+` : `${yuan(amount ?? 0)} off, no minimum`),
  couponDm: ({ title, code, expires, minSpend, welcome, reissue }) =>
    [
      reissue ? `Your coupon (${title}) has a new code 🎁 the old one is void:` : welcome ? `Thanks for adding me 🎉 here is your welcome coupon: ${title}` : `A coupon for you 🎁 ${title}`,
      `Code: ${code}`,
      `Valid until ${expires}${minSpend > 0 ? ` on orders of ${yuan(minSpend)} or more` : ''}. Enter it at checkout or show it in store; it is yours alone, please do not share it.`,
      'Send /mycoupons to see it any time.',
    ].join('\n'),
  couponExpiryDm: ({ title, code, expires }) =>
    `Reminder ⏰ your coupon (${title}) expires on ${expires} and has not been used yet.\nCode: ${code}\nReply TD to stop offers.`,
  couponRefusal (reason, d) {
    const who = d.holderName ?? 'This customer'
    switch (reason) {
      case 'typo': return `The code ${d.code} has a typo (one character is off); please check and enter it again.`
      case 'unknown': return `No coupon ${d.code}; please check the code.`
      case 'expired': return `That coupon expired on ${d.expires ?? ''}.`
      case 'not-yet-valid': return `That coupon can be used from ${d.validFrom ?? ''}.`
      case 'used': return d.shared
        ? `${who} already used ${d.code} on ${d.usedAt ?? ''}; it is ${plural(d.perCustomer ?? 1, 'use', 'uses')} per customer.`
        : `That coupon was redeemed on ${d.usedAt ?? ''} and cannot be used again.`
      case 'void': return `That coupon is void${d.voidReason ? ` (${d.voidReason})` : ''}.`
      case 'not-yours': return d.holderName ? `That coupon belongs to ${d.holderName}, not to this customer.` : 'That coupon does not belong to this customer.'
      case 'below-min-spend': return `Below the minimum spend: it needs ${yuan(d.minSpend ?? 0)}${d.total != null ? `, this order is ${yuan(d.total)}` : ''}.`
      case 'no-stacking': return 'This coupon does not stack with other coupons, and the order already has one.'
      case 'cap-reached': return `${d.code} is used up (${d.cap ?? 0} in all).`
      case 'locked': return `Too many wrong codes${d.holderName ? ` for ${d.holderName}` : ''}: coupon checks are paused until ${d.until ?? 'later'}.${d.typistLocked ? ` Naming the customer still works, e.g. /verify ${d.code} @customer` : ''}`
      case 'need-customer': return `${d.code} is a shared code, limited per customer: say whose it is, e.g. /verify ${d.code} @customer`
      case 'no-customer': return `The order's customer is not in the CRM, so the code ${d.code} was not redeemed.`
      case 'twice-on-order': return `The code ${d.code} is on this order twice: a code goes on an order once.`
    }
  },
  couponChecked: ({ code, title, holderName, shared, expires, minSpend, amount, gift }) =>
    [
      `Code: ${code}`,
      title,
      `Gives: ${benefit(amount, gift)}`,
      `${shared ? 'Customer' : 'Holder'}: ${holderName}`,
      `Valid until: ${expires}`,
      `Minimum spend: ${minSpend > 0 ? yuan(minSpend) : 'none'}`,
      'To redeem it, send /verify ok (within 5 minutes).',
    ].join('\n'),
  couponRedeemed: ({ code, title, holderName, at, amount, gift }) => `Redeemed ✅ ${holderName}'s coupon (${title}) at ${at}.\nGives: ${benefit(amount, gift)}\nCode: ${code}`,
  couponNothingToConfirm: () => 'Nothing to confirm: first send /verify CODE to see the coupon (then confirm within 5 minutes).',
  couponCustomerNotFound: (name) => `No customer named ${name}; @mention them or check the name.`,
  myCoupons ({ usable, used, expired }) {
    const others = [used > 0 ? `${used} used` : '', expired > 0 ? `${expired} expired` : ''].filter(Boolean).join(', ')
    if (usable.length === 0) return ['You have no coupons to use right now. Join our groups and invite friends to get some!', ...(others ? [`(${others})`] : [])].join('\n')
    const more = usable.length - MY_COUPONS_SHOWN
    return [
      `Your coupons (${usable.length} to use):`,
      ...usable.slice(0, MY_COUPONS_SHOWN).map((c, i) => `${i + 1}. ${c.title}: code ${c.code}, ${c.from !== null ? `usable from ${c.from}, ` : ''}expires ${c.expires}`),
      ...(more > 0 ? [`… and ${more} more`] : []),
      ...(others ? [`Also ${others}.`] : []),
      'Enter the code at checkout or show it in store.',
    ].join('\n')
  },
  batchCreated: (b) => [`Coupon batch ${b.code} created ✅`, ...batchLines(b), ...(b.shared ? [] : [`Issue: /issue @customer ${b.code}`])].join('\n'),
  batchExists: (code) => `A batch ${code} already exists; choose another code.`,
  batchInvalid: (problem) => BATCH_PROBLEMS[problem],
  batchList (items) {
    if (items.length === 0) return 'No coupon batches yet. Example: /batch create ANNA30 shared 30 7d streamer=anna cap=50'
    return [
      `Coupon batches (latest ${items.length}):`,
      ...items.map((b) => `· ${b.code} (${b.title}) ${b.shared
        ? `shared, used ${b.redeemed}${b.cap === null ? '' : `/${b.cap}`}`
        : `per customer, ${b.issued} issued, ${b.redeemed} redeemed`}${b.streamer !== null ? `, streamer ${b.streamer}` : ''}`),
      'Create: /batch create CODE VALUE options…',
    ].join('\n')
  },
  couponIssued: ({ name, title, friend }) =>
    `${name} got a coupon (${title}). ${friend ? 'The code went to them by private message.' : 'They are not a friend yet: the code goes to them once they add me.'}`,
  couponIssueRefused: (reason, { batch, name }) => ISSUE_REFUSALS[reason](batch, name),
  couponVoided: ({ code, title, holderName }) => `Voided ${holderName}'s coupon (${title}, code ${code}). To replace it, send /reissue ${code}`,
  couponVoidRefused: (reason, { code, usedAt }) => VOID_REFUSALS[reason](code, usedAt),
  couponReissued: ({ title, holderName, friend }) =>
    `Reissued ${holderName}'s coupon (${title}). ${friend ? 'The new code went to them by private message.' : 'They are not a friend yet: the new code goes to them once they add me.'}`,
  couponReissueRefused: (reason, { code }) => REISSUE_REFUSALS[reason](code),
}
