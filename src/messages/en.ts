/** English: a full translation of zh-CN.ts, same keys and the same friendly, short tone. */
import type { CommandName } from '../domain/commands/catalog.ts'
import type { GroupField, UsageReason } from '../domain/commands/parser.ts'
import type { Role } from '../domain/roles.ts'
import type { CommandText, FraudReason, Messages, PointsReasonKind, ProfileData } from './index.ts'
import { AGE_RANGES, crmEn } from './crm.en.ts'
import { couponsEn } from './coupons.en.ts'
import { calendarEn, calendarCommandsEn, calendarHintsEn } from './calendar-en.ts'

const ROLE_NAMES: Record<Role, string> = {
  owner: 'owner',
  admin: 'admin',
  operator: 'operator',
  marketer: 'marketer',
  staff: 'store staff',
  customer: 'customer',
}

/** For "X is now …": English needs the article, and "store staff" takes none. */
const ROLE_AS_NOUN: Record<Role, string> = {
  owner: 'an owner',
  admin: 'an admin',
  operator: 'an operator',
  marketer: 'a marketer',
  staff: 'store staff',
  customer: 'a customer',
}

const FIELD_NAMES: Record<GroupField, string> = {
  region: 'region',
  interests: 'interest tags',
  operator: 'operator',
  timezone: 'time zone',
  slots: 'post times',
}

const COMMANDS: Record<CommandName, CommandText> = {
  help: { word: '/help', args: '', summary: 'see what you can do', example: null },
  claim: { word: '/claim', args: 'CODE', summary: 'become the owner with the code printed at first start', example: '/claim K7Q2M9XD' },
  whoami: { word: '/whoami', args: '', summary: 'see your profile and subscription', example: null },
  group: { word: '/group', args: '[set region|interests|operator|timezone|slots VALUE]', summary: 'see or change this group\'s settings', example: '/group set slots 10:00 20:00' },
  role: { word: '/role', args: '@member ROLE', summary: 'set a staff role', example: '/role @Amy operator' },
  unsubscribe: { word: '/unsubscribe', args: '', summary: 'stop marketing messages (or just reply TD)', example: null },
  subscribe: { word: '/subscribe', args: '', summary: 'get offers by private message again', example: null },
  invite: { word: '/invite', args: '', summary: 'see your invite progress (invite 3 friends for a free trial pack)', example: null },
  leaderboard: { word: '/leaderboard', args: '', summary: 'see this week\'s top inviters in this group', example: null },
  points: { word: '/points', args: '', summary: 'see your points and recent activity', example: null },
  rewards: { word: '/rewards', args: '', summary: 'see what your points can buy', example: null },
  exchange: { word: '/exchange', args: 'ITEM', summary: 'exchange points for an item, by name or code', example: '/exchange cup-1' },
  held: { word: '/held', args: '', summary: 'see referral rewards held for review', example: null },
  approve: { word: '/approve', args: 'ID', summary: 'approve a held referral reward and send it', example: '/approve 12' },
  reject: { word: '/reject', args: 'ID [reason]', summary: 'reject a held referral reward', example: '/reject 12 fake invites' },
  adjust: { word: '/adjust', args: '@member ±POINTS reason', summary: 'add or deduct a member\'s points by hand', example: '/adjust @Amy +10 event make-up' },
  erase: { word: '/erase', args: '[confirm]', summary: 'delete my personal data and chat history', example: '/erase confirm' },
  customer: { word: '/customer', args: 'name|#id|phone', summary: 'see a customer\'s profile, orders, points and last messages', example: '/customer Amy' },
  verify: { word: '/verify', args: 'CODE [@customer] [amount] [ok]', summary: 'verify a coupon: see it first, then /verify ok', example: '/verify ANNA30 @Amy ¥199' },
  mycoupons: { word: '/mycoupons', args: '', summary: 'see your coupons and their codes', example: null },
  batch: { word: '/batch', args: '[create CODE VALUE options…]', summary: 'see or create coupon batches', example: '/batch create ANNA30 shared 30 7d streamer=anna cap=50' },
  issue: { word: '/issue', args: '@customer BATCH', summary: 'give a customer a coupon (the code goes to them by private message)', example: '/issue @Amy BDAY50' },
  void: { word: '/void', args: 'CODE reason', summary: 'void an unused coupon', example: '/void K7Q2-M9XD-P4RT-WX3E code leaked' },
  reissue: { word: '/reissue', args: 'CODE', summary: 'give a voided coupon a new code', example: '/reissue K7Q2-M9XD-P4RT-WX3E' },
  ...calendarCommandsEn,
}

