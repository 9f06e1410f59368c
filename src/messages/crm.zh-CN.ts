/** Simplified Chinese CRM texts (SPEC 3.3, 3.7): reminders, lifecycle DMs, the consent notice and profile questions. */
import type { AgeRange, ProfileStep } from '../domain/profile.ts'
import type { CouponOffer, CrmMessages } from './crm.ts'

export const AGE_RANGES: Record<AgeRange, string> = {
  'under-18': '18岁以下',
  '18-24': '18-24岁',
  '25-34': '25-34岁',
  '35-44': '35-44岁',
  '45+': '45岁及以上',
}

const QUESTIONS: Record<ProfileStep, string> = {
  consent: '',
  city: '好的～请问你在哪个城市呀？（例如：成都。不想说可以回复「跳过」）',
  interests: '你平时对哪些方面感兴趣？可以写几个，用逗号隔开（例如：育儿，美食，护肤）',
  birthday: '方便告诉我你的生日吗？生日当天有专属福利🎁（例如：1990-05-12 或 5月12日；不想填回复「跳过」）',
  'age-range': '最后一个问题：你的年龄段是？回复数字就好\n1. 18岁以下\n2. 18-24岁\n3. 25-34岁\n4. 35-44岁\n5. 45岁及以上',
}

const UNCLEAR: Record<ProfileStep, string> = {
  consent: '同意填写请回复「同意」，不需要请回复「不用了」～',
  city: '没太看懂哦，请直接回复城市名，例如：成都（回复「跳过」可跳过这题）',
  interests: '请写几个兴趣，用逗号隔开，例如：育儿，美食（回复「跳过」可跳过这题）',
  birthday: '日期没看懂哦，请按 1990-05-12 或 5月12日 的格式回复（回复「跳过」可跳过这题）',
  'age-range': '请回复 1-5 的数字选择年龄段（回复「跳过」可跳过这题）',
}

/** Every marketing DM says how to stop them. */
const OPT_OUT = '回复 TD 可退订此类消息'

function couponLine (coupon: CouponOffer | null, what: string): string[] {
  return coupon === null ? [] : [`送你一张${what}「${coupon.title}」：${coupon.code}（${coupon.expires}前有效），下单时使用即可。`]
}

export const crmZhCN: CrmMessages = {
  repurchaseReminder: ({ productName, daysSince, coupon }) =>
    [
      `你${daysSince}天前买的「${productName}」差不多快用完啦～需要的话记得及时补货，别断了哦。`,
      ...couponLine(coupon, '专属复购券'),
      OPT_OUT,
    ].join('\n'),
  careMessage: (productNames) =>
    [
      `你买的「${productNames.join('」「')}」收到了吗？小贴士：使用前先看看说明书，按建议的方法和用量来，效果更好哦。`,
      '用得怎么样？欢迎直接回复告诉我们你的评价，你的意见对我们很重要🙏',
      OPT_OUT,
    ].join('\n'),
  reactivationMessage: (name) =>
    `${name === null ? '你好' : name}，好久不见～最近怎么样？群里上了不少新品和福利，有空回来看看吧🌷 有任何问题随时私信我。\n${OPT_OUT}`,
  birthdayGreeting: (name, coupon) =>
    [
      `🎂${name === null ? '' : `${name}，`}生日快乐！感谢一路相伴，祝你新的一岁心想事成～`,
      ...couponLine(coupon, '生日礼券'),
      OPT_OUT,
    ].join('\n'),
  consentNotice: () =>
    [
      '为了给你推荐更合适的内容和优惠，想请你花1分钟填写几项基本信息：所在城市、兴趣、生日（可不填）和年龄段。',
      '· 用途：仅用于个性化推荐、复购提醒、优惠券到期提醒、购后关怀与回访（使用小贴士、评价邀请）、老客回访和生日福利，不会提供给第三方；',
      '· 可拒绝：回复「不用了」即可，不影响群里的任何服务；',
      '· 可撤回：回复 TD 退订优惠私信，发送 /删除我的数据 可删除你的资料。',
      '同意请回复「同意」。',
    ].join('\n'),
  profileQuestion: (step) => step === 'consent' ? crmZhCN.consentNotice() : QUESTIONS[step],
  profileUnclear: (step) => UNCLEAR[step],
  profileDone: () => '资料填好啦，谢谢你🙏 有适合你的好物和福利会第一时间告诉你。发送 /我的资料 可随时查看。',
  profileDeclined: () => '好的，不打扰你啦～有需要随时找我，发送 /帮助 看看我能做什么。',
  ageRangeName: (range) => AGE_RANGES[range],
  eraseConfirm: () =>
    '删除后，你的昵称、城市、兴趣、生日、年龄段、手机号和聊天记录都会被清除，且无法恢复；订单金额、积分等只保留匿名统计，也不会再收到营销私信。\n' +
    '确认删除请发送：/删除我的数据 确认',
  erased: () => '已删除你的个人资料和聊天记录🙏 之后不会再给你发营销私信。如需帮助，随时找我就好。',
}
