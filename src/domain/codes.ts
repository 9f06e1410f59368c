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

export function normalizeCode (typed: string): string {
  return typed.toUpperCase().replace(/[\s\-_]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}