const REASON_HINTS: Partial<Record<UsageReason, string>> = {
  'unknown-field': 'You can set: region, interests, operator, timezone, slots.',
  'invalid-value': 'That is too long, please shorten it.',
  'too-many-values': 'At most 10 interest tags.',
  'invalid-timezone': 'Unknown time zone; write it like Asia/Shanghai.',
  'invalid-time': 'Use 24-hour times, e.g. 10:00 20:00 (content first, then promo).',
  'invalid-role': 'Roles: admin, operator, marketer, staff, customer (removes the role).',
  'too-long': 'That message is too long.',
  'invalid-kind': 'That kind is not one I know.',
  'invalid-option': 'Write options as name:value, with something after the colon.',
  'invalid-date': 'Write days as 12-03, 2026-12-03, today or tomorrow.',
}

const ASK_ID = 'Use an ID from the /held list, e.g. 12.'

/** Where a reason means something particular for one command. */
const COMMAND_HINTS: Partial<Record<CommandName, Partial<Record<UsageReason, string>>>> = {
  group: { 'invalid-value': 'That is too long: a region or a tag is at most 20 characters.' },
  exchange: {
    'missing-argument': 'Say which item you want; send /rewards to see them.',
    'invalid-value': 'That item name is too long; send the name or the code (up to 40 characters).',
  },
  approve: { 'missing-argument': ASK_ID, 'invalid-value': ASK_ID, 'extra-argument': 'One at a time, please: send one ID per message.' },
  reject: { 'missing-argument': ASK_ID, 'invalid-value': 'Use a number from the /held list, and a reason of at most 200 characters.' },
  erase: { 'invalid-value': 'To confirm, send: /erase confirm', 'extra-argument': 'To confirm, send: /erase confirm' },
  customer: { 'missing-argument': 'Give the customer\'s name, #id or phone.' },
  adjust: {
    'missing-argument': 'Give the member, the points and a reason.',
    'invalid-value': 'Points must be a whole number other than 0, at most 100000 at a time; keep the name and reason short.',
  },
  verify: {
    'missing-argument': 'Give the code.',
    'extra-argument': 'One customer and one amount at a time.',
    'invalid-value': 'Not understood: write the code in one piece or in groups of 4, the amount as ¥199, the customer as @name (none too long).',
  },
  batch: {
    'unknown-action': 'Send /batch to list, or /batch create …',
    'missing-argument': 'Give the batch code, and either an amount (30) or a gift (gift=trial).',
    'invalid-value': 'Some option was not understood. Options: shared, 30, gift=X, min=199, nomin, 7d, until=12-31, per=2, cap=50, stack, streamer=X, channel=X, name=X (each once).',
  },
  issue: { 'missing-argument': 'Give the customer and the batch code.', 'invalid-value': 'That name or batch code is too long.' },
  void: { 'missing-argument': 'Give the code and why it is voided.', 'invalid-value': 'That code or reason is too long (reason up to 200 characters).' },
  reissue: { 'missing-argument': 'Give the voided code.' },
  ...calendarHintsEn,
}

/** The reason, on its own line above the usage, when there is something specific to say. */
function hint (name: CommandName, reason: UsageReason): string {
  const text = COMMAND_HINTS[name]?.[reason] ?? REASON_HINTS[reason]
  return text === undefined ? '' : `${text}\n`
}

