/**
 * Phone numbers as shops send them ("+86 138-0013-8000", "8613800138000", "138 0013 8000") read to one form, so an
 * order and a contact match however either was typed. Mainland mobiles become their 11 digits; other numbers keep
 * their digits (with the country code) when they have a plausible length.
 */
export function normalizePhone (raw: string): string | null {
  const digits = raw.normalize('NFKC').replace(/[\s\-().]/g, '').replace(/^\+/, '')
  if (!/^\d+$/.test(digits)) return null
  const mainland = /^(?:0086|86)?(1[3-9]\d{9})$/.exec(digits)
  if (mainland) return mainland[1]!
  return digits.length >= 6 && digits.length <= 15 ? digits : null
}
