/** `qunbot content import FILE` as a marketer runs it: idempotent, all or nothing, errors with line numbers. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRunDatabase, type RunDatabase } from '../../src/sandbox/database.ts'
import { runCli } from '../helpers/cli.ts'
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../helpers/env.ts'

let database: RunDatabase
const dir = mkdtempSync(join(tmpdir(), 'qunbot-import-'))
const file = (name: string, text: string): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

beforeAll(async () => { database = await createRunDatabase(TEST_DATABASE_URL) })
afterAll(async () => { await database?.drop() })

describe('qunbot content import', () => {
  it('adds a YAML file\'s items once; importing it again adds nothing', async () => {
    const path = file('items.yaml', 'items:\n  - { kind: 干货, text: 辅食添加的3个误区, interests: [育儿] }\n  - { kind: promo, text: 全场包邮, valid_until: 2026-12-31 }\n')
    const env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL }
    const first = await runCli(['content', 'import', path], env)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('2 rows, 2 added, 0 already in the library')
    const second = await runCli(['content', 'import', path], env)
    expect(second.stdout).toContain('2 rows, 0 added, 2 already in the library')
  })

  it('imports nothing from a CSV with a bad row and says which lines to fix', async () => {
    const path = file('bad.csv', 'kind,text,link\ncontent,好的一条,\nsnack,坏的一条,\npromo,链接不对,ftp://x\n')
    const result = await runCli(['content', 'import', path], { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL })
    expect(result.code).toBe(1)
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('qunbot:'))
    expect(lines).toEqual([
      `qunbot: ${path}: nothing imported`,
      `qunbot: ${path}:3: kind "snack" is not content/干货 or promo/促销`,
      `qunbot: ${path}:4: image and link must be http(s) URLs`,
    ])
  })

  it('refuses a file it cannot read in one line, without a stack trace', async () => {
    const missing = await runCli(['content', 'import', join(dir, 'nope.csv')], { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^qunbot: .*nope\.csv: cannot read the file \(ENOENT\)$/m)
    expect(missing.stderr).not.toMatch(/\n\s+at /)
  })
})
