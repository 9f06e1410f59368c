/**
 * Generates the bundled demo community (scenarios/demo.yaml): 3 groups, ~100 customers, 7 virtual days, with a
 * referral and points story (SPEC 3.4, 3.6) running through it: three inviters who are friends earn the trial
 * pack by DM, one who is not sees their progress @mentioned in the group, one invitee leaves too early, one
 * inviter's burst of invites is held for the operator's review, and customers spend their points. Around it the
 * shop and the calendar (SPEC 3.2, 3.5, 3.7, 3.8): a content library per theme posted twice a day, orders (some with
 * the ¥50 welcome coupon), a streamer's live-stream code, a weekly product whose repurchase reminder comes within
 * the week, a group-buy, a lottery, and a flash sale drafted by marketing and approved by the owner in chat.
 *
 *   npx tsx scripts/make-demo.ts > scenarios/demo.yaml
 *
 * The PRNG is seeded, so the output is the same on every run. The YAML is meant to be read and edited by hand
 * afterwards; this script is only a convenient way to get a plausible week of community life.
 */
import { isDeepStrictEqual } from 'node:util'
import { parse } from 'yaml'
import { seededRandom } from '../src/domain/random.ts'
import { exceedsBurst } from '../src/domain/referrals.ts'

const SEED = 42
const START = '2026-12-01T08:00:00+08:00'
const END = '2026-12-08T08:00:00+08:00'
const ZONE = 'Asia/Shanghai'
const OFFSET_MS = 8 * 3600_000 // Asia/Shanghai has no DST
const MIN = 60_000
const HOUR = 3600_000
const DAY = 24 * HOUR
const DAYS = 7
const DAY_START_H = 8
const DAY_END_H = 23

const rand = seededRandom(SEED)
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1))
const chance = (p: number): boolean => rand() < p
function pick<T> (xs: readonly T[]): T {
  if (xs.length === 0) throw new Error('pick from an empty list')
  return xs[Math.floor(rand() * xs.length)]!
}
function shuffle<T> (xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
  }
  return xs
}

const t0 = Date.parse(START)
/** Epoch ms of day d (0 = Dec 1) at hh:mm local time. */
const at = (d: number, h: number, m = 0, s = 0): number => t0 + d * DAY + (h - DAY_START_H) * HOUR + m * MIN + s * 1000
/** Hour of day (local, fractional) of an instant. */
const hourOf = (ms: number): number => (((ms + OFFSET_MS) % DAY) + DAY) % DAY / HOUR
const dayOf = (ms: number): number => Math.floor((ms - t0) / DAY)
/** A random daytime instant on day d, between fromH and toH, on a whole minute. */
const daytime = (d: number, fromH = 8.5, toH = 22.5): number => at(d, 0) + Math.floor((fromH + rand() * (toH - fromH)) * HOUR / MIN) * MIN
/** Moves night-time instants to the next morning, 08:00-09:30. */
function awake (ms: number): number {
  const h = hourOf(ms)
  if (h >= DAY_START_H && h < DAY_END_H) return ms
  // Days start at 08:00 (dayOf), so 23:30 and 01:30 both belong to the day before the next morning.
  return at(dayOf(ms) + 1, 8, int(0, 90))
}

function iso (ms: number): string {
  const local = new Date(ms + OFFSET_MS).toISOString().slice(0, 19)
  return `${local}+08:00`
}

// ── People ────────────────────────────────────────────────────────────────────────────────────────────────
const staff = [
  { id: 'owner', name: '店长老陈', role: 'owner' },
  { id: 'op-wang', name: '运营小王', role: 'operator' },
  { id: 'op-li', name: '运营小李', role: 'operator' },
  { id: 'op-zhou', name: '运营小周', role: 'operator' },
  { id: 'staff-mei', name: '店员阿美', role: 'staff' },
  { id: 'mk-zhang', name: '市场小张', role: 'marketer' },
] as const

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '萧', '田', '董', '潘', '袁', '蔡', '蒋', '余', '杜', '叶', '程', '苏', '魏', '吕']
const GIVEN = ['芳', '娜', '敏', '静', '丽', '婷', '雪', '琳', '颖', '倩', '洁', '欣', '悦', '萌', '磊', '伟', '强', '军', '杰', '涛', '斌', '浩',
  '晓雨', '雨涵', '思琪', '梓涵', '欣怡', '诗雨', '佳怡', '美玲', '秀英', '桂芳', '丹丹', '婉清', '若曦', '可欣', '子琪', '慧敏',
  '雅琴', '晓燕', '春梅', '海燕', '丽华', '玉兰', '志强', '建华', '俊杰', '文博', '宇航', '浩然', '子轩', '明轩', '天佑', '嘉豪',
  '一鸣', '晨曦', '思远', '沐阳', '梦瑶', '静怡', '语桐', '安琪', '紫萱', '晓峰', '国庆', '立新', '红霞', '小燕', '云飞', '亚楠']
/** Some people use a nickname as their WeChat name. */
const NICKNAMES = ['小太阳', '橙子妈妈', '糖糖', '阿May', '豆豆妈', 'Lily', '奶茶不加糖', '跑步的鱼', '吃货小胖', '晴天', '木子', 'Cindy',
  '芒果布丁', '健身小白', '一颗柠檬', '焙友阿琳', '猫叔', 'Kevin']

const CUSTOMER_COUNT = 100
const usedNames = new Set<string>(staff.map((s) => s.name))
function freshName (): string {
  for (;;) {
    const name = chance(0.12) ? pick(NICKNAMES) : pick(SURNAMES) + pick(GIVEN)
    if (!usedNames.has(name)) {
      usedNames.add(name)
      return name
    }
  }
}

interface Customer { id: string, name: string, friend?: boolean, consent?: boolean, birthday?: string }
const customers: Customer[] = []
for (let i = 1; i <= CUSTOMER_COUNT; i++) customers.push({ id: `c${String(i).padStart(3, '0')}`, name: freshName() })
const byId = new Map(customers.map((c) => [c.id, c]))
const nameOf = (id: string): string => byId.get(id)?.name ?? staff.find((s) => s.id === id)?.name ?? id

// ── Groups ────────────────────────────────────────────────────────────────────────────────────────────────
interface GroupDef { id: string, topic: string, region: string, interests: string[], operator: string, members: string[] }
const groups: GroupDef[] = [
  { id: 'chengdu-moms', topic: '成都宝妈育儿群', region: '成都', interests: ['育儿', '母婴'], operator: 'op-wang', members: [] },
  { id: 'shanghai-food', topic: '上海美食爱好者群', region: '上海', interests: ['美食', '烘焙'], operator: 'op-li', members: [] },
  { id: 'guangzhou-fit', topic: '广州健身打卡群', region: '广州', interests: ['健身', '轻食'], operator: 'op-zhou', members: [] },
]
const G = (id: string): GroupDef => groups.find((g) => g.id === id)!

