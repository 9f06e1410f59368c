/** `qunbot content import FILE`: the CLI door of the bulk import (the same service as the HTTP one). */
import { readFile } from 'node:fs/promises'
import { audit } from './services/audit.ts'
import { importItems } from './services/content-library.ts'
import type { AppContext } from './services/context.ts'

export type ImportFileResult = { ok: true, summary: string } | { ok: false, errors: string[] }

export async function importFile (ctx: AppContext, file: string, format?: string): Promise<ImportFileResult> {
  const kind = format ?? (/\.csv$/i.test(file) ? 'csv' : /\.ya?ml$/i.test(file) ? 'yaml' : null)
  if (kind !== 'csv' && kind !== 'yaml') return { ok: false, errors: [`${file}: say --format csv or --format yaml (or name the file .csv, .yaml)`] }
  let source: string
  try {
    source = await readFile(file, 'utf8')
  } catch (err) {
    return { ok: false, errors: [`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`] }
  }
  const outcome = await importItems(ctx, source, kind, { contactId: null, source: 'cli' })
  if (!outcome.ok) return { ok: false, errors: [`${file}: nothing imported`, ...outcome.errors.map((e) => `${file}:${e.line}: ${e.message}`)] }
  const { added, existing, refilled } = outcome.result
  await audit(ctx, null, 'content.import', 'ok', { file, rows: outcome.lines, added: added.length, existing: existing.length }, 'cli')
  return { ok: true, summary: `${file}: ${outcome.lines} rows, ${added.length} added, ${existing.length} already in the library${refilled > 0 ? `, ${refilled} empty slots filled` : ''}` }
}
