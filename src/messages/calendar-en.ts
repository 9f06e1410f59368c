/** English texts of the content calendar and campaigns (calendar.ts): a full translation of calendar-zh-CN.ts. */
import type { CampaignKind, CampaignProblem, CampaignStatus } from '../domain/campaigns.ts'
import type { PostKind, SkipReason } from '../domain/content-calendar.ts'
import type { ContentProblem } from '../domain/content-items.ts'
import type { CommandName } from '../domain/commands/catalog.ts'
import type { UsageReason } from '../domain/commands/parser.ts'
import type { CommandText } from './index.ts'
import { clip, planBlocks, type CalendarMessages, type CampaignSummary, type CampaignTargetText, type PlanSlot } from './calendar.ts'

const KIND_NAMES: Record<PostKind, string> = { content: 'content', promo: 'promo' }

const CAMPAIGN_KINDS: Record<CampaignKind, string> = {
  flash_sale: 'flash sale', new_product: 'new product', group_buy: 'group-buy', lottery: 'lottery', holiday: 'holiday sale',
}

const CAMPAIGN_STATUSES: Record<CampaignStatus, string> = {
  draft: 'draft (awaiting approval)', approved: 'approved', scheduled: 'scheduled', running: 'running', done: 'done', cancelled: 'cancelled',
}

const SKIP_REASONS: Record<SkipReason, string> = {
  operator: 'skipped by hand', 'no-item': 'nothing to post', 'joined-late': 'group registered after the slot', missed: 'missed its time',
  'group-inactive': 'group inactive', withdrawn: 'item withdrawn',
}

const CONTENT_PROBLEMS: Record<ContentProblem, string> = {
  text: 'the text is empty',
  'too-long': 'the text is longer than 2000 characters',
  url: 'links and images must start with http:// or https://',
  region: 'the region must be at most 20 characters',
  interests: 'at most 10 interest tags of up to 20 characters each',
  validity: 'the validity must start before it ends',
}