// Existing members: 8-12 customers per group, plus the group's operator.
const pool = shuffle(customers.map((c) => c.id))
for (const g of groups) {
  const n = int(8, 12)
  g.members = [g.operator, ...pool.splice(0, n)]
}
// 运营小王 also sits in the Guangzhou group as a backup, which lets the demo show that an operator may only
// change the settings of their own groups.
G('guangzhou-fit').members.splice(1, 0, 'op-wang')
const joiners = pool // everyone else joins during the week

// Friends and consent: about 60% of existing members already added the bot; most of them consented.
for (const g of groups) {
  for (const m of g.members) {
    const c = byId.get(m)
    if (!c) continue
    if (chance(0.6)) {
      c.friend = true
      if (chance(0.85)) c.consent = true
    }
  }
}
// Birthdays on about a third of the customers; a few fall in the demo week.
for (const c of customers) {
  if (chance(0.3)) {
    const inWeek = chance(0.2)
    const year = int(1978, 2001)
    const month = inWeek ? 12 : int(1, 12)
    const day = inWeek ? int(2, 7) : int(1, 28)
    c.birthday = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  }
}

// ── The referral and points story (SPEC 3.4, 3.6) ─────────────────────────────────────────────────────────
// What points buy (积分商城).
const rewards = [
  { sku: 'thermos', name: '品牌保温杯', points: 30, stock: 20 },
  { sku: 'picture-book', name: '育儿绘本', points: 50, stock: 10 },
  { sku: 'baking-set', name: '烘焙模具套装', points: 80, stock: 5 },
  { sku: 'sports-towel', name: '运动毛巾', points: 20, stock: 30 },
]
// Referral rules the story relies on (the bot's defaults, src/config.ts).
const REFERRAL_TARGET = 3
const REFERRAL_HOLD_MS = 24 * HOUR
/** The trial pack is decided this long after the 3rd qualified referral (a settling window for the fraud checks). */
const REWARD_SETTLE_MS = 24 * HOUR
const BURST_LIMIT = 10
const BURST_WINDOW_MS = HOUR

// The cast: existing members whose invitations are scripted below. Nothing random uses them as inviters,
// leavers, or typists of the other commands, so the story plays out as written.
const consenting = (group: string, exclude: string[] = []): string[] =>
  G(group).members.filter((id) => byId.get(id)?.friend === true && byId.get(id)?.consent === true && !exclude.includes(id))
function castFrom (xs: string[], part: string): string {
  if (xs.length === 0) throw new Error(`nobody to play ${part}; try another SEED`)
  return pick(xs)
}
/** Two Chengdu mums and a Shanghai foodie: friends of the bot who consented, told by DM. */
const momA = castFrom(consenting('chengdu-moms'), 'the first Chengdu inviter')
const momB = castFrom(consenting('chengdu-moms', [momA]), 'the second Chengdu inviter')
const foodie = castFrom(consenting('shanghai-food'), 'the Shanghai inviter')
/** Brings a dozen people in within the hour on day 4: the reward is held for review. */
const burster = castFrom(consenting('shanghai-food', [foodie]), 'the burst inviter')
/** Never adds the bot: their progress is @mentioned in the group. */
const outsider = castFrom(G('guangzhou-fit').members.filter((id) => byId.has(id) && byId.get(id)!.friend !== true), 'the inviter who is not a friend')
const cast = [momA, momB, foodie, burster, outsider]

// ── Membership over time ──────────────────────────────────────────────────────────────────────────────────
interface Stay { group: string, from: number, to: number }
const stays = new Map<string, Stay>()
for (const g of groups) for (const m of g.members) if (byId.has(m)) stays.set(m, { group: g.id, from: t0 - DAY, to: Infinity })
const friendSince = new Map<string, number>()
for (const c of customers) if (c.friend) friendSince.set(c.id, t0 - DAY)
for (const s of staff) friendSince.set(s.id, t0 - DAY)

/** People nobody knew before they joined (the referral story's newcomers): in no list, named by their id. */
const strangers = new Set<string>()
const isCustomer = (id: string): boolean => byId.has(id) || strangers.has(id)
const membersAt = (group: string, ms: number): string[] =>
  [...stays.entries()].filter(([, s]) => s.group === group && s.from < ms && s.to > ms).map(([id]) => id)
const customersAt = (group: string, ms: number): string[] => membersAt(group, ms).filter(isCustomer)
const friendsAt = (ms: number): string[] => customers.map((c) => c.id).filter((id) => (friendSince.get(id) ?? Infinity) < ms)

// ── Steps ─────────────────────────────────────────────────────────────────────────────────────────────────
type Action =
  | { join: { group: string, contact: string, inviter?: string } }
  | { say: { from: string, group?: string, text: string } }
  | { friend: { contact: string, hello?: string } }
  | { leave: { group: string, contact: string } }
  | { platform: { rate_limit: string } }
  | { order: { id: string, customer: string, items: Array<{ sku: string, qty: number }>, coupon?: string } }
  | { refund: { order: string, cancel?: boolean } }
interface Event { ms: number, action: Action, seq: number }
const events: Event[] = []
let seq = 0
/** Joins keep their seconds (a batch lands within one minute); everything else happens on a whole minute. */
const add = (ms: number, action: Action): void => {
  events.push({ ms: 'join' in action ? ms : Math.ceil(ms / MIN) * MIN, action, seq: seq++ })
}

const HELLOS = ['大家好，我是新来的～', '大家好呀👋', '新人报到🙋', 'hello 大家好', '谢谢邀请，大家好！', '大家好，请多关照', '来啦来啦，大家好']
const HELLO_INVITED = (inviter: string): string => pick([`谢谢${inviter}拉我进群～`, `我是${inviter}介绍来的，大家好`, `${inviter}说这个群很好，我来看看`])
const WELCOMES = ['欢迎欢迎', '欢迎新朋友～', '欢迎👏', '欢迎入群！']
const FRIEND_HELLOS = (topic: string, name: string): string => pick([`我是${topic}的${name}`, '你好，群里看到的', `你好，我是${name}`, ''])

