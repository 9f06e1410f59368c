import { describe, expect, it } from 'vitest'
import { normalizePhone } from '../../src/domain/phone.ts'

describe('normalizePhone', () => {
  it('reads a mainland mobile however it was typed', () => {
    for (const typed of ['13800138000', '+86 138-0013-8000', '8613800138000', '0086 138 0013 8000', '138 0013 8000', '１３８００１３８０００']) {
      expect(normalizePhone(typed)).toBe('13800138000')
    }
  })

  it('keeps other numbers as digits and refuses what is not a number', () => {
    expect(normalizePhone('+852 9123 4567')).toBe('85291234567')
    expect(normalizePhone('call me')).toBeNull()
    expect(normalizePhone('123')).toBeNull()
    expect(normalizePhone('1234567890123456')).toBeNull()
  })
})
