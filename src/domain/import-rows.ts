/**
 * CSV import (docs/ORDERS.md): one row of a customers, products or orders file, read into the staging columns, or
 * the reason it is refused. Pure and total: any text gives a row or a problem, never an exception. What needs the
 * store (an unknown sku, two rows of one order that disagree) is checked set-based after the COPY.
 */
import { normalizePhone } from './phone.ts'
import { AGE_RANGES, MAX_CITY_LENGTH, MAX_INTEREST_LENGTH, MAX_INTERESTS } from './profile.ts'

export type Cell = string | null
export type RowResult = { ok: true, values: Cell[] } | { ok: false, problem: string }

export interface ImportColumns {
  /** Every column a file may have; the staging table has these, in this order, after the line number. */
  all: readonly string[]
  /** Columns the header must name. */
  required: readonly string[]
}

export const CUSTOMER_COLUMNS: ImportColumns = { all: ['phone', 'platform_id', 'name', 'city', 'interests', 'birthday', 'age_range', 'source'], required: [] }
export const PRODUCT_COLUMNS: ImportColumns = { all: ['sku', 'name', 'price', 'cycle_days'], required: ['sku', 'name', 'price'] }
export const ORDER_COLUMNS: ImportColumns = {
  all: ['order_id', 'paid_at', 'sku', 'qty', 'price', 'total', 'phone', 'platform_id', 'customer_id', 'coupon', 'channel'],
  required: ['order_id', 'paid_at', 'sku', 'qty'],
}

/** The problem with a header (unknown or repeated column, a required one missing), or null when it is fine. */
export function checkHeader (header: readonly string[], columns: ImportColumns): string | null {
  const names = header.map((h) => h.trim().toLowerCase())
  const unknown = names.filter((n) => !columns.all.includes(n))
  if (unknown.length > 0) return `unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; the columns are ${columns.all.join(', ')}`
  const twice = names.filter((n, i) => names.indexOf(n) !== i)
  if (twice.length > 0) return `column "${twice[0]}" appears twice`
  const missing = columns.required.filter((r) => !names.includes(r))
  if (missing.length > 0) return `missing column(s) ${missing.join(', ')}`
  return null
}

/** C0 controls (tab and line breaks included: no column holds them) and DEL; Postgres refuses NUL in text. */
const CONTROL = /[\u0000-\u001f\u007f]/u

/** A row with a control character in any cell, refused with the column and the character; null when clean. */
export function controlCharProblem (f: Record<string, string>): RowResult | null {
  for (const [column, value] of Object.entries(f)) {
    const m = CONTROL.exec(value)
    if (m !== null) return fail(`${column} has a control character (U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}); remove it and import again`)
  }
  return null
}

const blank = (v: string | undefined): string | null => {
  const t = (v ?? '').trim()
  return t === '' ? null : t
}

const SKU = /^[A-Za-z0-9_.-]{1,64}$/
const MONEY = /^\d{1,8}(?:\.\d{1,2})?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** ISO with an offset, or a local "YYYY-MM-DD HH:MM[:SS]" (read in the default zone). */
const PAID_AT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/

function realDate (s: string): boolean {
  const m = DATE.exec(s)
  if (m === null) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && Number(m[1]) >= 1900
}

function realTime (s: string): boolean {
  if (!PAID_AT.test(s)) return false
  const [date, time] = s.split(/[T ]/) as [string, string]
  const [hh, mm, ss] = time.replace(/(Z|[+-]\d{2}:?\d{2})$/, '').split(':').map(Number)
  return realDate(date) && hh! < 24 && mm! < 60 && (ss ?? 0) < 60
}

function phoneOf (raw: string | null): { phone: string | null } | { problem: string } {
  if (raw === null) return { phone: null }
  const phone = normalizePhone(raw)
  return phone === null ? { problem: `phone "${raw}" is not a phone number` } : { phone }
}

const fail = (problem: string): RowResult => ({ ok: false, problem })

