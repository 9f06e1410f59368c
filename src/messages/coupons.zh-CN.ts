/** Simplified Chinese coupon texts (SPEC 3.5): what a clerk at the till, a customer and marketing read. */
import type { BatchData, BatchProblemKind, CouponIssueRefusal, CouponMessages, CouponReissueRefusal, CouponVoidRefusal } from './coupons.ts'

/** Yuan as people write it: 30, 19.9. */
const yuan = (n: number): string => String(Math.round(n * 100) / 100)

const BATCH_PROBLEMS: Record<BatchProblemKind, string> = {
  code: '批次代码请用3-12位字母或数字，例如 ANNA30。',
  value: '请写明面额（如30元）或赠品（如 赠品试用装），二选一。',
  validity: '请写明有效期，例如 7天 或 至12-31。',
  ended: '这个有效期已经过了，请检查日期。',
  window: '开始时间需要早于结束时间。',
}

const MY_COUPONS_SHOWN = 10

/** What the clerk gives, said plainly (a batch's name need not say it). */
const benefit = (amount: number | null, gift: string | null): string => gift !== null ? `赠送${gift}` : `立减${yuan(amount ?? 0)}元`

/** The lines describing a batch, shared by "created" and the list. */
function batchLines (b: BatchData): string[] {
  const validity = b.ends !== null && b.validDays !== null && !b.shared ? `领取后${b.validDays}天（最晚至${b.ends}）` : b.ends !== null ? `至${b.ends}` : `领取后${b.validDays ?? 0}天`
  return [
    `类型：${b.shared ? `通用券码（顾客下单时填写 ${b.code}）` : '一人一码'}`,
    `内容：「${b.title}」${b.minSpend > 0 ? `，满${yuan(b.minSpend)}元可用` : ''}`,
    `有效期：${validity}`,
    `每人限${b.shared ? '用' : '领'}：${b.perCustomer}${b.shared ? '次' : '张'}；总量：${b.cap === null ? '不限' : `${b.cap}${b.shared ? '份' : '张'}`}；${b.stacks ? '可' : '不可'}与其他券叠加`,
    ...(b.streamer !== null ? [`归属主播：${b.streamer}`] : []),
  ]
}

const ISSUE_REFUSALS: Record<CouponIssueRefusal, (batch: string, name: string) => string> = {
  'unknown-batch': (batch) => `没有找到券批次 ${batch}，发送 /券批次 查看已有批次。`,
  shared: (batch) => `${batch} 是通用券码，不用发放：顾客下单时直接填写 ${batch} 即可。`,
  ended: (batch) => `券批次 ${batch} 已过期，不能再发放。`,
  limit: (batch, name) => `「${name}」已经领过 ${batch} 了（每人限领），本次未发放。`,
  'cap-reached': (batch) => `券批次 ${batch} 已发完（总量已满），本次未发放。`,
}

const VOID_REFUSALS: Record<CouponVoidRefusal, (code: string, usedAt: string | null) => string> = {
  typo: (code) => `券码「${code}」有误，可能输错了一位，请核对后再试。`,
  'not-found': (code) => `查无此券：「${code}」，请核对券码。`,
  shared: (code) => `${code} 是通用券码（大家共用一个码），没有单张券可以作废。`,
  redeemed: (_code, usedAt) => `该券已于${usedAt ?? ''}核销，不能作废。`,
  'already-void': () => '该券已经作废过了。',
}

const REISSUE_REFUSALS: Record<CouponReissueRefusal, (code: string) => string> = {
  typo: (code) => `券码「${code}」有误，可能输错了一位，请核对后再试。`,
  'not-found': (code) => `查无此券：「${code}」，请核对券码。`,
  shared: (code) => `${code} 是通用券码（大家共用一个码），没有单张券需要补发。`,
  'not-void': (code) => `该券还没有作废。如需补发，请先发送 /作废 ${code} 原因`,
  expired: () => '该券已过期，无法补发；如需补偿，请用 /发券 发一张新券。',
  already: () => '该券已经补发过了，新券码已私信发给持有人。',
}