const CHATTER: Record<string, string[]> = {
  'chengdu-moms': ['请问奶粉什么时候发货？', '宝宝8个月了，辅食先加什么好？', '有没有推荐的纸尿裤牌子？', '今天带娃去了天府公园，好累😂', '夜奶怎么断比较好啊',
    '谢谢群主分享', '成都哪里有靠谱的早教中心？', '宝宝湿疹反复怎么办', '上次买的米粉宝宝很爱吃', '有人拼单吗？', '降温了，大家注意给娃保暖',
    '请问湿巾还有货吗', '宝宝几个月可以吃蛋黄？', '我家的也是，晚上老醒', '同问', '周末有亲子活动吗？', '早上好～', '晚安各位宝妈'],
  'shanghai-food': ['周末去了家本帮菜，红烧肉绝了', '戚风蛋糕总是塌，有人知道为什么吗？', '请问黄油在哪里买比较好？', '求推荐徐汇区的咖啡店', '今天做了蛋黄酥，分享一下',
    '这个面粉什么时候发货？', '有没有人去过新开的那家生煎？', '烤箱温度总是不准怎么办', '同问', '看起来好好吃😋', '早上好～', '今晚做了葱油拌面',
    '请问淡奶油有推荐的吗', '巴斯克蛋糕第一次成功了！', '周末有烘焙课吗？', '哈哈哈好馋'],
  'guangzhou-fit': ['今日打卡：跑步5公里✅', '深蹲100个完成💪', '请问蛋白粉什么时候到货？', '减脂期晚饭吃什么好', '早上空腹有氧有用吗', '打卡：瑜伽40分钟',
    '今天偷懒了，明天补上', '有没有人一起去二沙岛跑步？', '鸡胸肉怎么做才不柴', '坚持第10天！', '打卡✅', '膝盖有点疼，深蹲要注意什么', '早上好，今天也要加油',
    '轻食沙拉有推荐的吗', '体脂又降了1%🎉', '同问'],
}
const OPERATOR_LINES: Record<string, string[]> = {
  'chengdu-moms': ['各位宝妈早上好，今天有问题随时问我哦', '奶粉今天下午统一发货，单号晚点私信大家', '降温了，大家出门给宝宝多穿点～', '明天上午有育儿专家直播，记得来看'],
  'shanghai-food': ['早上好各位吃货～', '淡奶油和黄油周三到货，需要的提前说', '本周末烘焙课还有3个名额', '大家做的甜品欢迎晒图👍'],
  'guangzhou-fit': ['早上好，今天也要打卡哦💪', '蛋白粉周四到货，已订的会私信通知', '本周打卡满5天的有小礼品', '运动后记得拉伸～'],
}
const DM_LINES = ['你好，在吗？', '请问怎么领优惠券？', '我想问下奶粉还有没有货', '你好，群里说的活动怎么参加', '谢谢', '收到', '请问周末门店开门吗？', '怎么看我的积分？']

// 1. Joins. First the referral story's newcomers. A referral counts only for someone new to the community:
//    never in a group, not the bot's friend, not known to the CRM before the join. Everyone in the scenario's
//    lists is in the CRM from the start (the brand's existing customers), so the newcomers are strangers: in no
//    list, named by their id, which reads like the Latin nickname many WeChat users have. All joins are in
//    daytime, so the 24 h checks (and the group notices they cause) fall in daytime too.
const joinQueue = [...joiners]
const rateLimitJoiners = joinQueue.splice(0, 3) // reserved for the rate-limit window on day 3 (below)
const FRIENDS_OF_FRIENDS = ['Lily_Chen', 'xiaoyu88', 'Amy-Wu', 'tangtang_mama', 'Coco_Li', 'Jenny-Zhang', 'momo1990', 'Sunny-Yang',
  'Annie_88', 'Echo_Lin', 'Vivi-He', 'lemon_tree', 'KK_Fit', 'Grace-Zhou', 'doudou_ma', 'Rainy-Day']
const newcomerNames = shuffle([...FRIENDS_OF_FRIENDS])
/** The burst's accounts look like fresh ones: WeChat's default ids. */
const burstName = (): string => `wxid_${Array.from({ length: 10 }, () => pick([...'abcdefghijkmnpqrstuvwxyz23456789'])).join('')}`
interface Join { ms: number, group: string, contact: string, inviter?: string, story?: 'friend' | 'burst' }
const joinTimes: Join[] = []
function invite (inviter: string, group: string, ms: number, n = 1, story: 'friend' | 'burst' = 'friend'): string[] {
  const who: string[] = []
  for (let k = 0, when = ms; k < n; k++, when += int(5, 15) * 1000) {
    const contact = story === 'burst' ? burstName() : newcomerNames.shift()
    if (contact === undefined) throw new Error('add names to FRIENDS_OF_FRIENDS')
    strangers.add(contact)
    joinTimes.push({ ms: when, group, contact, inviter, story })
    stays.set(contact, { group, from: when, to: Infinity })
    who.push(contact)
  }
  return who
}
// 成都: momA brings a friend on day 1 and two on day 2, one of whom leaves that afternoon (left early, not
// counted), and one more on day 3: 3/3 on day 4. momB brings four: 3/3 on day 4, the fourth on day 5.
invite(momA, 'chengdu-moms', at(0, 15, 10))
const [, earlyLeaver] = invite(momA, 'chengdu-moms', at(1, 10, 20, 15), 2)
invite(momA, 'chengdu-moms', at(2, 16, 5, 20))
invite(momB, 'chengdu-moms', at(1, 14, 0, 30))
invite(momB, 'chengdu-moms', at(2, 15, 0, 10), 2)
invite(momB, 'chengdu-moms', at(3, 11, 0, 40))
// 上海: the foodie's three friends, one a day: 3/3 at lunchtime on day 4.
invite(foodie, 'shanghai-food', at(0, 11, 0, 25))
invite(foodie, 'shanghai-food', at(1, 19, 10, 5))
invite(foodie, 'shanghai-food', at(2, 12, 30, 35))
// 广州: two friends of the outsider on day 3 and a third on day 4; their progress is @mentioned in the group.
invite(outsider, 'guangzhou-fit', at(2, 11, 40, 10), 2)
invite(outsider, 'guangzhou-fit', at(3, 14, 20, 45))
// Day 4, 14:05-14:50: a dozen people nobody knows, all invited by one member; they never say a word. The
// reward is decided (and held) a day after the 3rd of them qualifies: day 6, about 14:10.
const burstInvitees: string[] = []
for (const [minute, n] of [[5, 2], [9, 1], [14, 3], [22, 1], [27, 1], [33, 2], [41, 1], [48, 1]] as const) {
  burstInvitees.push(...invite(burster, 'shanghai-food', at(3, 14, minute, int(0, 20)), n, 'burst'))
}
const EARLY_LEAVE_AT = at(1, 17, 35)
stays.get(earlyLeaver!)!.to = EARLY_LEAVE_AT
/** Members who may be picked for chatter and welcomes: not the burst's silent newcomers. */
const speakersAt = (group: string, ms: number): string[] => customersAt(group, ms).filter((id) => !burstInvitees.includes(id))
/** Members who may invite someone at random: not the cast (their invitations are scripted). */
const inviterPool = (group: string, ms: number): string[] => speakersAt(group, ms).filter((id) => !cast.includes(id))

