/**
 * The basic-information questions asked after a new friend agreed to the consent notice (SPEC 3.3): city,
 * interests, optional birthday, age range, one at a time. Pure and total: any reply gives an answer, a skip, a stop
 * or "not understood", never an exception. Declining is always fine.
 */
import { codePoints, fold } from './commands/text.ts'

export const PROFILE_STEPS = ['consent', 'city', 'interests', 'birthday', 'age-range'] as const
export type ProfileStep = typeof PROFILE_STEPS[number]
/** The questions after consent, in the order they are asked. */
export const QUESTIONS: readonly ProfileStep[] = ['city', 'interests', 'birthday', 'age-range']

export const AGE_RANGES = ['under-18', '18-24', '25-34', '35-44', '45+'] as const
export type AgeRange = typeof AGE_RANGES[number]

/** A reply counts as the answer only this long after the question; later, it is ordinary chat. */
export const ANSWER_WINDOW_MS = 24 * 3600_000
/** Year stored for a birthday given without one (a leap year, so 02-29 fits); shown as month and day only. */
export const NO_YEAR = 1904

export const MAX_CITY_LENGTH = 20
export const MAX_INTERESTS = 10
export const MAX_INTEREST_LENGTH = 20

export type ProfileAnswer =
  | { kind: 'consent', agreed: boolean }
  | { kind: 'city', city: string }
  | { kind: 'interests', interests: string[] }
  /** YYYY-MM-DD; the year is NO_YEAR when the person left it out. */
  | { kind: 'birthday', birthday: string }
  | { kind: 'age-range', ageRange: AgeRange }

export type ProfileReply =
  | { kind: 'answer', answer: ProfileAnswer }
  /** Not this question (跳过): ask the next one. */
  | { kind: 'skip' }
  /** No more questions (不用了): stop, keep what was given. */
  | { kind: 'stop' }
  /** Looks like an attempt at the answer but cannot be read: ask again. */
  | { kind: 'unclear' }
  /** Not an answer at all (a question, a greeting, a sentence): ordinary chat, the question stays open. */
  | { kind: 'chat' }

const AGREE = new Set(['同意', '好', '好的', '可以', '愿意', '行', '嗯', '嗯嗯', '没问题', '同意了', 'ok', 'okay', 'yes', 'y', '是', '是的', '1'])
const DECLINE = new Set(['不同意', '不要', '不用', '不用了', '拒绝', '算了', '不了', '不', 'no', 'n', '2'])
const SKIP = new Set(['跳过', '下一个', '下一题', '不想说', '保密', '不告诉你', 'skip', 'pass', '-'])
const STOP = new Set(['不用了', '不填了', '退出', '算了', '结束', '停止', 'stop', 'quit', 'exit'])

/** Trailing punctuation and emoji people add ("好的！", "跳过～"). */
const TRAILING = /[\s!！。.，,~～?？😀-🙏👌👍]+$/u

function normalized (text: string): string {
  return fold(text).trim().replace(TRAILING, '')
}

/** An answer is short (a list of interests a bit longer); a longer message is somebody talking. */
export const MAX_ANSWER_LENGTH = 40
export const MAX_INTERESTS_ANSWER_LENGTH = 100
/** Marks of ordinary chat rather than an answer: a question, a greeting or thanks, shop talk, a link. */
const CHAT = /[?？]|吗|呢|请问|你好|您好|在不在|谢谢|多谢|哈哈|怎么|什么|为什么|多少|哪里|发货|快递|物流|订单|退款|优惠|价格|链接|https?:|\b(?:hi|hello|hey|thanks|what|how|why|when|where)\b/iu
/** Words no city name has: pronouns, wanting, buying, particles. */
const NOT_A_CITY = /[我你他她们想要买卖是有没了的啊吧呀哦嗯]/u
const NOT_INTERESTS = /[你他她想要买卖吗呢吧]/u

/** Ordinary chat, not an answer to any profile question. */
export function looksLikeChat (text: string, maxLength = MAX_ANSWER_LENGTH): boolean {
  return codePoints(text.trim()) > maxLength || CHAT.test(text)
}

export function readProfileReply (step: ProfileStep, text: string): ProfileReply {
  if (typeof text !== 'string' || text.length > 500) return { kind: 'chat' }
  const word = normalized(text)
  if (step === 'consent') {
    if (AGREE.has(word)) return { kind: 'answer', answer: { kind: 'consent', agreed: true } }
    if (DECLINE.has(word) || STOP.has(word) || SKIP.has(word)) return { kind: 'answer', answer: { kind: 'consent', agreed: false } }
    return looksLikeChat(text) ? { kind: 'chat' } : { kind: 'unclear' }
  }
  if (STOP.has(word)) return { kind: 'stop' }
  if (SKIP.has(word)) return { kind: 'skip' }
  if (looksLikeChat(text, step === 'interests' ? MAX_INTERESTS_ANSWER_LENGTH : MAX_ANSWER_LENGTH)) return { kind: 'chat' }
  switch (step) {
    case 'city': return readCity(text)
    case 'interests': return readInterests(text)
    case 'birthday': return readBirthday(text)
    case 'age-range': return readAgeRange(word)
  }
}

