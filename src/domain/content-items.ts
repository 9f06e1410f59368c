/**
 * What a library item is (SPEC 3.2), whatever door it comes through (chat, CLI import, HTTP import, sandbox):
 * one validation, one fingerprint. Pure.
 */
import { createHash } from 'node:crypto'
import type { PostKind } from './content-calendar.ts'

export const MAX_ITEM_TEXT = 2000
export const MAX_ITEM_TAGS = 10
export const MAX_ITEM_TAG_LENGTH = 20
export const MAX_URL_LENGTH = 500

export interface ContentInput {
  kind: PostKind
  text: string
  imageUrl: string | null
  linkUrl: string | null
  region: string | null
  interests: string[]
  /** Validity as instants (an ISO time with offset): the same moment for every group. */
  validFrom: Date | null
  validUntil: Date | null
  /** Validity as whole days, "YYYY-MM-DD", both included: each group reads them in its own timezone. */
  validFromDay?: string | null
  validUntilDay?: string | null
}

export type ContentProblem = 'text' | 'too-long' | 'url' | 'region' | 'interests' | 'validity'

const URL_PATTERN = /^https?:\/\/[^\s]+$/i

export function isHttpUrl (s: string): boolean {
  return s.length <= MAX_URL_LENGTH && URL_PATTERN.test(s)
}

export function contentProblems (c: ContentInput): ContentProblem[] {
  const problems: ContentProblem[] = []
  if (c.text.trim() === '') problems.push('text')
  if ([...c.text].length > MAX_ITEM_TEXT) problems.push('too-long')
  if ((c.imageUrl !== null && !isHttpUrl(c.imageUrl)) || (c.linkUrl !== null && !isHttpUrl(c.linkUrl))) problems.push('url')
  if (c.region !== null && (c.region.trim() === '' || [...c.region].length > MAX_ITEM_TAG_LENGTH)) problems.push('region')
  if (c.interests.length > MAX_ITEM_TAGS || c.interests.some((t) => t.trim() === '' || [...t].length > MAX_ITEM_TAG_LENGTH)) problems.push('interests')
  if (c.validFrom !== null && c.validUntil !== null && c.validFrom >= c.validUntil) problems.push('validity')
  else if (c.validFromDay != null && c.validUntilDay != null && c.validFromDay > c.validUntilDay) problems.push('validity')
  return problems
}

/**
 * Is an item valid for a slot on local `day` (the group's) due at `dueAt`? Days are the group's own; instants are
 * the same moment everywhere. The planner's SQL (slotPick) applies the same rule.
 */
export function validFor (i: Pick<ContentInput, 'validFrom' | 'validUntil' | 'validFromDay' | 'validUntilDay'>, day: string, dueAt: Date): boolean {
  return (i.validFrom === null || i.validFrom <= dueAt) && (i.validUntil === null || i.validUntil > dueAt) &&
    (i.validFromDay == null || i.validFromDay <= day) && (i.validUntilDay == null || i.validUntilDay >= day)
}

/** Tags as people type them: "育儿, 早教、#辅食" -> ["育儿", "早教", "辅食"], duplicates dropped. */
export function splitTags (raw: string | readonly string[]): string[] {
  const parts = typeof raw === 'string' ? raw.split(/[,，、;；|\s]+/u) : raw.flatMap((r) => String(r).split(/[,，、;；|]+/u))
  const seen = new Set<string>()
  const out: string[] = []
  for (const part of parts) {
    const tag = part.replace(/^[#＃]+/u, '').trim()
    if (tag === '' || seen.has(tag.toLowerCase())) continue
    seen.add(tag.toLowerCase())
    out.push(tag)
  }
  return out
}

/**
 * The natural key of an item: its kind, its text with whitespace folded, its image and link. Tags and validity
 * are not part of it: the same post is the same item, so importing a file twice adds nothing the second time.
 */
export function contentFingerprint (c: Pick<ContentInput, 'kind' | 'text' | 'imageUrl' | 'linkUrl'>): string {
  const text = c.text.normalize('NFC').replace(/\s+/gu, ' ').trim()
  return createHash('sha256').update(JSON.stringify([c.kind, text, c.imageUrl ?? '', c.linkUrl ?? ''])).digest('hex')
}

const KIND_WORDS: ReadonlyMap<string, PostKind> = new Map([
  ['content', 'content'], ['干货', 'content'], ['内容', 'content'], ['tips', 'content'],
  ['promo', 'promo'], ['促销', 'promo'], ['优惠', 'promo'], ['promotion', 'promo'],
])

/** "干货", "content", "促销", "promo" (any case) -> the kind; anything else -> null. */
export function readKind (word: string): PostKind | null {
  return KIND_WORDS.get(word.normalize('NFKC').trim().toLowerCase()) ?? null
}