// Then the rest of the week's newcomers, in singles and in small batches (one person inviting a few friends at once).
const perDay = Math.ceil(joinQueue.length / DAYS)
for (let d = 0; d < DAYS && joinQueue.length > 0; d++) {
  let budget = Math.min(perDay, joinQueue.length)
  while (budget > 0) {
    const g = pick(groups)
    const ms = daytime(d, 9, 21.5) // welcomes go out before the quiet hours (22:00)
    const batch = budget >= 3 && chance(0.25) ? Math.min(budget, int(2, 4)) : 1
    const existing = inviterPool(g.id, ms)
    const inviter = chance(0.7) && existing.length > 0 ? pick(existing) : undefined
    for (let k = 0; k < batch; k++) {
      const contact = joinQueue.shift()!
      const when = ms + k * int(5, 18) * 1000
      joinTimes.push({ ms: when, group: g.id, contact, inviter })
      stays.set(contact, { group: g.id, from: when, to: Infinity })
    }
    budget -= batch
  }
}

// 2. Day 3, 10:00: the platform rate-limits the account for 20 minutes, and people keep joining and adding
//    the bot meanwhile, so the paused sends show and go out once the limit lifts.
const RATE_LIMIT_AT = at(2, 10, 0)
add(RATE_LIMIT_AT, { platform: { rate_limit: '20m' } })
{
  const g = G('guangzhou-fit')
  const inviter = pick(inviterPool(g.id, RATE_LIMIT_AT))
  for (const [k, minute] of [[0, 3], [1, 3], [2, 9]] as const) {
    const contact = rateLimitJoiners[k]!
    const ms = at(2, 10, minute, k * 12 + 5)
    joinTimes.push({ ms, group: g.id, contact, inviter: k < 2 ? inviter : undefined })
    stays.set(contact, { group: g.id, from: ms, to: Infinity })
  }
}
// Whoever is left (rounding) joins on the last day.
for (const contact of joinQueue.splice(0)) {
  const g = pick(groups)
  const ms = daytime(DAYS - 1, 9, 21)
  joinTimes.push({ ms, group: g.id, contact })
  stays.set(contact, { group: g.id, from: ms, to: Infinity })
}

joinTimes.sort((a, b) => a.ms - b.ms)
for (const j of joinTimes) {
  add(j.ms, { join: { group: j.group, contact: j.contact, ...(j.inviter ? { inviter: j.inviter } : {}) } })
  if (j.story === 'burst') continue
  const inRateLimit = j.ms >= RATE_LIMIT_AT && j.ms < RATE_LIMIT_AT + 20 * MIN
  // Most newcomers say hello; some old members welcome them.
  if (chance(j.story === 'friend' ? 0.75 : 0.55)) {
    const text = j.inviter && chance(0.5) ? HELLO_INVITED(nameOf(j.inviter)) : pick(HELLOS)
    add(awake(j.ms + int(1, 8) * MIN), { say: { from: j.contact, group: j.group, text } })
    if (chance(0.3)) {
      const others = speakersAt(j.group, j.ms).filter((m) => m !== j.contact)
      if (others.length > 0) add(awake(j.ms + int(9, 20) * MIN), { say: { from: pick(others), group: j.group, text: pick(WELCOMES) } })
    }
  }
  // About half add the bot within hours (within minutes during the rate limit, so the pause shows).
  if (inRateLimit || chance(0.5)) {
    const ms = inRateLimit ? j.ms + int(2, 6) * MIN : awake(j.ms + int(15, 300) * MIN)
    friendSince.set(j.contact, ms)
    const hello = FRIEND_HELLOS(G(j.group).topic, nameOf(j.contact))
    add(ms, { friend: { contact: j.contact, ...(hello ? { hello } : {}) } })
    // Some write to the bot right away.
    if (chance(0.3)) add(awake(ms + int(2, 40) * MIN), { say: { from: j.contact, text: pick([...DM_LINES, '/help', '/帮助']) } })
  }
}
// A few existing members who had not added the bot do so during the week.
for (const c of shuffle(customers.filter((c) => !c.friend && stays.get(c.id)!.from < t0 && !cast.includes(c.id))).slice(0, 4)) {
  const ms = daytime(int(0, DAYS - 1))
  friendSince.set(c.id, ms)
  add(ms, { friend: { contact: c.id } })
}

// 3. Leaves: momA's friend who leaves after a few hours (the referral is rejected as left early), and a few
//    people who drift off during the second half of the week: never the cast, no newcomer who came by
//    invitation (one who leaves soon after qualifying would hold the inviter's reward), and never the people the
//    scripted commands below rely on (those are picked from the ones who stay).
add(EARLY_LEAVE_AT, { leave: { group: 'chengdu-moms', contact: earlyLeaver! } })
const leavers: string[] = []
for (let k = 0; k < 4; k++) {
  const ms = daytime(int(3, 6), 10, 22)
  const g = pick(groups)
  const candidates = customersAt(g.id, ms).filter((id) => stays.get(id)!.from < ms - 6 * HOUR && !leavers.includes(id) && !cast.includes(id) && !strangers.has(id))
  if (candidates.length === 0) continue
  const who = pick(candidates)
  leavers.push(who)
  stays.get(who)!.to = ms
  add(ms, { leave: { group: g.id, contact: who } })
}

// 4. Everyday chatter and the operators' own messages.
for (let d = 0; d < DAYS; d++) {
  for (const g of groups) {
    const n = int(5, 8)
    // No line twice in a day in the same group.
    const lines = shuffle([...CHATTER[g.id]!])
    for (let k = 0; k < n; k++) {
      const ms = daytime(d)
      const members = speakersAt(g.id, ms)
      // Good morning in the morning, good night at night.
      const fits = (t: string): boolean => t.includes('早上好') ? hourOf(ms) < 10.5 : t.includes('晚安') ? hourOf(ms) > 21 : true
      const i = lines.findIndex(fits)
      if (members.length > 0 && i >= 0) add(ms, { say: { from: pick(members), group: g.id, text: lines.splice(i, 1)[0]! } })
    }
    if (chance(0.8)) add(daytime(d, 8.5, 10.5), { say: { from: g.operator, group: g.id, text: pick(OPERATOR_LINES[g.id]!) } })
  }
}