function readCity (text: string): ProfileReply {
  // "我在成都" / "成都市" / "坐标成都" -> "成都"
  const city = text.trim().replace(/^(?:我在|在|坐标|住在|我住在)/u, '').replace(/市$/u, '').trim()
  if (NOT_A_CITY.test(city)) return { kind: 'chat' }
  if (city === '' || codePoints(city) > MAX_CITY_LENGTH || /^[/／]/u.test(city) || /\d{4,}/.test(city)) return { kind: 'unclear' }
  return { kind: 'answer', answer: { kind: 'city', city } }
}

function readInterests (text: string): ProfileReply {
  const seen = new Set<string>()
  const interests: string[] = []
  const list = text.trim().replace(/^(?:我喜欢|喜欢|我的兴趣是|兴趣是|爱好是|平时喜欢)/u, '')
  if (NOT_INTERESTS.test(list)) return { kind: 'chat' }
  for (const part of list.split(/[,，、;；/\s和跟及]+/u)) {
    const tag = part.replace(/^[#＃]+/u, '').trim()
    if (tag === '' || seen.has(fold(tag))) continue
    seen.add(fold(tag))
    interests.push(tag)
  }
  if (interests.length === 0 || interests.some((t) => codePoints(t) > MAX_INTEREST_LENGTH)) return { kind: 'unclear' }
  return { kind: 'answer', answer: { kind: 'interests', interests: interests.slice(0, MAX_INTERESTS) } }
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** 1990-05-12, 1990/5/12, 1990.5.12, 19900512, 1990年5月12日, 5月12日, 5-12, 05/12. */
function readBirthday (text: string): ProfileReply {
  const t = text.normalize('NFKC').trim().replace(/\s+/g, '')
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/u.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t)
  const short = full === null ? /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/u.exec(t) : null
  const [year, month, day] = full !== null
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : short !== null ? [NO_YEAR, Number(short[1]), Number(short[2])] : [0, 0, 0]
  if (year === 0) return { kind: 'unclear' }
  const date = `${year}-${pad(month)}-${pad(day)}`
  const parsed = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(date)) return { kind: 'unclear' }
  if (year !== NO_YEAR && (year < 1900 || year > 2100)) return { kind: 'unclear' }
  return { kind: 'answer', answer: { kind: 'birthday', birthday: date } }
}

const AGE_WORDS: ReadonlyMap<string, AgeRange> = new Map([
  ['1', 'under-18'], ['18岁以下', 'under-18'], ['18以下', 'under-18'], ['未成年', 'under-18'],
  ['2', '18-24'], ['18-24', '18-24'], ['18-24岁', '18-24'],
  ['3', '25-34'], ['25-34', '25-34'], ['25-34岁', '25-34'],
  ['4', '35-44'], ['35-44', '35-44'], ['35-44岁', '35-44'],
  ['5', '45+'], ['45+', '45+'], ['45岁以上', '45+'], ['45岁及以上', '45+'], ['45以上', '45+'],
])

/** A choice 1-5, a range as listed, or an age ("28", "28岁"). */
function readAgeRange (word: string): ProfileReply {
  const listed = AGE_WORDS.get(word.replace(/[~～—–]/gu, '-'))
  if (listed !== undefined) return { kind: 'answer', answer: { kind: 'age-range', ageRange: listed } }
  const age = /^(\d{2,3})岁?$/u.exec(word)
  if (age === null) return { kind: 'unclear' }
  const n = Number(age[1])
  if (n < 10 || n > 120) return { kind: 'unclear' }
  const ageRange: AgeRange = n < 18 ? 'under-18' : n < 25 ? '18-24' : n < 35 ? '25-34' : n < 45 ? '35-44' : '45+'
  return { kind: 'answer', answer: { kind: 'age-range', ageRange } }
}

/** The question after `step` that the person has not answered yet; null when none is left. */
export function nextQuestion (after: ProfileStep | null, answered: ReadonlySet<ProfileStep>): ProfileStep | null {
  const from = after === null || after === 'consent' ? 0 : QUESTIONS.indexOf(after) + 1
  return QUESTIONS.slice(from).find((q) => !answered.has(q)) ?? null
}
