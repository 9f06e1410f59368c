/** The one-time owner claim code: 12 characters (60 random bits), shown as XXXX-XXXX-XXXX. */
import { makeCode, normalizeCode } from './codes.ts'

export const CLAIM_CODE_LENGTH = 12

/** `random` gives numbers in [0, 1): crypto-backed in production, seeded in the sandbox. */
export function makeClaimCode (random: () => number): string {
  return makeCode(random, CLAIM_CODE_LENGTH)
}

export const normalizeClaimCode = normalizeCode