/** Who may use a staff command, for the refusal. */
function allowedWho (name: CommandName): string {
  switch (name) {
    case 'role': return 'the owner and admins'
    case 'group': return 'this group\'s operator and admins'
    case 'held': case 'approve': case 'reject': case 'adjust': case 'customer': return 'operators and admins'
    case 'held': case 'approve': case 'reject': case 'adjust': return 'operators and admins'
    case 'verify': return 'store staff and admins'
    case 'batch': return 'marketers and admins'
    case 'issue': case 'void': case 'reissue': return 'operators, marketers and admins'
    case 'content': return 'operators, marketers and admins'
    case 'plan': return 'this group\'s operator and admins'
    case 'campaign': return 'marketers and admins'
    default: return 'store staff'
  }
}

const DEFAULT_WAIT_HOURS = 24
const HELD_SHOWN = 20

const FRAUD_REASONS: Record<FraudReason, string> = {
  // The default thresholds of SPEC 3.4.
  burst: 'more than 10 invites within 1 hour',
  'silent-invitees': 'invited people never spoke and soon left the group',
}

const POINTS_REASONS: Record<PointsReasonKind, string> = {
  referral: 'invited a friend',
  exchange: 'exchange',
  adjust: 'manual adjustment',
  order: 'purchase',
  expire: 'expired',
  refund: 'order refunded',
}

/** "Invited 2/3" up to the target; past it a plain count. */
function progress (qualified: number, target: number): string {
  return qualified <= target ? `Invited ${qualified}/${target}` : `${qualified} friends invited`
}

/** What is left to do, after the progress: "; invite 1 more for a free trial pack 🎁" or done. */
function remaining (qualified: number, target: number): string {
  const left = target - qualified
  if (left > 0) return ` — invite ${left} more for a free trial pack 🎁`
  return left === 0 ? ' — challenge complete 🎉 your trial pack follows within a day' : ' — keep inviting to earn more points'
}

