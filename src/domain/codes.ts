/**
 * Codes people type (claim codes, coupon codes): Crockford's base32 (no I, L, O, U), so 5 random bits a
 * character; reading folds case, spaces, dashes and look-alikes (O reads as 0, I and L as 1).
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** `length` characters from `random` (numbers in [0, 1)), in groups of four joined by dashes. */
export function makeCode (random: () => number, length: number): string {
  let code = ''
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)]
  return code.match(/.{1,4}/g)!.join('-')
}

/** Separators people type between groups: spaces, dashes of every kind (a Chinese keyboard's ——), dots. */
const SEPARATORS = /[\s\-_\u2010-\u2015\u2212\u00B7\u30FB.]/g

export function normalizeCode (typed: string): string {
  return typed.toUpperCase().replace(SEPARATORS, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

const BASE = CODE_ALPHABET.length

/**
 * Luhn mod 32 check character over the alphabet: it catches every single mistyped character and most swaps of
 * two neighbours, so a typo is refused before any lookup.
 */
export function checkCharacter (body: string): string {
  let sum = 0
  let factor = 2
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * CODE_ALPHABET.indexOf(body[i]!)
    sum += Math.floor(addend / BASE) + (addend % BASE)
    factor = factor === 2 ? 1 : 2
  }
  return CODE_ALPHABET[(BASE - (sum % BASE)) % BASE]!
}

/** `bodyLength` random characters plus their check character, in groups of four. */
export function makeCheckedCode (random: () => number, bodyLength: number): string {
  const body = makeCode(random, bodyLength).replace(/-/g, '')
  return (body + checkCharacter(body)).match(/.{1,4}/g)!.join('-')
}

export type CodeReading = { ok: true, code: string } | { ok: false, reason: 'format' | 'typo' }

/** Reads what a person typed: folded, then the check character verified. `code` is the canonical form. */
export function readCheckedCode (typed: string, length: number): CodeReading {
  const folded = normalizeCode(typed)
  if (folded.length !== length || [...folded].some((c) => !CODE_ALPHABET.includes(c))) return { ok: false, reason: 'format' }
  const body = folded.slice(0, -1)
  if (checkCharacter(body) !== folded.slice(-1)) return { ok: false, reason: 'typo' }
  return { ok: true, code: folded.match(/.{1,4}/g)!.join('-') }
}