export function readCustomerRow (f: Record<string, string>): RowResult {
  const phone = phoneOf(blank(f.phone))
  if ('problem' in phone) return fail(phone.problem)
  const platformId = blank(f.platform_id)
  if (phone.phone === null && platformId === null) return fail('no phone and no platform_id: one of them identifies the customer')
  if (platformId !== null && platformId.length > 200) return fail('platform_id is longer than 200 characters')
  const name = blank(f.name)
  if (name !== null && [...name].length > 64) return fail('name is longer than 64 characters')
  const city = blank(f.city)
  if (city !== null && [...city].length > MAX_CITY_LENGTH) return fail(`city is longer than ${MAX_CITY_LENGTH} characters`)
  const interests = (blank(f.interests) ?? '').split(/[|、;；]/u).map((s) => s.trim()).filter(Boolean)
  if (interests.length > MAX_INTERESTS || interests.some((i) => [...i].length > MAX_INTEREST_LENGTH)) return fail(`interests: at most ${MAX_INTERESTS}, each at most ${MAX_INTEREST_LENGTH} characters, separated by |`)
  const birthday = blank(f.birthday)
  if (birthday !== null && !realDate(birthday)) return fail(`birthday "${birthday}" is not a date YYYY-MM-DD`)
  const ageRange = blank(f.age_range)
  if (ageRange !== null && !(AGE_RANGES as readonly string[]).includes(ageRange)) return fail(`age_range "${ageRange}" is not one of ${AGE_RANGES.join(', ')}`)
  const source = blank(f.source)
  return { ok: true, values: [phone.phone, platformId, name, city, interests.length === 0 ? null : `{${interests.map((i) => `"${i.replace(/["\\]/g, '\\$&')}"`).join(',')}}`, birthday, ageRange, source] }
}

export function readProductRow (f: Record<string, string>): RowResult {
  const sku = blank(f.sku)
  if (sku === null || !SKU.test(sku)) return fail(`sku "${f.sku ?? ''}" must be 1-64 letters, digits, _ . -`)
  const name = blank(f.name)
  if (name === null) return fail('name is empty')
  const price = blank(f.price)
  if (price === null || !MONEY.test(price)) return fail(`price "${f.price ?? ''}" must be yuan with at most 2 decimals`)
  const cycle = blank(f.cycle_days)
  if (cycle !== null && (!/^\d{1,4}$/.test(cycle) || Number(cycle) < 1)) return fail(`cycle_days "${cycle}" must be a whole number of days from 1 to 9999, or empty`)
  return { ok: true, values: [sku, name, price, cycle] }
}

export function readOrderRow (f: Record<string, string>): RowResult {
  const orderId = blank(f.order_id)
  if (orderId === null || orderId.length > 100) return fail('order_id is empty or longer than 100 characters')
  const paidAt = blank(f.paid_at)
  if (paidAt === null || !realTime(paidAt)) return fail(`paid_at "${f.paid_at ?? ''}" must be a time like 2026-12-01T10:00:00+08:00 or 2026-12-01 10:00`)
  const sku = blank(f.sku)
  if (sku === null || !SKU.test(sku)) return fail(`sku "${f.sku ?? ''}" must be 1-64 letters, digits, _ . -`)
  const qty = blank(f.qty)
  if (qty === null || !/^\d{1,5}$/.test(qty) || Number(qty) < 1 || Number(qty) > 10_000) return fail(`qty "${f.qty ?? ''}" must be a whole number from 1 to 10000`)
  const price = blank(f.price)
  if (price !== null && !MONEY.test(price)) return fail(`price "${price}" must be yuan with at most 2 decimals`)
  const total = blank(f.total)
  if (total !== null && !MONEY.test(total)) return fail(`total "${total}" must be yuan with at most 2 decimals`)
  const phone = phoneOf(blank(f.phone))
  if ('problem' in phone) return fail(phone.problem)
  const platformId = blank(f.platform_id)
  const customerId = blank(f.customer_id)
  if (customerId !== null && !/^[1-9]\d{0,15}$/.test(customerId)) return fail(`customer_id "${customerId}" is not a CRM id`)
  if (phone.phone === null && platformId === null && customerId === null) return fail('no customer: give phone, platform_id or customer_id')
  return { ok: true, values: [orderId, paidAt, sku, qty, price, total, phone.phone, platformId, customerId, blank(f.coupon), blank(f.channel)] }
}
