import { describe, expect, it } from 'vitest'
import { checkHeader, controlCharProblem, CUSTOMER_COLUMNS, ORDER_COLUMNS, PRODUCT_COLUMNS, readCustomerRow, readOrderRow, readProductRow } from '../../src/domain/import-rows.ts'

const order = (extra: Record<string, string> = {}) => ({ order_id: 'A1', paid_at: '2026-11-01 10:00', sku: 'milk-1', qty: '2', phone: '+86 138-0013-8000', ...extra })

describe('CSV rows', () => {
  it('checks the header: unknown, repeated and missing columns', () => {
    expect(checkHeader(['order_id', 'paid_at', 'sku', 'qty'], ORDER_COLUMNS)).toBeNull()
    expect(checkHeader(['SKU', 'Name', 'price'], PRODUCT_COLUMNS)).toBeNull()
    expect(checkHeader(['sku', 'name', 'price', 'colour'], PRODUCT_COLUMNS)).toMatch(/unknown column\(s\) "colour"/)
    expect(checkHeader(['sku', 'name', 'sku', 'price'], PRODUCT_COLUMNS)).toBe('column "sku" appears twice')
    expect(checkHeader(['sku', 'name'], PRODUCT_COLUMNS)).toBe('missing column(s) price')
    expect(checkHeader(['phone'], CUSTOMER_COLUMNS)).toBeNull()
  })

  it('reads an order item, normalizing the phone', () => {
    expect(readOrderRow(order())).toEqual({ ok: true, values: ['A1', '2026-11-01 10:00', 'milk-1', '2', null, null, '13800138000', null, null, null, null] })
    expect(readOrderRow(order({ paid_at: '2026-11-01T10:00:00+08:00' })).ok).toBe(true)
  })

  it('refuses what cannot be an order item, saying why', () => {
    expect(readOrderRow(order({ qty: '0' }))).toMatchObject({ ok: false, problem: expect.stringMatching(/^qty "0"/) })
    expect(readOrderRow(order({ qty: '10001' })).ok).toBe(false)
    expect(readOrderRow(order({ paid_at: '2026-02-30 10:00' })).ok).toBe(false)
    expect(readOrderRow(order({ paid_at: '2026-11-01 25:00' })).ok).toBe(false)
    expect(readOrderRow(order({ price: '1.234' })).ok).toBe(false)
    expect(readOrderRow(order({ phone: 'call me' }))).toMatchObject({ ok: false, problem: 'phone "call me" is not a phone number' })
    expect(readOrderRow(order({ phone: '' }))).toMatchObject({ ok: false, problem: 'no customer: give phone, platform_id or customer_id' })
    expect(readOrderRow(order({ customer_id: '0' })).ok).toBe(false)
  })

  it('reads products with and without a cycle', () => {
    expect(readProductRow({ sku: 'milk-1', name: '婴儿奶粉', price: '199', cycle_days: '30' })).toEqual({ ok: true, values: ['milk-1', '婴儿奶粉', '199', '30'] })
    expect(readProductRow({ sku: 'wipes', name: '湿巾', price: '19.9', cycle_days: '' })).toEqual({ ok: true, values: ['wipes', '湿巾', '19.9', null] })
    expect(readProductRow({ sku: 'x', name: 'y', price: '-1' }).ok).toBe(false)
    expect(readProductRow({ sku: 'x', name: 'y', price: '1', cycle_days: '0' }).ok).toBe(false)
    expect(readProductRow({ sku: 'a b', name: 'y', price: '1' }).ok).toBe(false)
  })

  it('reads customers, who need a phone or a platform id', () => {
    expect(readCustomerRow({ phone: '13800138000', interests: '育儿|美食', birthday: '1990-05-12', age_range: '25-34' }))
      .toEqual({ ok: true, values: ['13800138000', null, null, null, '{"育儿","美食"}', '1990-05-12', '25-34', null] })
    expect(readCustomerRow({ name: '张三' }).ok).toBe(false)
    expect(readCustomerRow({ platform_id: 'wx1', birthday: '1990-13-01' }).ok).toBe(false)
    expect(readCustomerRow({ platform_id: 'wx1', age_range: '30' }).ok).toBe(false)
  })

  it('refuses a cell with a control character (NUL included), naming the column and the character', () => {
    expect(controlCharProblem({ name: '李四', city: '上海' })).toBeNull()
    expect(controlCharProblem({ name: 'a\u0000b' })).toEqual({ ok: false, problem: 'name has a control character (U+0000); remove it and import again' })
    expect(controlCharProblem({ city: 'x\u001f' })).toMatchObject({ ok: false, problem: expect.stringContaining('U+001F') })
    expect(controlCharProblem({ city: 'x\u007f' })).toMatchObject({ ok: false })
    expect(controlCharProblem({ city: 'x\u0080' })).toBeNull()
  })
})