export const couponsZhCN: CouponMessages = {
  couponTitle: ({ name, amount, gift, minSpend }) =>
    name ?? (gift !== null ? `${gift}礼券` : minSpend > 0 ? `满${yuan(minSpend)}减${yuan(amount ?? 0)}券` : `${yuan(amount ?? 0)}元无门槛券`),
  couponDm: ({ title, code, expires, minSpend, welcome, reissue }) =>
    [
      reissue ? `你的「${title}」已补发🎁 原券码已作废，请使用新券码：` : welcome ? `感谢添加好友🎉 送你一张新人专享「${title}」：` : `送你一张「${title}」🎁`,
      `券码：${code}`,
      `有效期至${expires}${minSpend > 0 ? `，满${yuan(minSpend)}元可用` : ''}。下单时填写券码或到店出示即可使用，券码仅限本人使用，请勿转发。`,
      '发送 /我的券 可随时查看。',
    ].join('\n'),
  couponExpiryDm: ({ title, code, expires }) =>
    `温馨提醒⏰ 你的「${title}」将于${expires}到期，还没有使用哦～\n券码：${code}\n回复 TD 可退订优惠提醒。`,
  couponRefusal (reason, d) {
    const who = d.holderName ? `「${d.holderName}」` : '这位顾客'
    switch (reason) {
      case 'typo': return `券码「${d.code}」有误，可能输错了一位，请核对后重新输入。`
      case 'unknown': return `查无此券：「${d.code}」，请核对券码后再试。`
      case 'expired': return `该券已于${d.expires ?? ''}过期，无法使用。`
      case 'not-yet-valid': return `该券${d.validFrom ?? ''}起才能使用，请到时再来～`
      case 'used': return d.shared
        ? `${who}已于${d.usedAt ?? ''}用过 ${d.code}，每人限用${d.perCustomer ?? 1}次。`
        : `该券已于${d.usedAt ?? ''}核销，不能重复使用。`
      case 'void': return `该券已作废${d.voidReason ? `（原因：${d.voidReason}）` : ''}，无法使用。`
      case 'not-yours': return d.holderName ? `该券属于「${d.holderName}」，不是这位顾客的券，不能使用。` : '该券不属于这位顾客，不能使用。'
      case 'below-min-spend': return `还没到使用门槛：满${yuan(d.minSpend ?? 0)}元可用${d.total != null ? `，本单${yuan(d.total)}元` : ''}。`
      case 'no-stacking': return '这张券不能和其他优惠券叠加使用，本单已经用过券了。'
      case 'cap-reached': return `${d.code} 的名额已满（共${d.cap ?? 0}份），本次无法使用。`
      case 'locked': return `${d.holderName ? `「${d.holderName}」的` : ''}券码输错次数过多，为了安全，核销已暂停，请于${d.until ?? '半小时'}后再试。${d.typistLocked ? `写上顾客仍可核销，例如：/核销 ${d.code} @顾客昵称` : ''}`
      case 'need-customer': return `${d.code} 是通用券码，每人限用，请同时写上顾客，例如：/核销 ${d.code} @顾客昵称`
      case 'no-customer': return `下单客户不在会员库里，无法核销券码「${d.code}」。`
      case 'twice-on-order': return `券码「${d.code}」在这一单里写了两次，同一个券码一单只能用一次。`
    }
  },
  couponChecked: ({ code, title, holderName, shared, expires, minSpend, amount, gift }) =>
    [
      `券码：${code}`,
      `「${title}」`,
      `优惠：${benefit(amount, gift)}`,
      `${shared ? '顾客' : '持有人'}：「${holderName}」`,
      `有效期至：${expires}`,
      `使用门槛：${minSpend > 0 ? `满${yuan(minSpend)}元` : '无门槛'}`,
      '确认核销请发送：/核销 确认（5分钟内有效）',
    ].join('\n'),
  couponRedeemed: ({ code, title, holderName, at, amount, gift }) => `核销成功✅ 「${holderName}」的「${title}」已于${at}核销。\n优惠：${benefit(amount, gift)}\n券码：${code}`,
  couponNothingToConfirm: () => '没有待确认的核销，请先发送 /核销 券码 查看券信息（查看后5分钟内确认有效）。',
  couponCustomerNotFound: (name) => `没有找到顾客「${name}」，请 @ 对方或核对昵称后再试。`,
  myCoupons ({ usable, used, expired }) {
    const others = [used > 0 ? `${used}张已使用` : '', expired > 0 ? `${expired}张已过期` : ''].filter(Boolean).join('、')
    if (usable.length === 0) return ['你暂时没有可用的优惠券～加入社群、邀请好友都能领券哦。', ...(others ? [`（另有${others}）`] : [])].join('\n')
    const more = usable.length - MY_COUPONS_SHOWN
    return [
      `你的优惠券（${usable.length}张可用）：`,
      ...usable.slice(0, MY_COUPONS_SHOWN).map((c, i) => `${i + 1}.「${c.title}」券码 ${c.code}，${c.from !== null ? `${c.from}起可用，` : ''}${c.expires}到期`),
      ...(more > 0 ? [`……另有${more}张可用券`] : []),
      ...(others ? [`另有${others}。`] : []),
      '下单时填写券码或到店出示即可使用～',
    ].join('\n')
  },
  batchCreated: (b) => [`已创建券批次 ${b.code} ✅`, ...batchLines(b), ...(b.shared ? [] : [`发券：/发券 @顾客 ${b.code}`])].join('\n'),
  batchExists: (code) => `券批次 ${code} 已经存在了，请换一个代码。`,
  batchInvalid: (problem) => BATCH_PROBLEMS[problem],
  batchList (items) {
    if (items.length === 0) return '还没有券批次。新建示例：/券批次 新建 ANNA30 共享 30元 7天 主播安娜 限50'
    return [
      `券批次（最近${items.length}个）：`,
      ...items.map((b) => `· ${b.code}「${b.title}」${b.shared
        ? `通用码，已用${b.redeemed}${b.cap === null ? '次' : `/${b.cap}`}`
        : `一人一码，已发${b.issued}张、已核销${b.redeemed}张`}${b.streamer !== null ? `，主播${b.streamer}` : ''}`),
      '新建：/券批次 新建 代码 面额 选项…',
    ].join('\n')
  },
  couponIssued: ({ name, title, friend }) =>
    `已给「${name}」发放「${title}」。${friend ? '券码已私信发给对方。' : '对方还不是好友，加好友后券码会自动私信发送。'}`,
  couponIssueRefused: (reason, { batch, name }) => ISSUE_REFUSALS[reason](batch, name),
  couponVoided: ({ code, title, holderName }) => `已作废「${holderName}」的「${title}」（券码 ${code}）。如需补发，请发送 /补发 ${code}`,
  couponVoidRefused: (reason, { code, usedAt }) => VOID_REFUSALS[reason](code, usedAt),
  couponReissued: ({ title, holderName, friend }) =>
    `已为「${holderName}」补发「${title}」。${friend ? '新券码已私信发给对方。' : '对方还不是好友，加好友后新券码会自动私信发送。'}`,
  couponReissueRefused: (reason, { code }) => REISSUE_REFUSALS[reason](code),
}