// 5. Commands, at fixed times so the demo tells a story. Who types them is picked from the people who are
//    present (and friends, for DMs) at that moment and who stay until the end of the week.
const stayer = (id: string): boolean => !leavers.includes(id)
function friendAt (ms: number, exclude: string[] = []): string {
  const xs = friendsAt(ms).filter((id) => stayer(id) && !exclude.includes(id))
  return pick(xs)
}
function memberAt (group: string, ms: number, exclude: string[] = []): string {
  return pick(customersAt(group, ms).filter((id) => stayer(id) && !exclude.includes(id)))
}
const scripted: string[] = [...cast, ...burstInvitees, earlyLeaver!]
const dm = (ms: number, text: string, who?: string): string => {
  const from = who ?? friendAt(ms, scripted)
  scripted.push(from)
  add(ms, { say: { from, text } })
  return from
}
const inGroup = (ms: number, group: string, text: string, who?: string): void => {
  const from = who ?? memberAt(group, ms, scripted)
  if (isCustomer(from)) scripted.push(from)
  add(ms, { say: { from, group, text } })
}

// Day 1: operators check their groups' settings; customers discover the menu.
inGroup(at(0, 9, 12), 'chengdu-moms', '/group', 'op-wang')
dm(at(0, 10, 25), '/help')
dm(at(0, 15, 40), '/帮助')
dm(at(0, 20, 5, 30), '/菜单')
// Day 2: an operator retags her group; customers try commands they may not use, or mistype one.
inGroup(at(1, 9, 30), 'shanghai-food', '/群设置 设置 兴趣 美食,烘焙,咖啡', 'op-li')
inGroup(at(1, 9, 31), 'shanghai-food', '/group', 'op-li')
dm(at(1, 11, 2), '/whoami')
inGroup(at(1, 14, 47), 'guangzhou-fit', '/hepl')
inGroup(at(1, 16, 20), 'chengdu-moms', '/group')
inGroup(at(1, 21, 10), 'shanghai-food', '/help')
// Day 3: someone has had enough of the messages; another asks who they are in Chinese.
const optOut = dm(at(2, 13, 14), 'TD')
dm(at(2, 19, 45), '/我是谁')
// Day 4: the owner looks at the staff menu and makes a regular customer a shop assistant.
dm(at(3, 9, 3), '/help', 'owner')
const newHire = friendAt(at(3, 9, 20), scripted)
scripted.push(newHire)
dm(at(3, 9, 20), `/role ${nameOf(newHire)} 店员`, 'owner')
dm(at(3, 9, 26), '/whoami', newHire)
inGroup(at(3, 10, 5), 'guangzhou-fit', '/group', 'op-zhou')
// Day 5: the opted-out customer changes their mind; an operator tries another operator's group.
dm(at(4, 10, 40), '/订阅', optOut)
dm(at(4, 10, 41), '/whoami', optOut)
inGroup(at(4, 15, 30), 'guangzhou-fit', '/group', 'op-wang')
dm(at(4, 18, 12), '/role 运营小王 admin')
// Day 6-7: a customer opts out in the group itself, another types a command that does not exist.
inGroup(at(5, 12, 8), 'chengdu-moms', '退订')
dm(at(5, 20, 30), '/coupon')
dm(at(6, 9, 15), '/whoami')

// Referrals and points, along the story above: each referral qualifies 24 h after its join and pays 10 points;
// the trial pack is decided a day after the 3rd.
dm(at(1, 20, 30), '/邀请', momA) // 1/3; one friend still inside the 24 h, one left early
dm(at(3, 13, 10), '/积分', foodie) // 3/3 at 12:30: 30 points
dm(at(3, 13, 12), '/积分商城', foodie)
dm(at(3, 13, 15), '/兑换 品牌保温杯', foodie)
inGroup(at(3, 18, 0), 'guangzhou-fit', '/invite', outsider) // 2/3, asked in the group (not a friend)
dm(at(4, 9, 40), '/points', momA) // 3/3 yesterday afternoon
dm(at(4, 9, 42), '/exchange sports-towel', momA) // by sku
dm(at(4, 12, 10), '/兑换 育儿绘本', momB) // 40 points after the fourth friend: 10 short
dm(at(4, 16, 40), `/调整积分 ${nameOf(momB)} +10 群里分享辅食经验`, 'op-wang')
dm(at(4, 20, 15), '/兑换 育儿绘本', momB)
dm(at(5, 15, 0), '/邀请', burster) // all 12 qualified yesterday; the trial pack was held at about 14:10
dm(at(5, 15, 30), '/待审核', 'op-li')
const APPROVE_AT = at(5, 15, 32)
dm(APPROVE_AT, '/通过', 'op-li') // the held reward's id is filled in below, once the week is known
inGroup(at(5, 16, 30), 'chengdu-moms', '/排行榜')
dm(at(5, 19, 5), '/积分', burster)

// 6. The shop, the content calendar and campaigns (SPEC 3.2, 3.5, 3.7, 3.8). Everything random here comes after
//    the story above, so adding to it never changes who invites whom.
const products = [
  { sku: 'milk-powder', name: '婴儿奶粉', price: 199, cycle_days: 30 },
  { sku: 'rice-cereal', name: '强化铁米粉', price: 59, cycle_days: 20 },
  { sku: 'wipes', name: '婴儿湿巾', price: 19.9 },
  { sku: 'butter', name: '动物黄油', price: 45 },
  { sku: 'flour', name: '低筋面粉', price: 28, cycle_days: 30 },
  { sku: 'protein', name: '乳清蛋白粉', price: 299, cycle_days: 30 },
  // A weekly subscription: its repurchase reminder falls due within the demo week.
  { sku: 'salad-week', name: '轻食沙拉周卡', price: 129, cycle_days: 7 },
]
const SHELF: Record<string, string[]> = {
  'chengdu-moms': ['milk-powder', 'rice-cereal', 'wipes'],
  'shanghai-food': ['butter', 'flour'],
  'guangzhou-fit': ['protein', 'salad-week'],
}
/** The live-stream host's shared code: ¥30 off from ¥99, 20 fans, valid 3 days. */
const STREAM_CODE = 'ANNA30'
const coupons = [{ code: STREAM_CODE, kind: 'shared', value: 30, min_spend: 99, valid_days: 3, streamer: '安娜', cap: 20, name: '安娜直播间粉丝券' }]

