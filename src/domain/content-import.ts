/**
 * Bulk import of library items from YAML or CSV (marketing's spreadsheets). Pure: text in, validated items or
 * errors with line numbers out. All or nothing: one bad row and nothing is imported, so a file is fixed and sent
 * again as a whole (which is safe: items already in the library are recognised by their fingerprint).
 *
 * YAML: a list of items, or `{ items: [...] }`. CSV: a header row, then one item per row (quoted fields may span
 * lines). Columns (English or Chinese): kind/类型, text/内容, region/地区, interests/兴趣, image/图片, link/链接,
 * valid_from/开始, valid_until/结束. A date without a time is a whole day, in each group's own timezone.
 */
import { LineCounter, parseDocument, isMap, isSeq } from 'yaml'
import { contentProblems, readKind, splitTags, type ContentInput, type ContentProblem } from './content-items.ts'

export const MAX_IMPORT_ITEMS = 5000
export const MAX_IMPORT_ERRORS = 20

export type ImportFormat = 'yaml' | 'csv'
export interface ImportedItem extends ContentInput { line: number }
export interface ImportError { line: number, message: string }
export type ImportResult = { ok: true, items: ImportedItem[] } | { ok: false, errors: ImportError[] }

const COLUMNS: ReadonlyMap<string, keyof RawRow> = new Map([
  ['kind', 'kind'], ['类型', 'kind'], ['type', 'kind'],
  ['text', 'text'], ['内容', 'text'], ['正文', 'text'],
  ['region', 'region'], ['地区', 'region'],
  ['interests', 'interests'], ['兴趣', 'interests'], ['tags', 'interests'], ['标签', 'interests'],
  ['image', 'image'], ['图片', 'image'],
  ['link', 'link'], ['链接', 'link'],
  ['valid_from', 'valid_from'], ['开始', 'valid_from'], ['from', 'valid_from'],
  ['valid_until', 'valid_until'], ['结束', 'valid_until'], ['until', 'valid_until'],
])

interface RawRow { kind?: unknown, text?: unknown, region?: unknown, interests?: unknown, image?: unknown, link?: unknown, valid_from?: unknown, valid_until?: unknown }

const PROBLEM_TEXT: Record<ContentProblem, string> = {
  text: 'text is empty',
  'too-long': 'text is longer than 2000 characters',
  url: 'image and link must be http(s) URLs',
  region: 'region must be 1-20 characters',
  interests: 'at most 10 interests of 1-20 characters each',
  validity: 'valid_from must be before valid_until',
}

export function parseImport (source: string, format: ImportFormat): ImportResult {
  const rows = format === 'csv' ? readCsv(source) : readYaml(source)
  if ('error' in rows) return { ok: false, errors: [rows.error] }
  if (rows.rows.length === 0) return { ok: false, errors: [{ line: 1, message: 'no items in the file' }] }
  if (rows.rows.length > MAX_IMPORT_ITEMS) return { ok: false, errors: [{ line: 1, message: `at most ${MAX_IMPORT_ITEMS} items per import` }] }
  const items: ImportedItem[] = []
  const errors: ImportError[] = []
  for (const { line, raw } of rows.rows) {
    const item = toItem(raw)
    if (typeof item === 'string') errors.push({ line, message: item })
    else items.push({ ...item, line })
    if (errors.length >= MAX_IMPORT_ERRORS) break
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items }
}

function text (v: unknown): string | null {
  if (v === undefined || v === null) return null
  const s = String(v).trim()
  return s === '' ? null : s
}

function toItem (raw: RawRow): ContentInput | string {
  const kindText = text(raw.kind)
  if (kindText === null) return 'kind is required (content/干货 or promo/促销)'
  const kind = readKind(kindText)
  if (kind === null) return `kind "${kindText}" is not content/干货 or promo/促销`
  const body = text(raw.text)
  if (body === null) return 'text is required'
  const validity = readValidity(raw.valid_from, raw.valid_until)
  if (typeof validity === 'string') return validity
  const interests = raw.interests === undefined || raw.interests === null ? [] : splitTags(Array.isArray(raw.interests) ? raw.interests.map(String) : String(raw.interests))
  const item: ContentInput = {
    kind, text: body, imageUrl: text(raw.image), linkUrl: text(raw.link), region: text(raw.region), interests, ...validity,
  }
  const problems = contentProblems(item)
  return problems.length > 0 ? problems.map((p) => PROBLEM_TEXT[p]).join('; ') : item
}

export type Validity = Pick<ContentInput, 'validFrom' | 'validUntil' | 'validFromDay' | 'validUntilDay'>

/**
 * An item's valid_from and valid_until as typed in a file (or a sandbox scenario): dates (whole days, in each
 * group's own timezone) or ISO times with offset, both of one sort; a clear error otherwise.
 */
