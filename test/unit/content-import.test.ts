import { describe, expect, it } from 'vitest'
import { parseImport } from '../../src/domain/content-import.ts'
import { contentFingerprint, splitTags, validFor } from '../../src/domain/content-items.ts'

describe('importing library items', () => {
  it('reads a CSV with quotes, commas and line breaks inside fields, Chinese headers and kinds', () => {
    const csv = '\uFEFF类型,内容,地区,兴趣,结束\r\n干货,"辅食添加的3个误区，""第一讲""\r\n第二行",成都,"育儿、辅食",2026-12-31\r\n促销,全场包邮,,,\r\n'
    const result = parseImport(csv, 'csv')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.items).toHaveLength(2)
    expect(result.items[0]).toMatchObject({ line: 2, kind: 'content', text: '辅食添加的3个误区，"第一讲"\r\n第二行', region: '成都', interests: ['育儿', '辅食'], validFrom: null })
    // a date is a whole day, kept as the day: each group reads it in its own timezone
    expect(result.items[0]).toMatchObject({ validFromDay: null, validUntilDay: '2026-12-31', validUntil: null })
    expect(result.items[1]).toMatchObject({ line: 4, kind: 'promo', region: null, interests: [] })
  })

  it('names the line of every bad row and imports nothing', () => {
    const csv = 'kind,text,link,valid_from,valid_until\ncontent,ok,,,\nsnack,x,,,\npromo,,,,\ncontent,y,ftp://x,,\ncontent,z,,2026-12-31,2026-12-01\ncontent,w,,12/31,\ncontent,v,,2026-12-01,2026-12-02T00:00:00+08:00\n'
    expect(parseImport(csv, 'csv')).toEqual({
      ok: false,
      errors: [
        { line: 3, message: 'kind "snack" is not content/干货 or promo/促销' },
        { line: 4, message: 'text is required' },
        { line: 5, message: 'image and link must be http(s) URLs' },
        { line: 6, message: 'valid_from must be before valid_until' },
        { line: 7, message: 'valid_from "12/31" is not a date (YYYY-MM-DD) or an ISO time with offset' },
        { line: 8, message: 'valid_from and valid_until must both be dates or both ISO times' },
      ],
    })
  })

  it('refuses unknown columns, a row longer than the header, an unclosed quote, an empty file', () => {
    expect(parseImport('kind,text,colour\n', 'csv')).toEqual({ ok: false, errors: [{ line: 1, message: 'unknown column "colour"' }] })
    expect(parseImport('kind,text\ncontent,a,b\n', 'csv')).toEqual({ ok: false, errors: [{ line: 2, message: '3 fields, but the header has 2' }] })
    expect(parseImport('kind,text\ncontent,"open\n', 'csv')).toEqual({ ok: false, errors: [{ line: 2, message: 'a quoted field is not closed' }] })
    expect(parseImport('kind,text\n', 'csv')).toEqual({ ok: false, errors: [{ line: 1, message: 'no items in the file' }] })
  })

  it('reads YAML as a list or under items:, with line numbers of each item', () => {
    const yaml = 'items:\n  - kind: content\n    text: |\n      多行\n      正文\n    interests: [育儿, 早教]\n  - { kind: 促销, text: 包邮, valid_from: "2026-12-01T10:00:00+08:00" }\n'
    const result = parseImport(yaml, 'yaml')
    expect(result.ok && result.items.map((i) => [i.line, i.kind, i.text, i.interests])).toEqual([[2, 'content', '多行\n正文', ['育儿', '早教']], [7, 'promo', '包邮', []]])
    expect(parseImport('- { kind: content, text: a, colour: red }\n', 'yaml')).toEqual({ ok: false, errors: [{ line: 1, message: 'unknown field "colour"' }] })
    expect(parseImport('kind: content\n', 'yaml')).toEqual({ ok: false, errors: [{ line: 1, message: 'expected a list of items, or items: [...]' }] })
    expect(parseImport('- [a, b]\n- { kind: content, text: a }\n', 'yaml')).toEqual({ ok: false, errors: [{ line: 1, message: 'each item must be a map of fields (kind, text, ...)' }] })
    const broken = parseImport('items:\n  - kind: content\n   text: x\n', 'yaml')
    expect(broken.ok).toBe(false)
  })
})

describe('the item fingerprint', () => {
  it('is the same for the same post whatever the whitespace, tags or validity, and differs by kind, text or link', () => {
    const a = { kind: 'content' as const, text: '辅食  添加\n的误区 ', imageUrl: null, linkUrl: null }
    expect(contentFingerprint(a)).toBe(contentFingerprint({ ...a, text: '辅食 添加 的误区' }))
    expect(contentFingerprint(a)).not.toBe(contentFingerprint({ ...a, kind: 'promo' }))
    expect(contentFingerprint(a)).not.toBe(contentFingerprint({ ...a, linkUrl: 'https://x.example' }))
  })

  it('splits tags as people type them', () => {
    expect(splitTags('育儿, 早教、#辅食 育儿')).toEqual(['育儿', '早教', '辅食'])
    expect(splitTags(['a,b', 'B'])).toEqual(['a', 'b'])
  })
})

describe('an item\'s validity', () => {
  const due = new Date('2026-12-01T10:00:00+08:00')
  const none = { validFrom: null, validUntil: null }
  it('given as days holds on the first and the last day, and not the day before or after', () => {
    const item = { ...none, validFromDay: '2026-12-01', validUntilDay: '2026-12-31' }
    expect(['2026-11-30', '2026-12-01', '2026-12-31', '2027-01-01'].map((d) => validFor(item, d, due))).toEqual([false, true, true, false])
  })
  it('given as instants starts at valid_from and ends just before valid_until', () => {
    const item = { validFrom: due, validUntil: new Date(due.getTime() + 1000) }
    expect([-1, 0, 999, 1000].map((ms) => validFor(item, '2026-12-01', new Date(due.getTime() + ms)))).toEqual([false, true, true, false])
  })
})
