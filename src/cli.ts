/**
 * `qunbot <command>`: start | bot | worker | migrate | sandbox FILE | demo | coupons ….
 * Errors a user can fix (configuration, unreachable services, a bad scenario) are one line on stderr and a
 * non-zero exit, never a stack trace.
 */
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { ConfigError, loadConfig, usesSandboxPuppet, type Config } from './config.ts'
import { AccountInUse } from './db/account-lock.ts'
import { MigrationsDiverged, runMigrations } from './db/migrate.ts'
import { createLogger, type Logger } from './logger.ts'
import { trapSignals, wireApp } from './main.ts'
import { checkPuppet, checkServices, ServiceUnreachable } from './preflight.ts'
import { jsonLinesSink } from './sandbox/output.ts'
import { runScenario } from './sandbox/runner.ts'
import { loadScenario, ScenarioError } from './sandbox/scenario.ts'
import { transcriptSink } from './sandbox/transcript.ts'
import { systemClock } from './clock.ts'
import { isImportKind, runImport } from './cli-import.ts'
import { ImportError } from './services/csv-import.ts'
import { CliInputError, couponsCommand } from './coupons-cli.ts'
import { importFile } from './cli-content.ts'

export const DEMO_SCENARIO = fileURLToPath(new URL('../scenarios/demo.yaml', import.meta.url))

const fail = (message: string, code = 1): never => {
  process.stderr.write(`qunbot: ${message}\n`)
  process.exit(code)
}

function setup (): { config: Config, logger: Logger } {
  const config = loadConfig()
  const logger = createLogger(config)
  // The first log line says whether a real account is connected.
  if (usesSandboxPuppet(config)) logger.info({ puppet: 'wechaty-puppet-mock' }, 'no WECHATY_PUPPET set: running on the sandbox puppet, no real chat account')
  else logger.info({ puppet: config.WECHATY_PUPPET }, 'chat puppet selected')
  return { config, logger }
}

async function ready (config: Config): Promise<void> {
  await checkPuppet(config.WECHATY_PUPPET)
  await checkServices({ databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL })
  await runMigrations(config.DATABASE_URL)
}

async function serve (roles: { bot: boolean, workers: boolean, http: boolean }): Promise<void> {
  const signals = trapSignals()
  const { config, logger } = setup()
  await ready(config)
  const app = await wireApp({ config, logger, clock: systemClock, seed: randomBytes(8).toString('hex'), roles: { ...roles, http: roles.http && config.HTTP_ENABLED } })
  if (app.claimCode) logger.warn({ claimCode: app.claimCode, send: `/claim ${app.claimCode}` }, 'no owner yet: send the claim command to the bot in a private chat to become its owner')
  logger.info({ roles, account: config.BOT_ACCOUNT }, 'ready')
  await signals.runUntilSignal(app, logger, config.SHUTDOWN_TIMEOUT_MS)
}

async function sandbox (file: string, readable: boolean, keep: boolean): Promise<void> {
  const { config, logger } = setup()
  const scenario = await loadScenario(file)
  await checkServices({ databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL })
  const out = (line: string): void => { process.stdout.write(`${line}\n`) }
  const groupTopics = new Map(scenario.groups.map((g) => [g.id, g.topic]))
  const names = new Map([...scenario.staff, ...scenario.customers].map((p) => [p.id, p.name]))
  const sink = readable
    ? transcriptSink(out, { group: (id) => groupTopics.get(id) ?? id, contact: (id) => names.get(id) ?? id })
    : jsonLinesSink(out)
  await runScenario(scenario, { config, logger, sink, keepDatabase: keep })
}

const program = new Command('qunbot').description('chat bot and CRM for private-domain customer groups').showHelpAfterError()

program.command('start').description('bot + workers + HTTP API in one process (the sandbox demo when no WECHATY_PUPPET is set)')
  .action(async () => {
    if (usesSandboxPuppet(loadConfig())) return sandbox(DEMO_SCENARIO, true, false)
    return serve({ bot: true, workers: true, http: true })
  })
