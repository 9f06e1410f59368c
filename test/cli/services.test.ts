import { describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../helpers/env.ts'
import { runCli, startCli } from '../helpers/cli.ts'

// Port 1 on loopback: nothing listens there, the connection is refused at once.
const DEAD_PG = 'postgres://postgres@127.0.0.1:1/qunbot'
const DEAD_REDIS = 'redis://127.0.0.1:1'

describe('unreachable services', () => {
  it.each([
    ['demo', ['demo']],
    ['the test preflight', ['check']],
  ])('%s names PostgreSQL, where it looked and how to start it, in one line', async (_what, args) => {
    const result = await runCli(args, { DATABASE_URL: DEAD_PG, TEST_DATABASE_URL: DEAD_PG, REDIS_URL: TEST_REDIS_URL })
    expect(result.code).toBe(1)
    const errors = result.stderr.split('\n').filter((l) => l.startsWith('qunbot:'))
    expect(errors).toEqual([expect.stringMatching(/^qunbot: cannot reach PostgreSQL at 127\.0\.0\.1:1 \(ECONNREFUSED\); start it with: docker compose up -d postgres redis/)])
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it.each([
    ['demo', ['demo']],
    ['the test preflight', ['check']],
  ])('%s names Redis, where it looked and how to start it, in one line', async (_what, args) => {
    const result = await runCli(args, { DATABASE_URL: TEST_DATABASE_URL, TEST_DATABASE_URL, REDIS_URL: DEAD_REDIS })
    expect(result.code).toBe(1)
    const errors = result.stderr.split('\n').filter((l) => l.startsWith('qunbot:'))
    expect(errors).toEqual([expect.stringMatching(/^qunbot: cannot reach Redis at 127\.0\.0\.1:1 \(ECONNREFUSED\); start it with: docker compose up -d postgres redis/)])
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('reports every bad setting at once', async () => {
    const result = await runCli(['worker'], { GOVERNOR_MIN_GAP_MS: '-5', HTTP_PORT: 'eighty', LOCALE: 'fr' })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^qunbot: invalid configuration: /m)
    for (const name of ['GOVERNOR_MIN_GAP_MS', 'HTTP_PORT', 'LOCALE']) expect(result.stderr).toContain(name)
  })
})

describe('shutdown', () => {
  it('exits 0 on SIGTERM, before the 10 s hard-exit timer', async () => {
    const { child, output } = startCli(['worker'], { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `qunbot-test-${process.pid}`, LOG_LEVEL: 'info' })
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => { if (output().includes('"msg":"ready"')) { clearInterval(t); resolve() } }, 50)
      child.on('exit', (code) => { clearInterval(t); reject(new Error(`exited early with ${code}: ${output()}`)) })
    })
    child.removeAllListeners('exit')
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    // The hard-exit timer exits 1 after SHUTDOWN_TIMEOUT_MS (10 s); 0 means the ordered shutdown finished first.
    expect(await exit).toBe(0)
    expect(output()).toContain('"msg":"stopped"')
  })

  it('a SIGTERM while the process is still starting shuts it down in order once it is up', async () => {
    const { child, output } = startCli(['worker'], { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `qunbot-test-early-${process.pid}`, LOG_LEVEL: 'info' })
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    // the first log line comes before the database, Redis and the workers are set up
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (output().includes('"level":30')) { clearInterval(t); resolve() } }, 5) })
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
    expect(output()).toContain('"msg":"stopped"')
  })

  it('refuses a second bot process for the same account', async () => {
    const common = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `qunbot-test-lock-${process.pid}`, BOT_ACCOUNT: `lock${process.pid}`, HTTP_ENABLED: 'false', LOG_LEVEL: 'info' }
    const first = startCli(['bot'], common)
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (first.output().includes('"msg":"ready"')) { clearInterval(t); resolve() } }, 50) })
    const second = await runCli(['bot'], common)
    expect(second.code).toBe(1)
    expect(second.stderr).toMatch(/another bot process is already running account "lock\d+"/)
    const exit = new Promise<number | null>((resolve) => first.child.on('exit', (code) => resolve(code)))
    first.child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })
})
