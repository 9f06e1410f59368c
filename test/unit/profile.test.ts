import { describe, expect, it } from 'vitest'
import { nextQuestion, readProfileReply } from '../../src/domain/profile.ts'

describe('profile answers', () => {
  it('reads agreement and refusal of the consent notice, and asks again for anything else', () => {
    expect(readProfileReply('consent', '同意')).toEqual({ kind: 'answer', answer: { kind: 'consent', agreed: true } })
    expect(readProfileReply('consent', '好的！')).toEqual({ kind: 'answer', answer: { kind: 'consent', agreed: true } })
    expect(readProfileReply('consent', '不用了')).toEqual({ kind: 'answer', answer: { kind: 'consent', agreed: false } })
    expect(readProfileReply('consent', '你们是谁')).toEqual({ kind: 'unclear' })
  })

  it('takes ordinary chat for chat, not for the answer, while a question is open', () => {
    for (const step of ['consent', 'city', 'interests', 'birthday', 'age-range'] as const) {
      for (const text of ['在吗？', '什么时候发货', '你好', '谢谢', 'hello there', '订单号多少', '成'.repeat(101)]) expect(readProfileReply(step, text)).toEqual({ kind: 'chat' })
    }
    expect(readProfileReply('city', '我想买奶粉')).toEqual({ kind: 'chat' })
    expect(readProfileReply('city', '好的')).toEqual({ kind: 'chat' })
    expect(readProfileReply('interests', '我要退这个')).toEqual({ kind: 'chat' })
    expect(readProfileReply('interests', '我喜欢美食、旅行')).toEqual({ kind: 'answer', answer: { kind: 'interests', interests: ['美食', '旅行'] } })
    expect(readProfileReply('city', 'Shanghai')).toEqual({ kind: 'answer', answer: { kind: 'city', city: 'Shanghai' } })
    // 40 characters is still an attempt (asked again), 41 is talk; a list of interests may take 100
    expect(readProfileReply('birthday', '1'.repeat(40))).toEqual({ kind: 'unclear' })
    expect(readProfileReply('birthday', '1'.repeat(41))).toEqual({ kind: 'chat' })
    expect(readProfileReply('interests', 'a,'.repeat(50).slice(0, 100)).kind).toBe('answer')
    expect(readProfileReply('interests', 'a,'.repeat(51))).toEqual({ kind: 'chat' })
  })

  it('lets a person skip one question or stop them all', () => {
    expect(readProfileReply('city', '跳过')).toEqual({ kind: 'skip' })
    expect(readProfileReply('birthday', '保密')).toEqual({ kind: 'skip' })
    expect(readProfileReply('interests', '不填了')).toEqual({ kind: 'stop' })
  })

  it('reads a city as people write it', () => {
    expect(readProfileReply('city', '我在成都市')).toEqual({ kind: 'answer', answer: { kind: 'city', city: '成都' } })
    expect(readProfileReply('city', '/help')).toEqual({ kind: 'unclear' })
    expect(readProfileReply('city', '成'.repeat(21))).toEqual({ kind: 'unclear' })
  })

  it('reads interests separated the usual ways, at most 10', () => {
    expect(readProfileReply('interests', '育儿，美食、#护肤 育儿')).toEqual({ kind: 'answer', answer: { kind: 'interests', interests: ['育儿', '美食', '护肤'] } })
    const many = Array.from({ length: 12 }, (_, i) => `兴趣${i}`).join(',')
    const reply = readProfileReply('interests', many)
    expect(reply.kind === 'answer' && reply.answer.kind === 'interests' && reply.answer.interests.length).toBe(10)
  })

  it('reads birthdays with or without a year and refuses dates that do not exist', () => {
    expect(readProfileReply('birthday', '1990-05-12')).toEqual({ kind: 'answer', answer: { kind: 'birthday', birthday: '1990-05-12' } })
    expect(readProfileReply('birthday', '1990年5月12日')).toEqual({ kind: 'answer', answer: { kind: 'birthday', birthday: '1990-05-12' } })
    expect(readProfileReply('birthday', '5月12号')).toEqual({ kind: 'answer', answer: { kind: 'birthday', birthday: '1904-05-12' } })
    expect(readProfileReply('birthday', '2月29日')).toEqual({ kind: 'answer', answer: { kind: 'birthday', birthday: '1904-02-29' } })
    expect(readProfileReply('birthday', '1990-02-30')).toEqual({ kind: 'unclear' })
    expect(readProfileReply('birthday', '下周')).toEqual({ kind: 'unclear' })
  })

  it('reads an age range as a choice, a range or an age', () => {
    expect(readProfileReply('age-range', '3')).toEqual({ kind: 'answer', answer: { kind: 'age-range', ageRange: '25-34' } })
    expect(readProfileReply('age-range', '28岁')).toEqual({ kind: 'answer', answer: { kind: 'age-range', ageRange: '25-34' } })
    expect(readProfileReply('age-range', '17')).toEqual({ kind: 'answer', answer: { kind: 'age-range', ageRange: 'under-18' } })
    expect(readProfileReply('age-range', '45岁以上')).toEqual({ kind: 'answer', answer: { kind: 'age-range', ageRange: '45+' } })
    expect(readProfileReply('age-range', '9')).toEqual({ kind: 'unclear' })
  })

  it('asks the questions in order, skipping what is known', () => {
    expect(nextQuestion('consent', new Set())).toBe('city')
    expect(nextQuestion('consent', new Set(['city']))).toBe('interests')
    expect(nextQuestion('interests', new Set(['city', 'interests']))).toBe('birthday')
    expect(nextQuestion('age-range', new Set())).toBeNull()
  })

  it('never throws on odd input', () => {
    for (const text of ['', ' ', '\u0000', 'x'.repeat(10_000), '\uD800', '１９９０－０５－１２']) {
      for (const step of ['consent', 'city', 'interests', 'birthday', 'age-range'] as const) expect(() => readProfileReply(step, text)).not.toThrow()
    }
  })
})
