import { describe, expect, it } from 'vitest'
import { parseCommand } from '../../src/domain/commands/parser.ts'

const cmd = (text: string) => {
  const r = parseCommand(text)
  if (r.kind !== 'command') throw new Error(`expected a command for ${JSON.stringify(text)}, got ${JSON.stringify(r)}`)
  return r.command
}
const usage = (text: string) => parseCommand(text)

describe('/核销 (verify)', () => {
  it('checks a code, in both languages and without a space after 核销', () => {
    for (const text of ['/核销 K7Q2-M9XD-P4RT-WX3E', '/verify K7Q2-M9XD-P4RT-WX3E', '/核销K7Q2-M9XD-P4RT-WX3E', '/验券 K7Q2-M9XD-P4RT-WX3E']) {
      expect(cmd(text)).toEqual({ name: 'verify', action: 'check', code: 'K7Q2-M9XD-P4RT-WX3E', customer: null, total: null })
    }
  })

  it('joins a code typed in groups with spaces', () => {
    expect(cmd('/核销 k7q2 m9xd p4rt wx3e')).toMatchObject({ code: 'k7q2m9xdp4rtwx3e' })
  })

  it('redeems at once with 确认 at the end, and confirms the last check with 确认 alone', () => {
    expect(cmd('/核销 ANNA30 @张三 确认')).toEqual({ name: 'verify', action: 'redeem', code: 'ANNA30', customer: '张三', total: null })
    for (const text of ['/核销 确认', '/verify ok', '/verify confirm', '/核销 确定']) expect(cmd(text)).toEqual({ name: 'verify', action: 'confirm' })
  })

  it('reads the bill in the ways a clerk writes it; a bare number stays part of the code', () => {
    for (const bill of ['199元', '¥199', '￥199', '消费199']) expect(cmd(`/核销 ANNA30 @张三 ${bill}`)).toMatchObject({ total: 199 })
    expect(cmd('/核销 ANNA30 ¥19.9')).toMatchObject({ total: 19.9 })
    expect(cmd('/核销 1234 5678')).toMatchObject({ code: '12345678', total: null })
    expect(cmd('/核销 K7Q2-M9XD P4RT-WX3E')).toMatchObject({ code: 'K7Q2-M9XDP4RT-WX3E' })
  })

  it('does not glue a bill written without 元 (or any odd word) into the code: it asks again', () => {
    for (const text of ['/核销 ANNA30 @张三 199', '/核销 K7Q2 M9XD P4RT WX3E 199', '/核销 ANNA 30']) {
      expect(usage(text)).toEqual({ kind: 'usage', name: 'verify', reason: 'invalid-value' })
    }
  })

  it('asks for the code, and refuses two customers or two amounts', () => {
    expect(usage('/核销')).toEqual({ kind: 'usage', name: 'verify', reason: 'missing-argument' })
    expect(usage('/核销 @张三')).toEqual({ kind: 'usage', name: 'verify', reason: 'missing-argument' })
    expect(usage('/核销 ANNA30 @张三 @李四')).toEqual({ kind: 'usage', name: 'verify', reason: 'extra-argument' })
    expect(usage('/核销 ANNA30 10元 20元')).toEqual({ kind: 'usage', name: 'verify', reason: 'extra-argument' })
  })
})

describe('/券批次 (batch)', () => {
  it('lists with no words, or 列表', () => {
    for (const text of ['/券批次', '/batch', '/券批次 列表', '/batch list', '/批次']) expect(cmd(text)).toEqual({ name: 'batch', action: 'list' })
  })

  it('creates a streamer\'s shared code from words typed on a phone, in any order', () => {
    expect(cmd('/券批次 新建 ANNA30 共享 30元 7天 主播安娜 限50')).toEqual({
      name: 'batch', action: 'create',
      batch: { code: 'ANNA30', kind: 'shared', amount: 30, min_spend: 0, valid_days: 7, per_customer: 1, cap: 50, stacks: false, streamer: '安娜' },
    })
    expect(cmd('/batch create ANNA30 streamer=Anna cap=50 7d shared 30')).toMatchObject({ batch: { kind: 'shared', amount: 30, valid_days: 7, cap: 50, streamer: 'Anna' } })
  })

  it('reads 满199减30, a gift, an end date, per-customer limits and stacking; 30 days when no validity is said', () => {
    expect(cmd('/券批次 新建 BDAY 满199减30')).toMatchObject({ batch: { amount: 30, min_spend: 199, valid_days: 30 } })
    expect(cmd('/券批次 新建 TRIAL2 赠品试用装 至12-31 每人2张 可叠加')).toMatchObject({ batch: { gift: '试用装', until: '12-31', per_customer: 2, stacks: true } })
    expect(cmd('/券批次 新建 X30 30元 至12-31')).not.toHaveProperty('batch.valid_days')
  })

  it('refuses an unknown word, an option said twice, both or neither of amount and gift', () => {
    expect(usage('/券批次 新建 ANNA30 30元 送给粉丝的')).toMatchObject({ reason: 'invalid-value' })
    expect(usage('/券批次 新建 ANNA30 30元 40元')).toMatchObject({ reason: 'invalid-value' })
    expect(usage('/券批次 新建 ANNA30 30元 赠品试用装')).toMatchObject({ reason: 'missing-argument' })
    expect(usage('/券批次 新建 ANNA30 7天')).toMatchObject({ reason: 'missing-argument' })
    expect(usage('/券批次 新建')).toMatchObject({ reason: 'missing-argument' })
    expect(usage('/券批次 删除 ANNA30')).toMatchObject({ reason: 'unknown-action' })
    expect(usage('/券批次 新建 ANNA30 0元')).toMatchObject({ reason: 'invalid-value' })
  })
})

describe('/发券, /作废, /补发, /我的券', () => {
  it('reads the person and the batch in either order', () => {
    expect(cmd('/发券 @张三 BDAY50')).toEqual({ name: 'issue', target: '张三', batch: 'BDAY50' })
    expect(cmd('/发券 BDAY50 @张三')).toEqual({ name: 'issue', target: '张三', batch: 'BDAY50' })
    expect(cmd('/issue Li Lei BDAY50')).toEqual({ name: 'issue', target: 'Li Lei', batch: 'BDAY50' })
    expect(usage('/发券 BDAY50')).toMatchObject({ reason: 'missing-argument' })
  })

  it('voids with a reason, and says a reason is needed', () => {
    expect(cmd('/作废 K7Q2-M9XD-P4RT-WX3E 券码泄露了')).toEqual({ name: 'void', code: 'K7Q2-M9XD-P4RT-WX3E', reason: '券码泄露了' })
    expect(usage('/作废 K7Q2-M9XD-P4RT-WX3E')).toMatchObject({ name: 'void', reason: 'missing-argument' })
  })

  it('reissues a code, and lists a customer\'s coupons under several names', () => {
    expect(cmd('/补发 K7Q2-M9XD-P4RT-WX3E')).toEqual({ name: 'reissue', code: 'K7Q2-M9XD-P4RT-WX3E' })
    for (const text of ['/我的券', '/我的优惠券', '/优惠券', '/券', '/mycoupons', '/coupon', '/COUPONS']) expect(cmd(text)).toEqual({ name: 'mycoupons' })
  })
})