// The library: 8 干货 and 8 promo items per theme, so a week never repeats an item and never runs dry.
const LIBRARY: Array<{ interests: string[], content: string[], promo: string[], region?: { region: string, promo: string } }> = [
  {
    interests: ['育儿'],
    content: ['辅食添加的3个误区：太早加盐、只吃米糊、一次加多种', '宝宝夜醒频繁？试试固定的睡前程序：洗澡、抚触、讲故事', '冬季宝宝湿疹护理：保湿比洗澡更重要',
      '6个月宝宝第一口辅食，从强化铁米粉开始', '带娃出门必备清单：湿巾、隔尿垫、备用衣物', '宝宝发烧38.5℃以下，先物理降温再观察',
      '如何判断奶粉冲得是否合适？看三点：浓度、温度、奶嘴流速', '断夜奶的4个小方法，宝妈亲测有效'],
    promo: ['婴儿奶粉满199减30，今晚下单包邮', '强化铁米粉买2送1，限本周', '婴儿湿巾10包装特价59元', '纸尿裤第二件半价，囤货正当时',
      '新客下单奶粉送辅食勺一套', '会员日：全场母婴用品9折', '奶粉+米粉组合装立减40元'],
    region: { region: '成都', promo: '成都门店周六亲子烘焙活动，到店报名送小礼品' },
  },
  {
    interests: ['烘焙'],
    content: ['戚风蛋糕总是塌？蛋白打发到硬性发泡是关键', '黄油软化的正确方法：室温放置，手指按下有坑即可', '低筋面粉和高筋面粉怎么选？看蛋白质含量',
      '烤箱温度不准？用烤箱温度计校准一次就够', '巴斯克芝士蛋糕新手零失败配方', '蛋黄酥起酥的秘诀：油皮油酥比例要对',
      '淡奶油打发总是失败？碗和奶油都要冷藏', '自制酸奶的3个步骤，无需酸奶机'],
    promo: ['动物黄油454g特价45元，烘焙季囤货', '低筋面粉满2袋包邮', '烘焙模具套装8折，新手入门首选', '淡奶油冷链到家，满99减15',
      '周末烘焙课早鸟价，仅剩5个名额', '进口奶油奶酪第二件半价', '烘焙工具全场满200减30', '黄油+面粉组合装立减20元'],
  },
  {
    interests: ['健身'],
    content: ['减脂期晚饭怎么吃？蛋白质+蔬菜，主食减半', '空腹有氧到底有没有用？看你的目标', '深蹲时膝盖疼，先检查这3个动作细节',
      '运动后30分钟内补充蛋白质效果最好', '鸡胸肉不柴的做法：低温慢煮', '每天1万步和跑步5公里，哪个更减脂？',
      '拉伸的正确时间：运动后而不是运动前', '平台期体重不降？试试调整训练强度'],
    promo: ['乳清蛋白粉2磅装立减50元', '轻食沙拉周卡129元，每天一份不重样', '运动毛巾买一送一', '健身打卡满7天送蛋白棒',
      '蛋白粉+摇摇杯组合装特价', '轻食沙拉首单立减20', '会员日：运动补剂全场9折'],
  },
]
const content: Array<{ kind: 'content' | 'promo', text: string, interests: string[], region?: string }> = []
for (const theme of LIBRARY) {
  for (const text of theme.content) content.push({ kind: 'content', text, interests: theme.interests })
  for (const text of theme.promo) content.push({ kind: 'promo', text, interests: theme.interests })
  if (theme.region) content.push({ kind: 'promo', text: theme.region.promo, interests: theme.interests, region: theme.region.region })
}

// Campaigns set up before the week: a group-buy in Guangzhou (days 4-5) and a lottery for the Chengdu mums (day 6).
// The flash sale for the bakers is drafted and approved by chat during the week (below).
const campaigns = [
  { kind: 'group_buy', name: '蛋白粉拼团', text: '乳清蛋白粉3人成团立享7折，和群友一起囤', starts_at: iso(at(3, 10, 0)), ends_at: iso(at(4, 21, 0)),
    target: { groups: ['guangzhou-fit'] }, group_size: 3, created_by: 'mk-zhang', approved_by: 'owner' },
  { kind: 'lottery', name: '宝妈福利抽奖', text: '感谢宝妈们一直以来的支持！', starts_at: iso(at(5, 9, 0)), ends_at: iso(at(5, 21, 0)),
    target: { groups: ['chengdu-moms'] }, keyword: '抽奖', winners: 2, prize: '育儿绘本', created_by: 'mk-zhang', approved_by: 'owner' },
]

