/**
 * `qunbot import customers|products|orders FILE` (docs/ORDERS.md): the file (UTF-8, or GBK/GB18030 as Excel on Chinese
 * Windows saves it) is decoded and parsed as one stream pipeline, each row read by the
 * pure readers (domain/import-rows.ts) and COPYed into a staging table, checked set-based against the store, then
 * written to the real tables, all in ONE transaction: a file with any rejected row imports nothing (the report names
 * every rejected line and why), and a file imported twice adds nothing the second time. `--dry-run` does everything
 * and rolls back.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import type postgres from 'postgres'
import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import { createStore, type Db } from '../db/client.ts'
import { ensureAccount } from '../db/queries/accounts.ts'
import { applyCustomers, applyProducts, duplicateRejections, linkOrdersByPlatformIds, type Rejection } from '../db/queries/import-customers.ts'
import { applyOrders, orderRejections } from '../db/queries/import-orders.ts'
import { idList, linkOrdersByPhone } from '../db/queries/order-effects.ts'
import * as schema from '../db/schema/index.ts'
import { checkHeader, controlCharProblem, CUSTOMER_COLUMNS, ORDER_COLUMNS, PRODUCT_COLUMNS, readCustomerRow, readOrderRow, readProductRow, type ImportColumns, type RowResult } from '../domain/import-rows.ts'
import { decodeStream, detectEncoding } from './csv-decode.ts'
import { applyOrderEffects } from './order-effects.ts'

export const IMPORT_KINDS = ['customers', 'products', 'orders'] as const
export type ImportKind = typeof IMPORT_KINDS[number]

/** A file that cannot be imported at all (unreadable, a bad header): one line for the person. */
export class ImportError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'ImportError'
  }
}

export interface ImportReport {
  kind: ImportKind
  rows: number
  rejected: Rejection[]
  /** What was (or, in a dry run, would have been) written; empty when the file was refused. */
  result: Record<string, number>
  dryRun: boolean
  /** Refused: nothing was imported. */
  refused: boolean
}

export interface ImportOptions {
  kind: ImportKind
  file: string
  dryRun: boolean
  /** Orders only: where they came from (with the order id, their identity). */
  source: string
  config: Config
  clock: Clock
  /** Told the bytes read so far, for a progress bar. */
  onProgress?: (bytes: number, rows: number) => void
  onStart?: (totalBytes: number) => void
}

const READERS: Record<ImportKind, { columns: ImportColumns, read: (f: Record<string, string>) => RowResult }> = {
  customers: { columns: CUSTOMER_COLUMNS, read: readCustomerRow },
  products: { columns: PRODUCT_COLUMNS, read: readProductRow },
  orders: { columns: ORDER_COLUMNS, read: readOrderRow },
}

/** Thrown inside the transaction to roll it back with the report (a dry run, or a refused file). */
class Rollback extends Error {
  constructor (readonly report: ImportReport) { super('rollback') }
}

export async function importCsv (opts: ImportOptions): Promise<ImportReport> {
  const size = await stat(opts.file).then((s) => s.size, (err: NodeJS.ErrnoException) => { throw new ImportError(`${opts.file}: cannot read the file (${err.code ?? err.message})`) })
  opts.onStart?.(size)
  const store = createStore(opts.config.DATABASE_URL, { max: 1 })
  try {
    const account = await ensureAccount(store.db, opts.config.BOT_ACCOUNT)
    return await store.sql.begin(async (conn) => {
      // drizzle over this transaction's connection (the store's parsers, so values read as everywhere else)
      const db = drizzle(Object.assign(conn, { options: store.sql.options }) as unknown as postgres.Sql, { schema })
      const report = await importIn(conn, db, account.id, opts)
      if (report.refused || report.dryRun) throw new Rollback(report)
      return report
    }) as ImportReport
  } catch (err) {
    if (err instanceof Rollback) return err.report
    throw err
  } finally {
    await store.close()
  }
}

