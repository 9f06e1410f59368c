/**
 * `qunbot import customers|products|orders FILE [--dry-run] [--source NAME]`: runs the CSV import with a progress bar
 * on stderr and prints the report on stdout. Exit 0 when the file was imported (or would be, in a dry run), 1 when
 * it was refused (the rejected lines are listed), 2 when it cannot be read at all.
 */
import cliProgress from 'cli-progress'
import { systemClock } from './clock.ts'
import type { Config } from './config.ts'
import { importCsv, IMPORT_KINDS, type ImportKind, type ImportReport } from './services/csv-import.ts'

/** Rejected lines printed; the rest are counted. */
const SHOWN = 200

export function isImportKind (kind: string): kind is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(kind)
}

export async function runImport (config: Config, kind: ImportKind, file: string, o: { dryRun: boolean, source: string }, out: (line: string) => void): Promise<number> {
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: `import ${kind} [{bar}] {percentage}% | {rows} rows`, hideCursor: true }, cliProgress.Presets.shades_classic)
  let started = false
  try {
    const report = await importCsv({
      kind, file, dryRun: o.dryRun, source: o.source, config, clock: systemClock,
      onStart: (total) => { bar.start(Math.max(total, 1), 0, { rows: 0 }); started = true },
      onProgress: (bytes, rows) => bar.update(bytes, { rows }),
    })
    if (started) bar.stop()
    for (const line of describe(report, file)) out(line)
    return report.refused ? 1 : 0
  } finally {
    if (started) bar.stop()
  }
}

export function describe (r: ImportReport, file: string): string[] {
  if (r.refused) {
    return [
      `${file}: refused, nothing was imported: ${r.rejected.length} of ${r.rows} rows rejected`,
      ...r.rejected.slice(0, SHOWN).map((x) => `  line ${x.line}: ${x.problem}`),
      ...(r.rejected.length > SHOWN ? [`  ... and ${r.rejected.length - SHOWN} more`] : []),
      'Fix these lines and import the file again (rows already imported are not added twice).',
    ]
  }
  const counts = Object.entries(r.result).map(([k, v]) => `${k.replace(/([A-Z])/g, '_$1').toLowerCase()} ${v}`).join(', ')
  return [`${file}: ${r.dryRun ? 'dry run, nothing written; would import' : 'imported'} ${r.rows} rows of ${r.kind}: ${counts}`]
}
