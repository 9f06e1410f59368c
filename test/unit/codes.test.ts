import { describe, expect, it } from 'vitest'
import { CODE_ALPHABET, checkCharacter, makeCheckedCode, readCheckedCode } from '../../src/domain/codes.ts'
import { seededRandom } from '../../src/domain/random.ts'

const LENGTH = 16
const codes = (n: number): string[] => { const r = seededRandom(5); return Array.from({ length: n }, () => makeCheckedCode(r, 15)) }

describe('coupon codes', () => {
  it('are 15 random characters (75 bits, at least the 50 the spec asks) plus a check character, in groups of four', () => {
    const [code] = codes(1)
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
    expect(15 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(50)
    expect(new Set(codes(2000)).size).toBe(2000)
  })

  it('read back case-insensitively, with look-alikes and separators folded', () => {
    for (const code of codes(50)) {
      const sloppy = code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/-/g, ' ')
      expect(readCheckedCode(sloppy, LENGTH)).toEqual({ ok: true, code })
    }
  })

  it('catch every single mistyped character', () => {
    for (const code of codes(40)) {
      const plain = code.replace(/-/g, '')
      for (let i = 0; i < plain.length; i++) {
        for (const c of CODE_ALPHABET) {
          if (c === plain[i]) continue
          const typo = plain.slice(0, i) + c + plain.slice(i + 1)
          expect(readCheckedCode(typo, LENGTH)).toEqual({ ok: false, reason: 'typo' })
        }
      }
    }
  })

  it('catch most swaps of two neighbours', () => {
    let swaps = 0
    let caught = 0
    for (const code of codes(200)) {
      const plain = code.replace(/-/g, '')
      for (let i = 0; i + 1 < plain.length; i++) {
        if (plain[i] === plain[i + 1]) continue
        swaps++
        const swapped = plain.slice(0, i) + plain[i + 1] + plain[i] + plain.slice(i + 2)
        if (!readCheckedCode(swapped, LENGTH).ok) caught++
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95)
  })

  it('refuse a wrong length or a character outside the alphabet as a format error', () => {
    expect(readCheckedCode('ABCD-EFGH', LENGTH)).toEqual({ ok: false, reason: 'format' })
    expect(readCheckedCode('ABCD-EFGH-JKMN-PQR#', LENGTH)).toEqual({ ok: false, reason: 'format' })
    expect(checkCharacter('0000')).toBe('0')
  })
})
