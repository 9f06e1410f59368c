/** Simplified Chinese texts of the content calendar and campaigns (calendar.ts). */
import type { CampaignKind, CampaignProblem, CampaignStatus } from '../domain/campaigns.ts'
import type { PostKind, SkipReason } from '../domain/content-calendar.ts'
import type { ContentProblem } from '../domain/content-items.ts'
import type { CommandName } from '../domain/commands/catalog.ts'
import type { UsageReason } from '../domain/commands/parser.ts'
import type { CommandText } from './index.ts'
import { clip, planBlocks, type CalendarMessages, type CampaignSummary, type CampaignTargetText, type PlanSlot } from './calendar.ts'

const KIND_NAMES: Record<PostKind, string> = { content: '干货', promo: '促销' }

const CAMPAIGN_KINDS: Record<CampaignKind, string> = {
  flash_sale: '限时秒杀', new_product: '新品上市', group_buy: '拼团', lottery: '抽奖', holiday: '节日大促',
}

const CAMPAIGN_STATUSES: Record<CampaignStatus, string> = {
  draft: '草稿（待审核）', approved: '已审核', scheduled: '已排期', running: '进行中', done: '已结束', cancelled: '已取消',
}

const SKIP_REASONS: Record<SkipReason, string> = {
  operator: '已手动跳过', 'no-item': '没有可发的内容', 'joined-late': '群登记晚于发帖时间', missed: '错过了发布时间',
  'group-inactive': '群已停用', withdrawn: '内容已撤下',
}

const CONTENT_PROBLEMS: Record<ContentProblem, string> = {
  text: '正文不能为空',
  'too-long': '正文最多2000字',
  url: '链接和图片需以 http:// 或 https:// 开头',
  region: '地区请不超过20个字',
  interests: '兴趣标签最多10个，每个不超过20个字',
  validity: '有效期的开始要早于结束',
}

