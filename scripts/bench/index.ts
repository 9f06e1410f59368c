/**
 * `npm run bench -- NAME [args]` runs scripts/bench/NAME.ts, which prints its own figures; `npm run bench` lists
 * the benches. Benches measure speed and memory on real Postgres and Redis; tests never assert on timings.
 * Each bench works in its own database (created and dropped by the bench) unless it says otherwise.
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))
const benches = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_')).map((f) => f.slice(0, -3)).sort()
const [name, ...rest] = process.argv.slice(2)

if (name === undefined || !benches.includes(name)) {
  if (name !== undefined) process.stderr.write(`bench: no bench named "${name}"\n`)
  process.stdout.write(`usage: npm run bench -- NAME [args]\nbenches: ${benches.length === 0 ? '(none yet)' : benches.join(', ')}\n`)
  process.exit(name === undefined ? 0 : 2)
}
process.argv = [process.argv[0]!, join(here, `${name}.ts`), ...rest]
await import(pathToFileURL(join(here, `${name}.ts`)).href)
