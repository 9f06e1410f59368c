/**
 * The one-time owner claim code: 12 characters of Crockford's base32 (no I, L, O, U), 60 random bits, shown as
 * XXXX-XXXX-XXXX. Typing is forgiving: case, spaces and dashes are ignored, O reads as 0 and I/L as 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export const CLAIM_CODE_LENGTH = 12

/** `random` gives numbers in [0, 1): crypto-backed in production, seeded in the sandbox. */
export function makeClaimCode (random: () => number): string {
  let code = ''
  for (let i = 0; i < CLAIM_CODE_LENGTH; i++) code += ALPHABET[Math.floor(random() * ALPHABET.length)]
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`
}

export function normalizeClaimCode (typed: string): string {
  return typed.toUpperCase().replace(/[\s\-_]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}
