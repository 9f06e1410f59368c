/**
 * Small pure text helpers shared by the command parser and its argument readers. Total on any string.
 */

// Control characters (incl. NUL, which Postgres text refuses) become spaces; zero-width marks that WeChat and
// copy-paste insert are dropped; lone surrogates become U+FFFD so every value we return is valid UTF-8.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Longest display name or @mention we accept as a person's name. */
export const MAX_NAME_LENGTH = 64

export function clean (text: string): string {
  return text.replace(CONTROL, ' ').replace(ZERO_WIDTH, '').replace(LONE_SURROGATE, '\uFFFD').trim()
}

/** Fold full-width Latin (ＴＤ, ／ＨＥＬＰ) and case, for comparing keywords only; values keep their spelling. */
export function fold (word: string): string {
  return word.normalize('NFKC').toLowerCase()
}

export function codePoints (s: string): number {
  return [...s].length
}

export function stripAt (name: string): string {
  return name.replace(/^[@＠]+/u, '').trim()
}