const groupOf = (id: string): string | undefined => stays.get(id)?.group
let orderCount = 0
const order = (ms: number, customer: string, group: string, coupon?: string): void => {
  const items = shuffle([...SHELF[group]!]).slice(0, chance(0.3) ? 2 : 1).map((sku) => ({ sku, qty: chance(0.25) ? 2 : 1 }))
  add(ms, { order: { id: `o${String(++orderCount).padStart(3, '0')}`, customer, items, ...(coupon ? { coupon } : {}) } })
}
const LAST_ORDER = at(DAYS - 1, 21)
const shoppers = (ms: number): string[] => friendsAt(ms).filter((id) => stayer(id) && groupOf(id) !== undefined && !scripted.includes(id))
// Everyday orders: 3-5 a day from friends of the bot; a newcomer who got the ¥50 welcome coupon uses it on their
// first order within a couple of days.
const welcomed = customers.map((c) => c.id).filter((id) => (friendSince.get(id) ?? -Infinity) > t0 && stayer(id) && !scripted.includes(id))
for (const id of shuffle([...welcomed]).slice(0, 6)) {
  const ms = awake(friendSince.get(id)! + int(3, 36) * HOUR)
  if (ms < LAST_ORDER) order(ms, id, groupOf(id)!, 'latest')
}
for (let d = 0; d < DAYS; d++) {
  for (let k = int(3, 5); k > 0; k--) {
    const ms = daytime(d, 9, 22)
    const who = pick(shoppers(ms))
    order(ms, who, groupOf(who)!)
  }
}
// The weekly salad subscriber: buys on day 1, is reminded on day 5 (7 - 3 days) with a personal coupon, and buys again
// with it on day 6.
const saladFan = castFrom(consenting('guangzhou-fit', cast).filter((id) => stayer(id) && !scripted.includes(id)), 'the salad subscriber')
scripted.push(saladFan)
add(at(0, 19, 30), { order: { id: 'salad-1', customer: saladFan, items: [{ sku: 'salad-week', qty: 1 }] } })
add(at(5, 12, 20), { order: { id: 'salad-2', customer: saladFan, items: [{ sku: 'salad-week', qty: 1 }], coupon: 'latest' } })
/** What a fan buys in the live stream: over the code's ¥99 minimum. */
const streamCart = (who: string): Array<{ sku: string, qty: number }> => {
  const sku = SHELF[groupOf(who)!]![0]!
  return [{ sku, qty: Math.ceil(99 / products.find((p) => p.sku === sku)!.price) }]
}
// Day 3, 20:00: 安娜's live stream. Her fans order with ANNA30; one types an O for the 0 (look-alikes fold, so it works), one tries it twice, one
// orders below the minimum spend.
{
  const fans = shuffle(shoppers(at(2, 20, 0))).slice(0, 9)
  fans.forEach((who, k) => {
    const ms = at(2, 20, 3 + k * 4)
    const code = k === 3 ? 'ANNA3O' : k === 6 ? 'anna30' : STREAM_CODE
    // k = 5 buys a single ¥19.90 pack of wipes, under the ¥99 minimum.
    add(ms, { order: { id: `live-${k + 1}`, customer: who, items: k === 5 ? [{ sku: 'wipes', qty: 1 }] : streamCart(who), coupon: code } })
    scripted.push(who)
  })
  add(at(2, 20, 50), { order: { id: 'live-10', customer: fans[0]!, items: streamCart(fans[0]!), coupon: STREAM_CODE } })
  // The next morning one fan cancels: the shop's webhook gives the ANNA30 place back and takes the points back.
  add(at(3, 9, 35), { refund: { order: 'live-9', cancel: true } })
  dm(at(2, 21, 5), '/我的券', fans[1])
}
// The content calendar by chat: an operator looks at the plan, skips one slot and swaps another.
inGroup(at(0, 9, 14), 'chengdu-moms', '/计划', 'op-wang')
inGroup(at(1, 9, 33), 'shanghai-food', '/计划 跳过 明天 干货', 'op-li')
dm(at(2, 8, 40), '/内容 添加 干货 #烘焙 冬天面团发酵慢？把面团放在烤箱里，旁边放一碗热水', 'op-li')
// Day 5: marketing drafts a flash sale for the bakers; marketing may not approve its own, the owner does.
dm(at(4, 9, 50), '/活动 新建 秒杀 12-05 15:00 2小时 标签:烘焙 优先级:5 名称:黄油秒杀 动物黄油限时5折，每人限2块，先到先得！', 'mk-zhang')
dm(at(4, 9, 52), '/活动 通过 3', 'mk-zhang')
dm(at(4, 10, 5), '/活动', 'owner')
dm(at(4, 10, 6), '/活动 通过 3', 'owner')
// The group-buy: four members join, the team forms at the third.
for (const [k, who] of shuffle(customersAt('guangzhou-fit', at(3, 11, 0)).filter((id) => stayer(id) && !scripted.includes(id))).slice(0, 4).entries()) {
  inGroup(at(3, 11 + k, 10 + k * 7), 'guangzhou-fit', '/拼团', who)
}
// The lottery: members of the Chengdu group reply the keyword during the day; one twice, one after it closed.
{
  const entrants = shuffle(customersAt('chengdu-moms', at(5, 9, 0)).filter((id) => stayer(id) && !scripted.includes(id))).slice(0, 7)
  entrants.forEach((who, k) => inGroup(at(5, 9 + k, int(1, 50)), 'chengdu-moms', '抽奖', who))
  inGroup(at(5, 16, 40), 'chengdu-moms', '抽奖', entrants[0])
  inGroup(at(5, 21, 30), 'chengdu-moms', '抽奖', entrants[1])
}
// Consent and profile: some new friends agree and answer the questions, one declines.
{
  const answering = shuffle(welcomed.filter((id) => !scripted.includes(id))).slice(0, 4)
  const CITY: Record<string, string> = { 'chengdu-moms': '成都', 'shanghai-food': '上海', 'guangzhou-fit': '广州' }
  answering.forEach((who, k) => {
    const t = friendSince.get(who)! + int(5, 30) * MIN
    if (k === 3) return void dm(t, '不用了', who)
    const g = groupOf(who)!
    dm(t, '同意', who)
    dm(t + 2 * MIN, CITY[g]!, who)
    dm(t + 4 * MIN, G(g).interests.join('，'), who)
    dm(t + 5 * MIN, k === 0 ? '1990-05-12' : '跳过', who)
    dm(t + 6 * MIN, pick(['2', '3', '30岁']), who)
  })
}

// ── Order, format, check ──────────────────────────────────────────────────────────────────────────────────
events.sort((a, b) => a.ms - b.ms || a.seq - b.seq)
// Ties would look odd in a transcript: spread them a few seconds apart.
for (let i = 1; i < events.length; i++) if (events[i]!.ms <= events[i - 1]!.ms) events[i]!.ms = events[i - 1]!.ms + MIN
const end = Date.parse(END)
// Drop what the random choices made impossible: speaking in a group one is not in (any more), writing to the
// bot before being its friend, anything after the end of the week.
const inGroupAt = (id: string, group: string, ms: number): boolean => {
  const s = stays.get(id)
  return s !== undefined && s.group === group && s.from < ms && s.to > ms
}
const kept = events.filter((e) => {
  if (e.ms >= end - HOUR) return false
  if (!('say' in e.action)) return true
  const { from, group } = e.action.say
  if (group !== undefined) return isCustomer(from) ? inGroupAt(from, group, e.ms) : G(group).members.includes(from)
  return (friendSince.get(from) ?? Infinity) < e.ms
})
events.splice(0, events.length, ...kept)
// Everyday orders are numbered in the order they happen.
let orderNo = 0
for (const e of events) if ('order' in e.action && /^o\d+$/.test(e.action.order.id)) e.action.order.id = `o${String(++orderNo).padStart(3, '0')}`