const CAMPAIGN_PROBLEMS: Record<CampaignProblem, string> = {
  window: '结束时间要晚于开始时间',
  ended: '活动时间已经过去了',
  'too-long': '活动最长90天',
  text: '请写上活动文案（1000字以内）',
  name: '活动名称请在40字以内',
  priority: '优先级请填 -100 到 100 之间的整数',
  keyword: '抽奖要设置关键词（20字以内、不含空格，例如 关键词:抽奖）',
  winners: '抽奖要设置中奖名额（1-1000，例如 名额:3）',
  'group-size': '拼团要设置成团人数（2-500，例如 成团:5）',
  target: '请写明活动发到哪些群（群:全部、群:本群、群:群名 或 标签:育儿）',
  options: '关键词、名额、奖品只用于抽奖，成团人数只用于拼团',
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

const kindsText = (kinds: readonly PostKind[]): string => kinds.map((k) => KIND_NAMES[k]).join('和')

function tagsText (region: string | null, interests: readonly string[]): string {
  const tags = [...(region ? [region] : []), ...interests]
  return tags.length === 0 ? '所有群' : tags.join('、')
}

function targetText (t: CampaignTargetText): string {
  switch (t.kind) {
    case 'all': return '全部群'
    case 'tags': return `标签为${t.tags.join('、')}的群`
    case 'list': return `指定的${t.count}个群`
  }
}

const window = (c: CampaignSummary): string => `${c.startText} 至 ${c.endText}`

function slotLine (s: PlanSlot): string {
  const what = s.campaignId !== null
    ? `活动「${s.campaignName ?? s.campaignId}」`
    : s.itemId !== null ? `#${s.itemId} ${clip(s.itemText ?? '', 14)}` : ''
  const reason = SKIP_REASONS[s.skipReason ?? 'operator']
  // Nothing was chosen: say why instead of an empty line.
  if (what === '') return `  ${s.time} ${KIND_NAMES[s.kind]} ${s.state === 'skipped' ? `⚠️ 未发：${reason}` : '⚠️ 暂无可发内容'}`
  return `  ${s.time} ${KIND_NAMES[s.kind]} ${what}${s.state === 'posted' ? '（已发）' : s.state === 'skipped' ? `（${reason}）` : ''}`
}

/** How /内容, /计划, /活动 and /拼团 read in help and usage lines (part of the locale's command table). */
export const calendarCommandsZhCN: Pick<Record<CommandName, CommandText>, 'content' | 'plan' | 'campaign' | 'groupbuy'> = {
  content: { word: '/内容', args: '[添加 干货|促销 正文|列表|编号|下架 编号]', summary: '管理内容库（每天的干货和促销从这里选）', example: '/内容 添加 干货 #育儿 辅食添加的3个误区……' },
  plan: { word: '/计划', args: '[跳过|换 日期 干货|促销]', summary: '查看本群今天和未来7天的发布安排，或调整一条', example: '/计划 跳过 明天 干货' },
  campaign: { word: '/活动', args: '[新建 类型 开始 结束 文案|编号|通过 编号|取消 编号]', summary: '创建、审核和管理营销活动', example: '/活动 新建 秒杀 12-12 20:00 2小时 群:全部 今晚8点限时秒杀，全场5折！' },
  groupbuy: { word: '/拼团', args: '', summary: '参加本群正在进行的拼团', example: null },
}

/** Usage hints of those commands, by reason (part of the locale's hints). */
export const calendarHintsZhCN: Partial<Record<CommandName, Partial<Record<UsageReason, string>>>> = {
  content: {
    'unknown-action': '可以用：添加、列表、查看 编号、下架 编号。',
    'missing-argument': '请写上类型和正文，例如 /内容 添加 干货 辅食添加的3个误区。',
    'invalid-kind': '类型请写 干货 或 促销。',
    'invalid-value': '编号请写数字；正文最多2000字，标签最多10个、每个不超过20字，链接要以 http 开头。',
    'invalid-option': '选项写在正文前，例如 地区:成都 兴趣:育儿,早教 链接:https://… 有效期:12-01~12-31。',
    'extra-argument': '一次查看或下架一条，请只写一个编号。',
  },
  plan: {
    'unknown-action': '可以用：跳过、换。',
    'missing-argument': '请写上日期和类型，例如 /计划 跳过 明天 干货。',
    'invalid-value': '日期写 今天、明天 或 12-03，类型写 干货 或 促销，内容编号写数字。',
    'extra-argument': '一次调整一条：一个日期、一个类型（换的时候可以再加一个内容编号）。',
  },
  campaign: {
    'unknown-action': '可以用：新建、列表、全部、查看 编号、通过 编号、取消 编号。',
    'missing-argument': '请依次写：类型 开始日期 开始时间 结束 文案，例如 /活动 新建 秒杀 12-12 20:00 2小时 今晚8点秒杀。',
    'invalid-kind': '类型可选：秒杀、新品、拼团、抽奖、节日。',
    'invalid-time': '时间写成 20:00 或 20点；结束可以写 2小时、3天、22:00 或 12-13 10:00。',
    'invalid-date': '开始写成 12-12 20:00、明天 10:00，或写 现在。',
    'invalid-option': '选项写在文案前，例如 群:全部 标签:育儿 优先级:5 关键词:抽奖 名额:3 奖品:保温杯 成团:5。',
    'invalid-value': '编号和数字请写整数；群和标签只能选一种；名称最多40字，文案最多1000字，链接要以 http 开头。',
    'extra-argument': '一次处理一个活动，请只写一个编号。',
  },
}

export const calendarZhCN: CalendarMessages = {
  postKindName: (kind) => KIND_NAMES[kind],
  campaignKindName: (kind) => CAMPAIGN_KINDS[kind],
  campaignStatusName: (status) => CAMPAIGN_STATUSES[status],

  itemPost: ({ text, imageUrl, linkUrl }) => [text, ...(linkUrl ? [`🔗 ${linkUrl}`] : []), ...(imageUrl ? [`📷 ${imageUrl}`] : [])].join('\n'),
  campaignPost (d) {
    const head: Record<CampaignKind, string> = {
      flash_sale: `⚡限时秒杀｜${d.name}`, new_product: `🆕新品上市｜${d.name}`, group_buy: `👥拼团｜${d.name}`, lottery: `🎁抽奖｜${d.name}`, holiday: `🎉${d.name}`,
    }
    const how: Record<CampaignKind, string | null> = {
      flash_sale: `⏰ 截止 ${d.endsText}，手慢无～`,
      new_product: null,
      group_buy: `发送 /拼团 参团，满${d.groupSize ?? ''}人成团，${d.endsText} 截止`,
      lottery: `在群里回复「${d.keyword ?? ''}」即可参与，${d.endsText} 开奖，共${d.winners ?? ''}个名额${d.prize ? `，奖品：${d.prize}` : ''}`,
      holiday: `活动截止 ${d.endsText}`,
    }
    return [head[d.kind], d.text, ...(how[d.kind] ? [how[d.kind]!] : []), ...(d.linkUrl ? [`🔗 ${d.linkUrl}`] : []), ...(d.imageUrl ? [`📷 ${d.imageUrl}`] : [])].join('\n')
  },
  noContentAlert: ({ topic, date, kinds }) =>
    `【内容提醒】「${topic}」${date} 的${kindsText(kinds)}没有可发的内容：内容库里没有匹配本群地区/兴趣、且30天内没在本群发过的条目，到点的已跳过。\n` +
    '发送 /内容 添加 干货 正文 补充内容，还没到点的会自动用上；在群里发送 /计划 可查看本群安排。',
  groupSlotQuiet: ({ earliest, latest }) =>
    `发帖时间要避开夜间免打扰（22:00-08:00），请设在 ${earliest} 到 ${latest} 之间，例如 /群 设置 时段 10:00 20:00（先干货，后促销）。`,

  contentAdded: ({ id, kind, region, interests, duplicate }) => duplicate
    ? `这条内容已经在内容库里了（#${id}），不用重复添加～`
    : `已加入内容库 #${id}（${KIND_NAMES[kind]}，适用：${tagsText(region, interests)}）。发送 /内容 ${id} 查看。`,
  contentInvalid: (problems) => `没有添加：${problems.map((p) => CONTENT_PROBLEMS[p]).join('；')}。`,
  contentList ({ kind, total, items }) {
    const what = kind === null ? '' : KIND_NAMES[kind]
    if (total === 0) return `内容库里还没有${what}内容，发送 /内容 添加 ${what || '干货'} 正文 来添加吧。`
    if (items.length === 0) return `这一页没有内容了（共${total}条），发送 /内容 列表 查看第一页。`
    return [
      `内容库${what ? `·${what}` : ''}（共${total}条${total > items.length ? `，这里显示${items.length}条` : ''}）：`,
      ...items.map((i) => `#${i.id} ${KIND_NAMES[i.kind]}｜${clip(i.text, 18)}（${tagsText(i.region, i.interests)}）`),
      `发送 /内容 编号 查看详情，/内容 下架 编号 停用${total > items.length ? '，/内容 列表 第2页 看更多' : ''}。`,
    ].join('\n')
  },
  contentShow: (d) => [
    `#${d.id} ${KIND_NAMES[d.kind]}${d.retired ? '（已下架）' : ''}`,
    `正文：${d.text}`,
    `适用：${tagsText(d.region, d.interests)}`,
    ...(d.linkUrl ? [`链接：${d.linkUrl}`] : []),
    ...(d.imageUrl ? [`图片：${d.imageUrl}`] : []),
    `有效期：${d.validFrom || d.validUntil ? `${d.validFrom ?? '即日'} 至 ${d.validUntil ?? '长期'}` : '长期有效'}`,
    ...(d.author ? [`添加人：${d.author}`] : []),
    d.posts > 0 ? `已在${d.groups}个群发过${d.posts}次，最近一次 ${d.lastDay}` : '还没有发过',
  ].join('\n'),
  contentRetired: (id) => `已下架 #${id}，之后不会再发布；已排进计划的会自动换成其他内容。`,
  contentNotFound: (id) => `没有找到内容 #${id}，发送 /内容 查看内容库。`,
  contentNotYours: (id) => `#${id} 是其他同事添加的，运营只能下架自己添加的内容；需要下架请联系市场或管理员。`,

  planView: ({ topic, timezone, days }) => [
    `📅「${topic}」发布计划（${timezone}）`,
    ...planBlocks(days).flatMap((b) => b.length > 1
      ? [`${b[0]!.date} 至 ${b[b.length - 1]!.date}（预计）`, '  ⚠️ 没有可发的内容，请补充内容库']
      : b.map((d) => [
        `${d.date} 周${WEEKDAYS[d.weekday - 1]}${d.offset === 0 ? ' 今天' : d.offset === 1 ? ' 明天' : ''}${d.forecast ? '（预计）' : ''}`,
        ...(d.slots.length === 0 ? ['  暂无安排'] : d.slots.map(slotLine)),
      ]).flat()),
    '调整：/计划 跳过 明天 干货，/计划 换 今天 促销 [内容编号]',
  ].join('\n'),
  planSkipped: ({ date, kind }) => `已跳过 ${date} 的${KIND_NAMES[kind]}，这一条不发了。`,
  planReplaced: ({ date, kind, itemId, text }) => `已把 ${date} 的${KIND_NAMES[kind]}换成 #${itemId}：${clip(text, 30)}`,
  planRefused ({ date, kind, reason, campaignName }) {
    const k = KIND_NAMES[kind]
    switch (reason) {
      case 'posted': return `${date} 的${k}已经发出，不能再改了。`
      case 'skipped': return `${date} 的${k}已经跳过了。`
      case 'campaign': return `${date} 的促销是活动「${campaignName ?? ''}」，由市场安排；需要调整请联系市场同事。`
      case 'none-left': return `暂时没有其他适合本群的${k}可换（要匹配本群标签、30天内没在本群发过），已保留原来的内容。`
      case 'out-of-range': return '只能调整今天到7天后的安排，发送 /计划 查看。'
      case 'item-unusable': return `这条内容不能用在 ${date} 的${k}：可能类型不对、已下架、不在有效期，或30天内已在本群发过。`
    }
  },

  campaignCreated: (c) => c.existing
    ? `活动 #${c.id}「${c.name}」已经创建过了（${CAMPAIGN_STATUSES[c.status]}）。`
    : [
        `已创建活动草稿 #${c.id}「${c.name}」`,
        `类型：${CAMPAIGN_KINDS[c.kind]}｜时间：${window(c)}`,
        `发到：${targetText(c.target)}｜优先级：${c.priority}`,
        `需店主或管理员发送 /活动 通过 ${c.id} 审核后才会发布。`,
      ].join('\n'),
  campaignNeedsApproval: (c) =>
    `【待审核】${c.by} 创建了活动 #${c.id}「${c.name}」（${CAMPAIGN_KINDS[c.kind]}，${window(c)}，发到${targetText(c.target)}）。\n` +
    `发送 /活动 ${c.id} 查看，/活动 通过 ${c.id} 审核通过，/活动 取消 ${c.id} 取消。`,
  campaignInvalid: (problems) => `活动没有创建：${problems.map((p) => CAMPAIGN_PROBLEMS[p]).join('；')}。`,
  campaignUnknownGroups: (topics) => `没有找到这些群：${topics.join('、')}。请写完整的群名（多个用逗号隔开），或用 群:全部、群:本群。`,
  campaignList: (items) => items.length === 0
    ? '目前没有待审核、待开始或进行中的活动。发送 /活动 新建 创建，/活动 全部 查看历史活动。'
    : [
        '活动列表：',
        ...items.map((c) => `#${c.id}「${c.name}」${CAMPAIGN_KINDS[c.kind]}｜${CAMPAIGN_STATUSES[c.status]}｜${window(c)}`),
        '发送 /活动 编号 查看详情。',
      ].join('\n'),
  campaignShow: (c) => [
    `活动 #${c.id}「${c.name}」`,
    `类型：${CAMPAIGN_KINDS[c.kind]}｜状态：${CAMPAIGN_STATUSES[c.status]}｜优先级：${c.priority}`,
    `时间：${window(c)}`,
    `发到：${targetText(c.target)}${c.groups > 0 ? `（${c.groups}个群）` : ''}`,
    `文案：${c.text}`,
    ...(c.kind === 'lottery' ? [`抽奖：回复「${c.keyword ?? ''}」参与，${c.winners ?? 0}个名额${c.prize ? `，奖品：${c.prize}` : ''}，已有${c.entries}人参与`] : []),
    ...(c.kind === 'group_buy' ? [`拼团：${c.groupSize ?? 0}人成团，已有${c.joins}人参团`] : []),
    ...(c.createdBy ? [`创建：${c.createdBy}`] : []),
    ...(c.approvedBy ? [`审核：${c.approvedBy}`] : []),
    ...(c.status === 'draft' ? [`审核请发送 /活动 通过 ${c.id}，取消请发送 /活动 取消 ${c.id}`] : []),
  ].join('\n'),
  campaignApproved: (c) => c.groups > 0
    ? `已审核通过 #${c.id}「${c.name}」，${window(c)} 期间会在${c.groups}个群发布（每天占用当天的促销时段）。`
    : `已审核通过 #${c.id}「${c.name}」，但目前没有符合条件的群；之后有群符合${targetText(c.target)}会自动加入。`,
  campaignCancelled: (c) => `已取消活动 #${c.id}「${c.name}」，排好的促销会换回内容库的内容。`,
  campaignRefused ({ id, reason, status }) {
    const now = status ? CAMPAIGN_STATUSES[status] : ''
    switch (reason) {
      case 'not-found': return `没有找到活动 #${id}，发送 /活动 查看列表。`
      case 'not-draft': return `活动 #${id} 现在是「${now}」，只有草稿需要审核。`
      case 'ended': return `活动 #${id} 的时间已经过去了，不能再审核；如仍要做，请重新创建。`
      case 'not-cancellable': return `活动 #${id} 现在是「${now}」，活动开始后（或已结束、已取消）就不能取消了。`
      case 'approve-role': return '抱歉，活动需要店主或管理员审核，市场同事不能审核（包括自己创建的活动）。'
    }
  },

  lotteryEntered: ({ name, endsText }) => `你已成功参与「${name}」抽奖🍀 ${endsText} 开奖，结果会在群里公布，祝你好运！`,
  lotteryResult: ({ name, entrants, winners, prize, here }) =>
    `🎉「${name}」开奖啦！共${entrants}人参与，抽出${winners}位幸运儿${prize ? `，奖品：${prize}` : ''}。\n` +
    (here > 0 ? `恭喜本群被@的${here}位朋友中奖🎁 请加我好友（已是好友请看私信）领取奖品～` : '本群这次没有中奖的朋友，感谢参与，下次好运🍀'),
  lotteryWinDm: ({ name, prize }) => `恭喜你在「${name}」抽奖中中奖🎉${prize ? `奖品：${prize}。` : ''}我们会尽快联系你安排领奖，请留意消息～`,
  lotteryStaffAlert: ({ name, group, prize, winners }) =>
    `【抽奖】「${name}」已开奖，「${group}」中奖${winners.length}人：${winners.map((w) => w.friend ? w.name : `${w.name}（未加好友，请在群里联系）`).join('、')}。` +
    `${prize ? `奖品：${prize}，` : ''}请联系中奖者安排领奖。`,
  groupBuyJoined: ({ name, count, size, endsText }) =>
    `已加入「${name}」拼团👥 当前 ${count}/${size} 人，还差${size - count}人成团，${endsText} 截止，快邀请好友一起拼！`,
  groupBuyAlready: ({ name, count, size, formed }) => formed
    ? `你已经在「${name}」的拼团里啦，本群已成团🎉（共${count}人）。`
    : `你已经在「${name}」的拼团里啦，当前 ${count}/${size} 人，还差${size - count}人成团。`,
  groupBuyFormed: ({ name, size }) => `🎉「${name}」拼团成功！本群已满${size}人成团，被@的各位请留意后续通知～`,
  groupBuyJoinedFormed: ({ name, count }) => `已加入「${name}」拼团，本群已经成团啦🎉（共${count}人）`,
  groupBuyFailed: ({ name, count, size }) => `很遗憾，「${name}」本群拼团未满${size}人（${count}/${size}），这次没有成团。感谢参与，下次再一起拼～`,
  groupBuyNone: () => '本群现在没有进行中的拼团活动，留意群里的活动通知哦～',
}
