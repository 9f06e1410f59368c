/** English: a full translation of zh-CN.ts, same keys and the same friendly, short tone. */
import type { CommandName } from '../domain/commands/catalog.ts'
import type { GroupField, UsageReason } from '../domain/commands/parser.ts'
import type { Role } from '../domain/roles.ts'
import type { CommandText, Messages } from './index.ts'

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
}

const REASON_HINTS: Partial<Record<UsageReason, string>> = {
  'unknown-field': 'You can set: region, interests, operator, timezone, slots.',
  'invalid-value': 'That is too long, please shorten it.',
  'too-many-values': 'At most 10 interest tags.',
  'invalid-timezone': 'Unknown time zone; write it like Asia/Shanghai.',
  'invalid-time': 'Use 24-hour times, e.g. 10:00 20:00 (content first, then promo).',
  'invalid-role': 'Roles: admin, operator, marketer, staff, customer (removes the role).',
  'too-long': 'That message is too long.',
}

/** The reason, on its own line above the usage, when there is something specific to say. */
function hint (name: CommandName, reason: UsageReason): string {
  const text = name === 'group' && reason === 'invalid-value' ? 'That is too long: a region or a tag is at most 20 characters.' : REASON_HINTS[reason]
  return text === undefined ? '' : `${text}\n`
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

export const en: Messages = {
  commands: COMMANDS,
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
  notAllowed (name) {
    const who = name === 'role' ? 'the owner and admins' : name === 'group' ? 'this group\'s operator and admins' : 'store staff'
    return `Sorry, this command is only for ${who}.`
  },
  onlyInGroup: (name) => `Please send ${COMMANDS[name].word} in the group.`,
  onlyInDm: (name) => `To protect your privacy, please send ${COMMANDS[name].word} to me in a private chat.`,

  claimOk: () => 'Claimed 🎉 You are now the owner. Send /help to see the admin commands.',
  claimBad: () => 'That code is not valid or no longer works. Please check it and try again.',
  claimAlreadyOwned: () => 'This account already has an owner. Please contact them if you need help.',

  whoami ({ name, role, groups, subscribed, friend }) {
    return [
      `${name}, here is your profile:`,
      `Role: ${ROLE_NAMES[role]}`,
      `Groups: ${groups.length === 0 ? 'none yet' : listNames(groups, WHOAMI_GROUPS)}`,
      `Friend: ${friend ? 'yes' : 'no'}`,
      `Offers by private message: ${subscribed ? 'on (reply TD to stop)' : 'off (send /subscribe to turn on)'}`,
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

  rateLimitedAlert: (account, sinceText, minutes) =>
    `[Alert] From ${sinceText} the platform rate-limited account "${account}" (too many actions). Sending paused itself for about ${minutes} min; messages waited in the queue and are going out again now. If this repeats, send less or add an account.`,
  sendUncertainAlert: (what) =>
    `[Alert] This message may not have gone out before the system restarted: ${what}\nIt was not resent automatically, to avoid a duplicate. Please check and handle it by hand.`,
  internalError: () => 'Sorry, something went wrong on our side. Please try again later.',
}