program.command('bot').description('the bot of one chat account (puppet, outbox and send governor) + HTTP API').action(() => serve({ bot: true, workers: false, http: true }))
program.command('worker').description('a worker for the shared queues; run as many as needed').action(() => serve({ bot: false, workers: true, http: false }))
program.command('check').description('check that PostgreSQL and Redis are reachable').action(async () => {
  const config = loadConfig()
  await checkServices({ databaseUrl: config.TEST_DATABASE_URL ?? config.DATABASE_URL, redisUrl: config.REDIS_URL })
})
program.command('migrate').description('create the database if needed and apply migrations').action(async () => {
  const { config, logger } = setup()
  await checkServices({ databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL })
  await runMigrations(config.DATABASE_URL)
  logger.info('migrations applied')
})
program.command('sandbox').argument('<file>', 'scenario file (YAML or JSON)').description('run a scenario on the simulated community; JSON lines on stdout')
  .option('--transcript', 'print a readable transcript instead of JSON lines').option('--keep-db', 'keep the run database for inspection')
  .action((file: string, o: { transcript?: boolean, keepDb?: boolean }) => sandbox(file, o.transcript === true, o.keepDb === true))
program.command('import').argument('<kind>', 'customers | products | orders').argument('<file>', 'CSV file with a header line')
  .description('import a CSV file in one transaction: every row or none (docs/ORDERS.md)')
  .option('--dry-run', 'check and count everything, write nothing').option('--source <name>', 'orders: the shop they came from', 'csv')
  .action(async (kind: string, file: string, o: { dryRun?: boolean, source: string }) => {
    if (!isImportKind(kind)) return fail(`import: unknown kind "${kind}"; use customers, products or orders`, 2)
    if (!/^[\w.-]{1,40}$/.test(o.source)) return fail('import: --source is 1-40 letters, digits, _ . -', 2)
    const { config } = setup()
    await checkServices({ databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL })
    await runMigrations(config.DATABASE_URL)
    process.exitCode = await runImport(config, kind, file, { dryRun: o.dryRun === true, source: o.source }, (line) => { process.stdout.write(`${line}\n`) })
  })
const content = program.command('content').description('the content library (SPEC 3.2)')
content.command('import').argument('<file>', 'YAML or CSV file of items (see docs/CONTENT.md)').description('add items from a file; items already in the library are skipped')
  .option('--format <format>', 'csv or yaml (default: from the file name)')
  .action(async (file: string, o: { format?: string }) => {
    const { config, logger } = setup()
    await checkServices({ databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL })
    await runMigrations(config.DATABASE_URL)
    const app = await wireApp({ config, logger, clock: systemClock, seed: randomBytes(8).toString('hex'), roles: { bot: false, workers: false, http: false } })
    try {
      const result = await importFile(app.ctx, file, o.format)
      if (!result.ok) fail(result.errors.join('\nqunbot: '))
      else process.stdout.write(`${result.summary}\n`)
    } finally {
      await app.shutdown()
    }
  })
program.command('demo').description('run the bundled demo community (3 groups, ~100 customers, 7 days) as a readable transcript')
  .action(() => sandbox(DEMO_SCENARIO, true, false))
program.addCommand(couponsCommand(loadConfig, (line) => { process.stdout.write(`${line}\n`) }))

try {
  await program.parseAsync(process.argv)
} catch (err) {
  if (err instanceof ConfigError) fail(err.message)
  if (err instanceof ServiceUnreachable) fail(err.message)
  if (err instanceof AccountInUse) fail(err.message)
  if (err instanceof MigrationsDiverged) fail(err.message)
  if (err instanceof ScenarioError) fail(`invalid scenario: ${err.message}`, 2)
  if (err instanceof ImportError) fail(`import: ${err.message}`, 2)
  if (err instanceof CliInputError) fail(err.message, 2)
  fail(`unexpected error: ${(err as Error).stack ?? String(err)}`)
}