// The referral outcome of the week, worked out from the final steps as the bot will (SPEC 3.4): who qualifies
// when, and the id each trial-pack decision gets (decisions are numbered in the order they happen, granted or
// held alike, so the held one is not simply #1). The operator's /通过 needs it; the checks below keep the
// story from drifting when the random parts change.
{
  const everIn = new Set([...groups.flatMap((g) => g.members), ...customers.map((c) => c.id)]) // known to the CRM
  const friendFrom = new Map<string, number>(customers.filter((c) => c.friend).map((c) => [c.id, -Infinity]))
  interface Ref { inviter: string, joined: number, counts: boolean, left?: number }
  const refs: Ref[] = []
  const stayRef = new Map<string, Ref>()
  for (const e of events) {
    const a = e.action
    if ('friend' in a && !friendFrom.has(a.friend.contact)) friendFrom.set(a.friend.contact, e.ms)
    if ('join' in a) {
      const { contact, inviter } = a.join
      const isNew = !everIn.has(contact) && !((friendFrom.get(contact) ?? Infinity) < e.ms)
      everIn.add(contact)
      if (inviter) {
        const ref: Ref = { inviter, joined: e.ms, counts: isNew }
        refs.push(ref)
        stayRef.set(contact, ref)
      }
    }
    if ('leave' in a) {
      const ref = stayRef.get(a.leave.contact)
      if (ref && ref.left === undefined) ref.left = e.ms
    }
  }
  const qualifying = refs
    .filter((r) => r.counts && r.joined + REFERRAL_HOLD_MS <= end && (r.left === undefined || r.left > r.joined + REFERRAL_HOLD_MS))
    .sort((a, b) => a.joined - b.joined)
  const count = new Map<string, number>()
  const decisions: Array<{ id: number, inviter: string, at: number, held: boolean }> = []
  for (const r of qualifying) {
    const n = (count.get(r.inviter) ?? 0) + 1
    count.set(r.inviter, n)
    if (n !== REFERRAL_TARGET) continue
    const at = r.joined + REFERRAL_HOLD_MS + REWARD_SETTLE_MS
    if (at > end) continue
    const invites = refs.filter((x) => x.inviter === r.inviter && x.joined <= at).map((x) => new Date(x.joined))
    decisions.push({ id: 0, inviter: r.inviter, at, held: exceedsBurst(invites, BURST_LIMIT, BURST_WINDOW_MS) })
  }
  decisions.sort((a, b) => a.at - b.at).forEach((d, i) => { d.id = i + 1 })
  const held = decisions.filter((d) => d.held)
  const approve = events.find((e) => 'say' in e.action && e.action.say.from === 'op-li' && e.action.say.text === '/通过')
  if (held.length !== 1 || held[0]!.inviter !== burster) throw new Error(`expected only ${nameOf(burster)}'s reward held, got ${JSON.stringify(held)}`)
  if (!approve || approve.ms <= held[0]!.at) throw new Error('the operator approves before the reward is held')
  if (approve.ms - APPROVE_AT > 30 * MIN) throw new Error('the approval drifted away from its scripted time')
  for (const who of [momA, momB, foodie, outsider]) {
    if (!decisions.some((d) => d.inviter === who && !d.held)) throw new Error(`${nameOf(who)} does not reach ${REFERRAL_TARGET} qualified referrals`)
  }
  if (qualifying.length < 12) throw new Error(`only ${qualifying.length} referrals qualify`)
  if ('say' in approve.action) approve.action.say.text = `/通过 ${held[0]!.id}`
}

function relative (ms: number): string {
  if (ms % HOUR === 0) return `+${ms / HOUR}h`
  if (ms % MIN === 0) return `+${ms / MIN}m`
  return `+${Math.round(ms / 1000)}s`
}

interface Step { at: string, [action: string]: unknown }
const steps: Step[] = []
let previous = t0
let previousDay = -1
for (const e of events) {
  const d = dayOf(e.ms)
  // The first step of each day, and one after a long quiet spell, is absolute so a reader can find their way;
  // the rest are relative.
  const delta = e.ms - previous
  const readable = delta % MIN === 0 || delta < 5 * MIN
  const when = d !== previousDay || delta > 3 * HOUR || !readable ? iso(e.ms) : relative(delta)
  steps.push({ at: when, ...e.action })
  previous = e.ms
  previousDay = d
}
steps.push({ at: END })

const scenario = {
  seed: SEED,
  start: START,
  timezone: ZONE,
  staff: staff.map((s) => ({ ...s })),
  groups: groups.map((g) => ({ id: g.id, topic: g.topic, region: g.region, interests: g.interests, operator: g.operator, members: g.members })),
  customers,
  products,
  coupons,
  rewards,
  content,
  campaigns,
}

// Hand-formatted so each person and each step is one line; checked against the object by parsing it back.
const PLAIN = /^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z0-9_-]*$/u
const scalar = (v: unknown): string => {
  if (typeof v === 'string') return PLAIN.test(v) && !['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n'].includes(v.toLowerCase()) ? v : JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(scalar).join(', ')}]`
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${scalar(x)}`).join(', ')} }`
  return String(v)
}
const lines: string[] = [
  '# Demo community: 3 groups, ~100 customers, one week (2026-12-01 .. 2026-12-08). Run it with `qunbot demo`.',
  '# Generated by scripts/make-demo.ts (npx tsx scripts/make-demo.ts > scenarios/demo.yaml); edit freely.',
  `seed: ${SEED}`,
  `start: "${START}"`,
  `timezone: ${ZONE}`,
  'staff:',
  ...scenario.staff.map((s) => `  - ${scalar(s)}`),
  'groups:',
]
for (const g of scenario.groups) {
  lines.push(`  - id: ${g.id}`, `    topic: ${g.topic}`, `    region: ${g.region}`, `    interests: ${scalar(g.interests)}`, `    operator: ${g.operator}`)
  lines.push(`    members: ${scalar(g.members)}  # ${g.members.map(nameOf).join(' ')}`)
}
lines.push('customers:', ...customers.map((c) => `  - ${scalar(c)}`))
lines.push('products:', ...products.map((p) => `  - ${scalar(p)}`))
lines.push('coupons:', ...coupons.map((c) => `  - ${scalar(c)}`))
lines.push('rewards:', ...rewards.map((r) => `  - ${scalar(r)}`))
lines.push('content:', ...content.map((c) => `  - ${scalar(c)}`))
lines.push('campaigns:', ...campaigns.map((c) => `  - ${scalar(c)}`))
lines.push(
  `# Referrals: ${nameOf(momA)} and ${nameOf(momB)} (成都) and ${nameOf(foodie)} (上海) invite friends and are told by DM;`,
  `# ${nameOf(outsider)} (广州) is not the bot's friend and is @mentioned in the group; ${nameOf(earlyLeaver!)} leaves within 24 h;`,
  `# ${nameOf(burster)} invites ${burstInvitees.length} people within the hour on 12-04, and 运营小李 reviews the held reward on 12-06.`,
  `# Shop: ${nameOf(saladFan)} buys the weekly salad on 12-01, is reminded on 12-05 and buys again with the reminder's coupon;`,
  '# 安娜 streams on 12-03 at 20:00 (ANNA30: an O typed for the 0 still works, one order is below the minimum spend, one fan tries twice,',
  '# one cancels the next morning). Calendar: a group-buy in 广州 (12-04/05), a flash sale for the bakers drafted by',
  '# 市场小张 on 12-05, a lottery in 成都 on 12-06.',
)
lines.push('steps:')
let day = ''
for (const [i, s] of steps.entries()) {
  if (s.at.startsWith('2') && (i === 0 || s.at.slice(0, 10) !== day)) {
    day = s.at.slice(0, 10)
    lines.push(`  # ── ${day} ──`)
  }
  lines.push(`  - ${scalar(s)}`)
}
const out = lines.join('\n') + '\n'

const expected = { ...scenario, steps }
if (!isDeepStrictEqual(parse(out), JSON.parse(JSON.stringify(expected)))) throw new Error('the formatted YAML does not parse back to the scenario')
process.stdout.write(out)