async function importIn (conn: postgres.TransactionSql, db: Db, accountId: number, opts: ImportOptions): Promise<ImportReport> {
  const { columns, read } = READERS[opts.kind]
  await conn.unsafe(`create temp table import_stage (line bigint not null, ${columns.all.map((c) => `${c} text`).join(', ')}) on commit drop`)
  const encoding = await detectEncoding(opts.file).catch((err: NodeJS.ErrnoException) => { throw new ImportError(`${opts.file}: cannot read the file (${err.code ?? err.message})`) })
  const copy = await conn.unsafe(`copy import_stage (line, ${columns.all.join(', ')}) from stdin`).writable()
  const rejected: Rejection[] = []
  let rows = 0
  let header: string[] | null = null
  let bytes = 0
  // Each accepted row becomes one line of COPY text; rejected rows are only noted. The pipeline gives backpressure
  // from Postgres back to the file, and any error (the file, the parser, a header, the COPY) ends every stage.
  async function * copyLines (records: AsyncIterable<{ record: string[], info: { lines: number } }>): AsyncGenerator<string> {
    for await (const { record, info } of records) {
      if (header === null) {
        header = record.map((h) => h.trim().toLowerCase())
        const problem = checkHeader(header, columns)
        if (problem !== null) throw new ImportError(`${opts.file}: line 1: ${problem}`)
        continue
      }
      rows++
      if (rows % 10_000 === 0) opts.onProgress?.(bytes, rows)
      if (record.length !== header.length) {
        rejected.push({ line: info.lines, problem: `${record.length} fields where the header has ${header.length}` })
        continue
      }
      const fields = Object.fromEntries(header.map((h, i) => [h, record[i]!]))
      const row = controlCharProblem(fields) ?? read(fields)
      if (!row.ok) {
        rejected.push({ line: info.lines, problem: row.problem })
        continue
      }
      yield `${info.lines}\t${row.values.map(copyText).join('\t')}\n`
    }
  }
  try {
    await pipeline(
      createReadStream(opts.file),
      decodeStream(encoding, (n) => { bytes = n }),
      parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
      copyLines,
      copy,
    )
  } catch (err) {
    if (err instanceof ImportError) throw err
    const e = err as NodeJS.ErrnoException
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) throw new ImportError(`${opts.file}: not a readable CSV file (${e.message.split('\n')[0]})`)
    if (typeof e.code === 'string' && e.code.startsWith('E')) throw new ImportError(`${opts.file}: cannot read the file (${e.code})`)
    throw err
  }
  if (header === null) throw new ImportError(`${opts.file}: the file is empty (it needs a header line)`)
  opts.onProgress?.(bytes, rows)
  await db.execute(sql`analyze import_stage`)

  const now = opts.clock.now()
  const ctx = { config: opts.config, clock: opts.clock }
  let result: Record<string, number> = {}
  switch (opts.kind) {
    case 'products':
      rejected.push(...await duplicateRejections(db, 'sku'))
      if (rejected.length === 0) result = { ...await applyProducts(db, now) }
      break
    case 'customers':
      rejected.push(...await duplicateRejections(db, 'phone'), ...await duplicateRejections(db, 'platform_id'))
      if (rejected.length === 0) {
        result = { ...await applyCustomers(db, { accountId, now }) }
        // Orders kept unmatched with this phone or platform id belong to these people now (each linked once).
        const linked = [...await linkOrdersByPlatformIds(db, accountId), ...await linkOrdersByPhone(db, sql`select contact_id from import_stage`)]
        if (linked.length > 0) await applyOrderEffects(ctx, db, idList(linked))
        result.orders_linked = linked.length
      }
      break
    case 'orders':
      rejected.push(...await orderRejections(db))
      if (rejected.length === 0) {
        result = { ...await applyOrders(db, { source: opts.source, accountId, zone: opts.config.DEFAULT_TIMEZONE, now }) }
        const effects = await applyOrderEffects(ctx, db, sql`select id from import_new`)
        result.points_booked = effects.points
      }
      break
  }
  rejected.sort((a, b) => a.line - b.line)
  return { kind: opts.kind, rows, rejected, result: rejected.length === 0 ? result : {}, dryRun: opts.dryRun, refused: rejected.length > 0 }
}

/** A value in COPY's text format: \N is null; backslash, tab and line breaks are escaped. */
function copyText (v: string | null): string {
  if (v === null) return '\\N'
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}