export function readValidity (rawFrom: unknown, rawUntil: unknown): Validity | string {
  const from = readDate(rawFrom)
  if (from === 'invalid') return `valid_from "${String(rawFrom)}" is not a date (YYYY-MM-DD) or an ISO time with offset`
  const until = readDate(rawUntil)
  if (until === 'invalid') return `valid_until "${String(rawUntil)}" is not a date (YYYY-MM-DD) or an ISO time with offset`
  if ((typeof from === 'string' && until instanceof Date) || (from instanceof Date && typeof until === 'string')) return 'valid_from and valid_until must both be dates or both ISO times'
  return {
    validFrom: from instanceof Date ? from : null, validUntil: until instanceof Date ? until : null,
    validFromDay: typeof from === 'string' ? from : null, validUntilDay: typeof until === 'string' ? until : null,
  }
}

/** A date ("YYYY-MM-DD", kept as the day: each group reads it in its own timezone) or an ISO time with offset. */
function readDate (v: unknown): Date | string | null | 'invalid' {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid' : v
  const s = text(v)
  if (s === null) return null
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Date(`${s}T00:00:00Z`).toISOString().startsWith(s) ? s : 'invalid'
  if (/T.*(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s))) return new Date(s)
  return 'invalid'
}

type Rows = { rows: Array<{ line: number, raw: RawRow }> } | { error: ImportError }

function readYaml (source: string): Rows {
  const lineCounter = new LineCounter()
  // Dates stay strings: a bare 2026-12-01 is read by our own rule (the whole local day), not as UTC midnight.
  const doc = parseDocument(source, { lineCounter, schema: 'core', uniqueKeys: true })
  const first = doc.errors[0]
  if (first) return { error: { line: lineCounter.linePos(first.pos[0]).line, message: first.message.split('\n')[0]! } }
  const top: unknown = doc.contents
  const seq: unknown = isMap(top) ? top.get('items', true) : top
  if (!isSeq(seq)) return { error: { line: 1, message: 'expected a list of items, or items: [...]' } }
  const rows: Array<{ line: number, raw: RawRow }> = []
  for (const node of seq.items) {
    const n = node as { range?: [number, number, number], toJSON?: () => unknown } | null
    const line = n?.range ? lineCounter.linePos(n.range[0]).line : 1
    const value = n?.toJSON ? n.toJSON() : n
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: { line, message: 'each item must be a map of fields (kind, text, ...)' } }
    const unknown = Object.keys(value).find((k) => !COLUMNS.has(k.toLowerCase()))
    if (unknown !== undefined) return { error: { line, message: `unknown field "${unknown}"` } }
    rows.push({ line, raw: Object.fromEntries(Object.entries(value).map(([k, v]) => [COLUMNS.get(k.toLowerCase())!, v])) as RawRow })
  }
  return { rows }
}

function readCsv (source: string): Rows {
  const records = csvRecords(source.replace(/^\uFEFF/, ''))
  if ('error' in records) return records
  const [header, ...body] = records.records
  if (header === undefined) return { rows: [] }
  const columns: Array<keyof RawRow> = []
  for (const name of header.fields) {
    const column = COLUMNS.get(name.trim().toLowerCase())
    if (column === undefined) return { error: { line: header.line, message: `unknown column "${name.trim()}"` } }
    if (columns.includes(column)) return { error: { line: header.line, message: `column "${name.trim()}" appears twice` } }
    columns.push(column)
  }
  const rows: Array<{ line: number, raw: RawRow }> = []
  for (const record of body) {
    if (record.fields.every((f) => f.trim() === '')) continue
    if (record.fields.length > columns.length) return { error: { line: record.line, message: `${record.fields.length} fields, but the header has ${columns.length}` } }
    rows.push({ line: record.line, raw: Object.fromEntries(columns.map((c, i) => [c, record.fields[i]])) as RawRow })
  }
  return { rows }
}

/** RFC 4180: commas, double quotes ("" inside quotes), CRLF or LF; each record keeps the line it starts on. */
function csvRecords (source: string): { records: Array<{ line: number, fields: string[] }> } | { error: ImportError } {
  const records: Array<{ line: number, fields: string[] }> = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let start = 1
  let i = 0
  const endRecord = (): void => {
    fields.push(field)
    records.push({ line: start, fields })
    fields = []
    field = ''
  }
  while (i < source.length) {
    const ch = source[i]!
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') { field += '"'; i += 2; continue }
      if (ch === '"') { quoted = false; i++; continue }
      if (ch === '\n') line++
      field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue }
    if (ch === ',') { fields.push(field); field = ''; i++; continue }
    if (ch === '\r' && source[i + 1] === '\n') { i++; continue }
    if (ch === '\n') { endRecord(); line++; start = line; i++; continue }
    field += ch
    i++
  }
  if (quoted) return { error: { line: start, message: 'a quoted field is not closed' } }
  if (field !== '' || fields.length > 0) endRecord()
  return { records }
}