const CAMPAIGN_PROBLEMS: Record<CampaignProblem, string> = {
  window: 'the end must be after the start',
  ended: 'that time is already over',
  'too-long': 'a campaign lasts at most 90 days',
  text: 'write the campaign text (up to 1000 characters)',
  name: 'the name must be at most 40 characters',
  priority: 'the priority must be a whole number from -100 to 100',
  keyword: 'a lottery needs a keyword (up to 20 characters, no spaces, e.g. keyword:lucky)',
  winners: 'a lottery needs a number of winners (1-1000, e.g. winners:3)',
  'group-size': 'a group-buy needs a team size (2-500, e.g. size:5)',
  target: 'say which groups it is for (groups:all, groups:here, groups:NAME or tags:parenting)',
  options: 'keyword, winners and prize are for lotteries only, size for group-buys only',
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

const kindsText = (kinds: readonly PostKind[]): string => kinds.map((k) => KIND_NAMES[k]).join(' and ')

function tagsText (region: string | null, interests: readonly string[]): string {
  const tags = [...(region ? [region] : []), ...interests]
  return tags.length === 0 ? 'every group' : tags.join(', ')
}

function targetText (t: CampaignTargetText): string {
  switch (t.kind) {
    case 'all': return 'every group'
    case 'tags': return `groups tagged ${t.tags.join(', ')}`
    case 'list': return `${t.count} chosen group${t.count === 1 ? '' : 's'}`
  }
}

const window = (c: CampaignSummary): string => `${c.startText} to ${c.endText}`

function slotLine (s: PlanSlot): string {
  const what = s.campaignId !== null
    ? `campaign "${s.campaignName ?? s.campaignId}"`
    : s.itemId !== null ? `#${s.itemId} ${clip(s.itemText ?? '', 24)}` : ''
  const reason = SKIP_REASONS[s.skipReason ?? 'operator']
  // Nothing was chosen: say why instead of an empty line.
  if (what === '') return `  ${s.time} ${KIND_NAMES[s.kind]} ${s.state === 'skipped' ? `⚠️ not posted: ${reason}` : '⚠️ nothing to post'}`
  return `  ${s.time} ${KIND_NAMES[s.kind]} ${what}${s.state === 'posted' ? ' (posted)' : s.state === 'skipped' ? ` (${reason})` : ''}`
}

/** How /内容, /计划, /活动 and /拼团 read in help and usage lines (part of the locale's command table). */
export const calendarCommandsEn: Pick<Record<CommandName, CommandText>, 'content' | 'plan' | 'campaign' | 'groupbuy'> = {
  content: { word: '/content', args: '[add content|promo TEXT|list|ID|retire ID]', summary: 'manage the content library (the daily content and promo posts come from it)', example: '/content add content #parenting 3 myths about first solid foods' },
  plan: { word: '/plan', args: '[skip|replace DAY content|promo]', summary: 'see this group\'s posts for today and the next 7 days, or change one', example: '/plan skip tomorrow content' },
  campaign: { word: '/campaign', args: '[new KIND START END TEXT|ID|approve ID|cancel ID]', summary: 'create, approve and manage campaigns', example: '/campaign new flash 12-12 20:00 2h groups:all Flash sale tonight at 8, 50% off!' },
  groupbuy: { word: '/groupbuy', args: '', summary: 'join the group-buy running in this group', example: null },
}

/** Usage hints of those commands, by reason (part of the locale's hints). */
export const calendarHintsEn: Partial<Record<CommandName, Partial<Record<UsageReason, string>>>> = {
  content: {
    'unknown-action': 'You can: add, list, show ID, retire ID.',
    'missing-argument': 'Give the kind and the text, e.g. /content add content 3 myths about first solid foods.',
    'invalid-kind': 'The kind is content or promo.',
    'invalid-value': 'IDs are numbers; the text is at most 2000 characters, at most 10 tags of 20 characters, links start with http.',
    'invalid-option': 'Options go before the text, e.g. region:Chengdu tags:parenting,baby link:https://… valid:12-01~12-31.',
    'extra-argument': 'One item at a time: give one ID.',
  },
  plan: {
    'unknown-action': 'You can: skip, replace.',
    'missing-argument': 'Give the day and the kind, e.g. /plan skip tomorrow content.',
    'invalid-value': 'Days are today, tomorrow or 12-03; kinds are content or promo; item IDs are numbers.',
    'extra-argument': 'One slot at a time: one day and one kind (and, to replace, one item ID).',
  },
  campaign: {
    'unknown-action': 'You can: new, list, all, show ID, approve ID, cancel ID.',
    'missing-argument': 'In order: kind, start day, start time, end, text, e.g. /campaign new flash 12-12 20:00 2h Flash sale tonight.',
    'invalid-kind': 'Kinds: flash, new, groupbuy, lottery, holiday.',
    'invalid-time': 'Times are 20:00; the end can be 2h, 3d, 22:00 or 12-13 10:00.',
    'invalid-date': 'The start is like 12-12 20:00 or tomorrow 10:00, or now.',
    'invalid-option': 'Options go before the text, e.g. groups:all tags:parenting priority:5 keyword:lucky winners:3 prize:mug size:5.',
    'invalid-value': 'IDs and numbers are whole numbers; use groups or tags, not both; names up to 40 characters, texts up to 1000, links start with http.',
    'extra-argument': 'One campaign at a time: give one ID.',
  },
}

export const calendarEn: CalendarMessages = {
  postKindName: (kind) => KIND_NAMES[kind],
  campaignKindName: (kind) => CAMPAIGN_KINDS[kind],
  campaignStatusName: (status) => CAMPAIGN_STATUSES[status],

  itemPost: ({ text, imageUrl, linkUrl }) => [text, ...(linkUrl ? [`🔗 ${linkUrl}`] : []), ...(imageUrl ? [`📷 ${imageUrl}`] : [])].join('\n'),
  campaignPost (d) {
    const head: Record<CampaignKind, string> = {
      flash_sale: `⚡Flash sale | ${d.name}`, new_product: `🆕New | ${d.name}`, group_buy: `👥Group-buy | ${d.name}`, lottery: `🎁Lottery | ${d.name}`, holiday: `🎉${d.name}`,
    }
    const how: Record<CampaignKind, string | null> = {
      flash_sale: `⏰ Ends ${d.endsText}, while stocks last`,
      new_product: null,
      group_buy: `Send /groupbuy to join; ${d.groupSize ?? ''} people make a team; ends ${d.endsText}`,
      lottery: `Reply "${d.keyword ?? ''}" in this group to enter; draw at ${d.endsText}, ${d.winners ?? ''} winner(s)${d.prize ? `, prize: ${d.prize}` : ''}`,
      holiday: `Until ${d.endsText}`,
    }
    return [head[d.kind], d.text, ...(how[d.kind] ? [how[d.kind]!] : []), ...(d.linkUrl ? [`🔗 ${d.linkUrl}`] : []), ...(d.imageUrl ? [`📷 ${d.imageUrl}`] : [])].join('\n')
  },
  noContentAlert: ({ topic, date, kinds }) =>
    `[Content] "${topic}" has no ${kindsText(kinds)} to post on ${date}: nothing in the library fits the group's region/interests without repeating a post of the last 30 days; slots whose time has come were skipped.\n` +
    'Add items with /content add content TEXT and the slots still to come will use them; send /plan in the group to see its plan.',
  groupSlotQuiet: ({ earliest, latest }) =>
    `Posts must stay out of quiet hours (22:00-08:00): choose times from ${earliest} to ${latest}, e.g. /group set slots 10:00 20:00 (content first, then promo).`,

  contentAdded: ({ id, kind, region, interests, duplicate }) => duplicate
    ? `That is already in the library (#${id}); no need to add it again.`
    : `Added to the library as #${id} (${KIND_NAMES[kind]}, for ${tagsText(region, interests)}). Send /content ${id} to see it.`,
  contentInvalid: (problems) => `Not added: ${problems.map((p) => CONTENT_PROBLEMS[p]).join('; ')}.`,
  contentList ({ kind, total, items }) {
    const what = kind === null ? '' : `${KIND_NAMES[kind]} `
    if (total === 0) return `The library has no ${what}items yet; add one with /content add ${kind ?? 'content'} TEXT.`
    if (items.length === 0) return `No items on that page (${total} in all); send /content list for the first page.`
    return [
      `Library${kind ? ` (${KIND_NAMES[kind]})` : ''}: ${total} item${total === 1 ? '' : 's'}${total > items.length ? `, showing ${items.length}` : ''}`,
      ...items.map((i) => `#${i.id} ${KIND_NAMES[i.kind]} | ${clip(i.text, 30)} (${tagsText(i.region, i.interests)})`),
      `Send /content ID for details, /content retire ID to retire one${total > items.length ? ', /content list 2 for more' : ''}.`,
    ].join('\n')
  },
  contentShow: (d) => [
    `#${d.id} ${KIND_NAMES[d.kind]}${d.retired ? ' (retired)' : ''}`,
    `Text: ${d.text}`,
    `For: ${tagsText(d.region, d.interests)}`,
    ...(d.linkUrl ? [`Link: ${d.linkUrl}`] : []),
    ...(d.imageUrl ? [`Image: ${d.imageUrl}`] : []),
    `Valid: ${d.validFrom || d.validUntil ? `${d.validFrom ?? 'now'} to ${d.validUntil ?? 'open end'}` : 'always'}`,
    ...(d.author ? [`Added by: ${d.author}`] : []),
    d.posts > 0 ? `Posted ${d.posts} time${d.posts === 1 ? '' : 's'} in ${d.groups} group${d.groups === 1 ? '' : 's'}, last on ${d.lastDay}` : 'Not posted yet',
  ].join('\n'),
  contentRetired: (id) => `Retired #${id}: it will not be posted again; planned posts of it get another item.`,
  contentNotFound: (id) => `There is no item #${id}; send /content to see the library.`,
  contentNotYours: (id) => `#${id} was added by a colleague; operators retire only their own items. Ask marketing or an admin.`,

  planView: ({ topic, timezone, days }) => [
    `📅 Plan of "${topic}" (${timezone})`,
    ...planBlocks(days).flatMap((b) => b.length > 1
      ? [`${b[0]!.date} to ${b[b.length - 1]!.date} (forecast)`, '  ⚠️ nothing to post: the library needs more items']
      : b.map((d) => [
        `${d.date} ${WEEKDAYS[d.weekday - 1]}${d.offset === 0 ? ' today' : d.offset === 1 ? ' tomorrow' : ''}${d.forecast ? ' (forecast)' : ''}`,
        ...(d.slots.length === 0 ? ['  nothing planned'] : d.slots.map(slotLine)),
      ]).flat()),
    'Change: /plan skip tomorrow content, /plan replace today promo [ITEM]',
  ].join('\n'),
  planSkipped: ({ date, kind }) => `Skipped the ${KIND_NAMES[kind]} post of ${date}: nothing goes out in that slot.`,
  planReplaced: ({ date, kind, itemId, text }) => `The ${KIND_NAMES[kind]} post of ${date} is now #${itemId}: ${clip(text, 40)}`,
  planRefused ({ date, kind, reason, campaignName }) {
    const k = KIND_NAMES[kind]
    switch (reason) {
      case 'posted': return `The ${k} post of ${date} is already out; it cannot be changed.`
      case 'skipped': return `The ${k} post of ${date} is already skipped.`
      case 'campaign': return `The promo of ${date} is the campaign "${campaignName ?? ''}", set by marketing; ask them to change it.`
      case 'none-left': return `No other ${k} item fits this group (its tags, not posted here in 30 days); the planned one stays.`
      case 'out-of-range': return 'Only today and the next 7 days can be changed; send /plan to see them.'
      case 'item-unusable': return `That item cannot be the ${k} post of ${date}: wrong kind, retired, not valid then, or posted here within 30 days.`
    }
  },

  campaignCreated: (c) => c.existing
    ? `Campaign #${c.id} "${c.name}" was already created (${CAMPAIGN_STATUSES[c.status]}).`
    : [
        `Draft campaign #${c.id} "${c.name}" created`,
        `Kind: ${CAMPAIGN_KINDS[c.kind]} | Time: ${window(c)}`,
        `For: ${targetText(c.target)} | Priority: ${c.priority}`,
        `It goes out once an owner or admin sends /campaign approve ${c.id}.`,
      ].join('\n'),
  campaignNeedsApproval: (c) =>
    `[To approve] ${c.by} created campaign #${c.id} "${c.name}" (${CAMPAIGN_KINDS[c.kind]}, ${window(c)}, for ${targetText(c.target)}).\n` +
    `Send /campaign ${c.id} to see it, /campaign approve ${c.id} to approve, /campaign cancel ${c.id} to cancel.`,
  campaignInvalid: (problems) => `Campaign not created: ${problems.map((p) => CAMPAIGN_PROBLEMS[p]).join('; ')}.`,
  campaignUnknownGroups: (topics) => `No group found named: ${topics.join(', ')}. Write full group names separated by commas, or use groups:all / groups:here.`,
  campaignList: (items) => items.length === 0
    ? 'No campaign is waiting, coming up or running. Create one with /campaign new; /campaign all lists past ones.'
    : [
        'Campaigns:',
        ...items.map((c) => `#${c.id} "${c.name}" ${CAMPAIGN_KINDS[c.kind]} | ${CAMPAIGN_STATUSES[c.status]} | ${window(c)}`),
        'Send /campaign ID for details.',
      ].join('\n'),
  campaignShow: (c) => [
    `Campaign #${c.id} "${c.name}"`,
    `Kind: ${CAMPAIGN_KINDS[c.kind]} | Status: ${CAMPAIGN_STATUSES[c.status]} | Priority: ${c.priority}`,
    `Time: ${window(c)}`,
    `For: ${targetText(c.target)}${c.groups > 0 ? ` (${c.groups} group${c.groups === 1 ? '' : 's'})` : ''}`,
    `Text: ${c.text}`,
    ...(c.kind === 'lottery' ? [`Lottery: reply "${c.keyword ?? ''}", ${c.winners ?? 0} winner(s)${c.prize ? `, prize: ${c.prize}` : ''}, ${c.entries} entered so far`] : []),
    ...(c.kind === 'group_buy' ? [`Group-buy: teams of ${c.groupSize ?? 0}, ${c.joins} joined so far`] : []),
    ...(c.createdBy ? [`Created by: ${c.createdBy}`] : []),
    ...(c.approvedBy ? [`Approved by: ${c.approvedBy}`] : []),
    ...(c.status === 'draft' ? [`Approve with /campaign approve ${c.id}, cancel with /campaign cancel ${c.id}`] : []),
  ].join('\n'),
  campaignApproved: (c) => c.groups > 0
    ? `Approved #${c.id} "${c.name}": it runs in ${c.groups} group${c.groups === 1 ? '' : 's'} from ${window(c)} (taking each day's promo slot).`
    : `Approved #${c.id} "${c.name}", but no group fits it yet; groups that come to fit ${targetText(c.target)} join it.`,
  campaignCancelled: (c) => `Cancelled campaign #${c.id} "${c.name}"; its planned promo posts go back to library items.`,
  campaignRefused ({ id, reason, status }) {
    const now = status ? CAMPAIGN_STATUSES[status] : ''
    switch (reason) {
      case 'not-found': return `There is no campaign #${id}; send /campaign for the list.`
      case 'not-draft': return `Campaign #${id} is ${now}; only drafts are approved.`
      case 'ended': return `The time of campaign #${id} is over; it can no longer be approved. Create it again if it is still wanted.`
      case 'not-cancellable': return `Campaign #${id} is ${now}; once it has started (or ended, or was cancelled) it cannot be cancelled.`
      case 'approve-role': return 'Sorry, campaigns are approved by an owner or admin; marketers cannot approve them, their own included.'
    }
  },

  lotteryEntered: ({ name, endsText }) => `You are in the "${name}" lottery 🍀 The draw is at ${endsText} and the result goes to the group. Good luck!`,
  lotteryResult: ({ name, entrants, winners, prize, here }) =>
    `🎉 The "${name}" draw is in! ${entrants} entered and ${winners} won${prize ? ` (prize: ${prize})` : ''}.\n` +
    (here > 0 ? `Congratulations to the ${here} winner${here === 1 ? '' : 's'} mentioned here 🎁 Add me as a friend (friends: see your messages) to claim it.` : 'Nobody in this group won this time; thanks for taking part 🍀'),
  lotteryWinDm: ({ name, prize }) => `Congratulations, you won the "${name}" lottery 🎉${prize ? ` Prize: ${prize}.` : ''} We will contact you soon about collecting it.`,
  lotteryStaffAlert: ({ name, group, prize, winners }) =>
    `[Lottery] "${name}" is drawn; ${winners.length} won in "${group}": ${winners.map((w) => w.friend ? w.name : `${w.name} (not a friend: reach them in the group)`).join(', ')}. ` +
    `${prize ? `Prize: ${prize}. ` : ''}Please contact the winners to hand it over.`,
  groupBuyJoined: ({ name, count, size, endsText }) =>
    `You joined the "${name}" group-buy 👥 ${count}/${size} so far, ${size - count} more to make the team; ends ${endsText}. Invite your friends!`,
  groupBuyAlready: ({ name, count, size, formed }) => formed
    ? `You are already in the "${name}" group-buy, and this group's team is complete 🎉 (${count} people).`
    : `You are already in the "${name}" group-buy: ${count}/${size}, ${size - count} more to make the team.`,
  groupBuyFormed: ({ name, size }) => `🎉 "${name}" group-buy complete! This group's team reached ${size}; everyone mentioned, watch for the next steps.`,
  groupBuyJoinedFormed: ({ name, count }) => `You joined the "${name}" group-buy; this group's team is already complete 🎉 (${count} people).`,
  groupBuyFailed: ({ name, count, size }) => `Sorry, this group's "${name}" group-buy did not reach ${size} (${count}/${size}), so the team did not form. Thanks for joining; next time!`,
  groupBuyNone: () => 'No group-buy is running in this group right now; watch the group for the next one.',
}
