import { randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../helpers/env.ts'
import { runCli } from '../helpers/cli.ts'

const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL }

describe('qunbot coupons', () => {
  it('creates a batch with the API\'s rules, once, and lists it', async () => {
    const code = `CLI${randomInt(100_000, 999_999)}`
    const created = await runCli(['coupons', 'create-batch', '--code', code.toLowerCase(), '--kind', 'shared', '--amount', '30', '--valid-days', '7', '--streamer', 'anna', '--cap', '50'], env)
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    expect(JSON.parse(created.stdout)).toMatchObject({ created: true, batch: { code, kind: 'shared', amount: 30, cap: 50, streamer: 'anna', createdVia: 'cli' } })
    const again = await runCli(['coupons', 'create-batch', '--code', code, '--amount', '10', '--valid-days', '7'], env)
    expect(again).toMatchObject({ code: 2, stderr: `qunbot: a batch ${code} exists already\n` })
    const listed = await runCli(['coupons', 'list-batches', '--limit', '5'], env)
    expect(listed.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).code)).toContain(code)
  })

  it('refuses a bad batch in one line naming the problem, before touching the database', async () => {
    const result = await runCli(['coupons', 'create-batch', '--code', 'ANNA-30', '--amount', 'thirty'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', REDIS_URL: TEST_REDIS_URL })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^qunbot: invalid batch: amount: .*\n$/)
    const noValue = await runCli(['coupons', 'create-batch', '--code', 'ANNA30', '--valid-days', '7'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', REDIS_URL: TEST_REDIS_URL })
    expect(noValue).toMatchObject({ code: 2, stderr: 'qunbot: invalid batch: give either amount or gift\n' })
  })
})