function plural (n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

function signed (n: number): string {
  return n > 0 ? `+${n}` : String(n)
}

const WHOAMI_GROUPS = 10

/** "/claim CODE, e.g. /claim K7Q2M9XD" */
function syntaxWithExample (text: CommandText): string {
  const syntax = text.args === '' ? text.word : `${text.word} ${text.args}`
  return text.example === null ? syntax : `${syntax}, e.g. ${text.example}`
}

function listNames (names: string[], max: number): string {
  const shown = names.slice(0, max).join(', ')
  return names.length > max ? `${shown} and ${names.length - max} more` : shown
}

function profileLines (p: ProfileData): string[] {
  return [
    `City: ${p.city ?? 'not given'}`,
    `Interests: ${p.interests.length === 0 ? 'not given' : p.interests.join(', ')}`,
    `Birthday: ${p.birthday ?? 'not given'}`,
    `Age range: ${p.ageRange === null ? 'not given' : AGE_RANGES[p.ageRange]}`,
  ]
}

const yuan = (n: number): string => `¥${n.toFixed(2)}`

export const en: Messages = {
  ...calendarEn,
  commands: COMMANDS,
  ...couponsEn,
  ...crmEn,
  roleName: (role) => ROLE_NAMES[role],
  fieldName: (field) => FIELD_NAMES[field],

  // The platform @mentions the newcomers at the start of the message, so their names are not repeated.
  welcome: (count) =>
    `Welcome to the group${count > 1 ? ', everyone' : ''}! 🎉\n` +
    'Tap my avatar and add me as a friend to get a ¥50 no-minimum-spend coupon 🎁\n' +
    'Send /help to see what I can do for you.',
  friendGreeting: (name) =>
    `${name === null ? 'Hi' : `Hi ${name}`}, thanks for adding me! I'm the brand's customer-service assistant.\nSend /help to see what I can do.`,

  help (specs, role) {
    const lines = specs.map((spec) => {
      const text = COMMANDS[spec.name]
      const example = text.example === null ? '' : ` (e.g. ${text.example})`
      return `${text.word} — ${text.summary}${example}`
    })
    return [`Commands you can use (role: ${ROLE_NAMES[role]}):`, ...lines, 'Chinese commands work too, e.g. /帮助.'].join('\n')
  },
  usage: (name, reason) => `${hint(name, reason)}Usage: ${syntaxWithExample(COMMANDS[name])}`,
  unknownCommand: (word) => `There is no /${word} command. Send /help to see what you can use.`,
  notAllowed: (name) => `Sorry, this command is only for ${allowedWho(name)}.`,
  onlyInGroup: (name) => `Please send ${COMMANDS[name].word} in the group.`,
  onlyInDm: (name) => `To protect your privacy, please send ${COMMANDS[name].word} to me in a private chat.`,

  claimOk: () => 'Claimed 🎉 You are now the owner. Send /help to see the admin commands.',
  claimBad: () => 'That code is not valid or no longer works. Please check it and try again.',
  claimAlreadyOwned: () => 'This account already has an owner. Please contact them if you need help.',

  whoami ({ name, role, groups, subscribed, friend, profile, consented }) {
    return [
      `${name}, here is your profile:`,
      `Role: ${ROLE_NAMES[role]}`,
      `Groups: ${groups.length === 0 ? 'none yet' : listNames(groups, WHOAMI_GROUPS)}`,
      ...(profile === undefined ? [] : profileLines(profile)),
      `Friend: ${friend ? 'yes' : 'no'}`,
      `Offers by private message: ${subscribed ? 'on (reply TD to stop)' : 'off (send /subscribe to turn on)'}`,
      ...(consented === false ? ['Profile consent: not given (no personal recommendations)'] : []),
      ...(profile === undefined ? [] : ['Send /erase to delete your data and chat history.']),
    ].join('\n')
  },

  groupShow (g) {
    return [
      `Settings of "${g.topic}":`,
      `Region: ${g.region ?? 'not set'}`,
      `Interest tags: ${g.interests.length === 0 ? 'not set' : g.interests.join(', ')}`,
      `Operator: ${g.operatorName ?? 'not assigned'}`,
      `Time zone: ${g.timezone}`,
      `Post times: content ${g.contentSlot}, promo ${g.promoSlot}`,
    ].join('\n')
  },
  groupUpdated: (field, valueText) => `Updated this group's ${FIELD_NAMES[field]}: ${valueText}`,
  groupOperatorNotFound: (name) => `Could not find "${name}". Please @mention them in the group and try again.`,
  groupNotRegistered: () => 'This group is not registered yet. Please ask an admin to add it first.',

  roleGranted: (name, role) =>
    role === 'customer' ? `${name} no longer has a staff role.` : `${name} is now ${ROLE_AS_NOUN[role]}.`,
  roleTargetNotFound: (name) => `Could not find "${name}". Please @mention them or check the name and try again.`,
  roleCannotGrant: () => 'Sorry, you cannot set this role.',

  unsubscribed: () => 'You will no longer get marketing messages from us. Group posts are not affected. Send /subscribe any time to turn them back on.',
  subscribed: () => 'You will get our offers by private message again. We will tell you about good deals first!',
  alreadyUnsubscribed: () => 'You have already unsubscribed from marketing messages. Send /subscribe any time to turn them back on.',
  alreadySubscribed: () => 'You are already getting our offers.',

  inviteProgress ({ qualified, target, pending, rewarded, held, hours = DEFAULT_WAIT_HOURS }) {
    const lines = [`${progress(qualified, target)}${remaining(qualified, target)}`]
    if (pending > 0) {
      lines.push(`${plural(pending, 'more friend has', 'more friends have')} joined less than ${hours} hours ago; they count once they reach ${hours} hours.`)
    }
    if (held) lines.push('Your referral reward is being reviewed; we will send it as soon as it is approved.')
    if (rewarded) lines.push('Your trial-pack coupon was sent to you by private message. Keep inviting to earn more points!')
    else if (!held && qualified >= target) lines.push('Your trial-pack coupon is on its way; watch your private messages.')
    if (!held && qualified < target) lines.push(`How: bring friends who are new to our groups into this group; each counts once they stay ${hours} hours.`)
    return lines.join('\n')
  },
  referralProgressDm: ({ inviteeName, qualified, target, points, hours = DEFAULT_WAIT_HOURS }) =>
    `${inviteeName}, whom you invited, has now been in the group for ${hours} hours. ${progress(qualified, target)}${remaining(qualified, target)}` +
    (points > 0 ? `\nYou earned ${points} points; send /points to see them.` : ''),
  referralProgressGroup (entries) {
    const line = (e: { qualified: number, target: number, points: number }): string =>
      `${progress(e.qualified, e.target).toLowerCase()}${e.points > 0 ? `, +${e.points} points` : ''}`
    const [only] = entries
    if (entries.length === 1 && only !== undefined) return `Invite progress: ${line(only)}${remaining(only.qualified, only.target)}`
    return ['Invite progress:', ...entries.map((e, i) => `No. ${i + 1}: ${line(e)}`)].join('\n')
  },
  referralRewardDm: ({ couponCode, points }) =>
    [
      'Congratulations 🎉 Challenge complete! Here is your trial-pack gift coupon:',
      `Code: ${couponCode}`,
      'Use it with your order or show it in store to get your free trial pack. The code is for you only, please do not share it.',
      ...(points > 0 ? [`You also earned ${points} points; send /points to see them.`] : []),
    ].join('\n'),
  // No code here: a group is public, and the code is the reward itself.
  referralRewardGroup: () =>
    'Challenge complete 🎉 Your trial-pack coupon is ready: tap my avatar and add me as a friend, and the code comes to you by private message.',
  referralHeldAlert: ({ inviterName, reason }) =>
    `[Review] The referral reward of "${inviterName}" is on hold. Reason: ${reason}\n` +
    'Send /held to see the list, /approve ID to send the reward, /reject ID reason to refuse it.',
  fraudReason: (reason) => FRAUD_REASONS[reason],
  leaderboard (entries, weekLabel) {
    if (entries.length === 0) return `No one is on this week's invite board yet (since ${weekLabel}). Invite friends and be the first 💪\nSend /invite to see your progress.`
    const medals = ['🥇', '🥈', '🥉']
    return [
      `🏆 This week's top inviters (since ${weekLabel})`,
      ...entries.map((e, i) => `${medals[i] ?? `${i + 1}.`} ${e.name}: ${plural(e.qualified, 'invite', 'invites')}`),
      'Send /invite to see your progress.',
    ].join('\n')
  },

  pointsBalance: ({ balance, recent }) =>
    [
      `Your points: ${balance}`,
      ...(recent.length === 0 ? ['No activity yet'] : ['Recent activity:', ...recent.map((r) => `${signed(r.delta)} ${r.reason}`)]),
      'Send /rewards to see what you can get.',
    ].join('\n'),
  rewardsList (items, balance) {
    if (items.length === 0) return `No rewards to exchange yet; check back soon!\nYour points: ${balance}`
    const example = items.find((i) => i.stock > 0) ?? items[0]!
    return [
      `Rewards 🎁 (your points: ${balance})`,
      ...items.map((i) => `· ${i.name} (code ${i.sku}): ${i.cost} points, ${i.stock > 0 ? `${i.stock} left` : 'out of stock'}`),
      `To exchange, send /exchange NAME-OR-CODE, e.g. /exchange ${example.sku}`,
    ].join('\n')
  },
  exchangeOk: ({ itemName, cost, balance }) =>
    `Done 🎉 You exchanged ${cost} points for "${itemName}"; ${balance} points left.\nWe will tell you by private message how to collect it.`,
  exchangeNotEnough: ({ itemName, cost, balance }) =>
    `Not enough points yet: "${itemName}" costs ${cost} and you have ${balance}` +
    `${cost > balance ? `, ${cost - balance} to go` : ''}.\nInvite friends to earn points; send /invite to see your progress.`,
  exchangeOutOfStock: (itemName) => `"${itemName}" is out of stock. Send /rewards to see other items.`,
  exchangeStaffAlert: ({ name, itemName }) => `[Exchange] ${name} exchanged points for "${itemName}". Please arrange it and tell them by DM how to collect it.`,
  exchangeUnknown: (item) => `Could not find an item called "${item}". Send /rewards to see the items and their codes.`,
  pointsReason: (kind) => POINTS_REASONS[kind],

  heldList (items) {
    if (items.length === 0) return 'No referral rewards are waiting for review 👍'
    const more = items.length - HELD_SHOWN
    return [
      `Referral rewards held for review (${items.length}):`,
      ...items.slice(0, HELD_SHOWN).map((h) => `#${h.id} ${h.inviterName}: ${plural(h.qualified, 'qualified invite', 'qualified invites')}, reason: ${h.reason} (${h.since})`),
      ...(more > 0 ? [`…and ${more} more; send /held again once these are done.`] : []),
      `Send /approve ID to send the reward, /reject ID reason to refuse it, e.g. /approve ${items[0]!.id}`,
    ].join('\n')
  },
  heldApproved: (id, inviterName) => `Approved #${id}: the referral reward of "${inviterName}" is being sent now.`,
  heldRejected: (id, inviterName) => `Rejected #${id}: the referral reward of "${inviterName}" will not be sent.`,
  heldNotFound: (id) => `There is no held reward #${id}; the ID may be wrong or it was already handled. Send /held to see the list.`,

  pointsAdjusted: ({ name, delta, balance }) =>
    `${delta >= 0 ? `Added ${delta} points to` : `Deducted ${-delta} points from`} ${name}; balance now ${balance}.`,
  pointsAdjustNegative: ({ name, balance }) =>
    `Not changed: ${name} has only ${balance} points, and points cannot go below zero.`,

  rateLimitedAlert: (account, sinceText, minutes) =>
    `[Alert] From ${sinceText} the platform rate-limited account "${account}" (too many actions). Sending paused itself for about ${minutes} min; messages waited in the queue and are going out again now. If this repeats, send less or add an account.`,
  sendUncertainAlert: (what) =>
    `[Alert] This message may not have gone out before the system restarted: ${what}\nIt was not resent automatically, to avoid a duplicate. Please check and handle it by hand.`,
  noted: () => 'Got it, done.',
  internalError: () => 'Sorry, something went wrong on our side. Please try again later.',

  customerCard (c) {
    return [
      `Customer #${c.id} ${c.name ?? '(no name)'}${c.erased ? ' (personal data erased)' : ''}`,
      ...(c.phone === null ? [] : [`Phone: ${c.phone}`]),
      ...profileLines(c.profile),
      `Friend: ${c.friend ? 'yes' : 'no'} | Consent: ${c.consented ? 'given' : 'not given'} | Offers: ${c.subscribed ? 'on' : 'off'}`,
      `Groups: ${c.groups.length === 0 ? 'none' : listNames(c.groups, WHOAMI_GROUPS)}`,
      `Orders: ${c.orders.count}, ${yuan(c.orders.total)} in all`,
      ...c.orders.recent.map((o) => `  ${o.at} ${yuan(o.total)} ${o.items}`),
      `Coupons: ${c.coupons.issued} (${c.coupons.usable} usable) | Points: ${c.points}`,
      `Referrals: ${c.referrals.qualified} qualified, ${c.referrals.pending} pending${c.referrals.invitedBy === null ? '' : ` | invited by ${c.referrals.invitedBy}`}`,
      `Last messages:${c.messages.length === 0 ? ' none' : ''}`,
      ...c.messages.map((msg) => `  ${msg.at} ${msg.incoming ? 'customer' : 'bot'}: ${msg.text ?? '(erased)'}`),
    ].join('\n')
  },
  customerNotFound: (typed) => `No customer "${typed}" found, or not in your groups. Search by name, #id or phone.`,
}
