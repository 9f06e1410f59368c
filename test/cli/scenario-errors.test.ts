import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../helpers/env.ts'
import { runCli } from '../helpers/cli.ts'

const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL }

async function scenarioFile (name: string, body: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qunbot-scn-'))
  const path = join(dir, name)
  await writeFile(path, body)
  return path
}

const GOOD_HEAD = 'start: "2026-12-01T07:00:00+08:00"\ngroups:\n  - { id: g1, topic: 群 }\n'

describe('a bad scenario file', () => {
  it.each([
    ['a step whose clock goes back', `${GOOD_HEAD}steps:\n  - { at: "2026-12-01T09:00:00+08:00" }\n  - { at: "2026-12-01T08:00:00+08:00" }\n`, /steps\[1\]\.at: .*clock never goes back/],
    ['an unknown group', `${GOOD_HEAD}steps:\n  - { at: "+1m", join: { group: g9, contact: c1 } }\n`, /steps\[0\]\.join\.group: unknown group "g9"/],
    ['a bad relative time', `${GOOD_HEAD}steps:\n  - { at: "+1 week" }\n`, /steps\[0\]\.at: "\+1 week" is not a relative time/],
    ['two actions in one step', `${GOOD_HEAD}steps:\n  - { at: "+1m", join: { group: g1, contact: c1 }, leave: { group: g1, contact: c1 } }\n`, /steps\[0\]: one action per step/],
    ['an unknown key', `${GOOD_HEAD}stepz: []\n`, /stepz|Unrecognized key/],
    ['a start without an offset', 'start: "2026-12-01T07:00:00"\n', /start: an ISO time with its offset/],
    ['a bad timezone', `${GOOD_HEAD}timezone: Mars/Olympus\n`, /timezone: an IANA timezone/],
    ['a staff role that does not exist', `${GOOD_HEAD}staff:\n  - { id: x, name: X, role: king }\n`, /staff\[0\]\.role/],
    ['broken YAML', 'start: [unclosed\n', /not valid YAML/],
    ['a birthday that is not a date', `${GOOD_HEAD}customers:\n  - { id: c1, name: A, birthday: "1990-02-30" }\n`, /customers\[0\]\.birthday: a real calendar date/],
    ['two groups with one id', `${GOOD_HEAD}  - { id: g1, topic: 又一个群 }\n`, /groups\[1\]\.id: "g1" is used twice/],
    ['a step years away', `${GOOD_HEAD}steps:\n  - { at: "+100000000d" }\n`, /more than 3 years after the start/],
    ['the reserved bot id', `${GOOD_HEAD}customers:\n  - { id: qunbot-self, name: X }\n`, /reserved for the bot/],
  ])('%s: exits non-zero with one clear line', async (_name, body, message) => {
    const file = await scenarioFile('s.yaml', body)
    const result = await runCli(['sandbox', file], env)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trim().split('\n').filter((l) => !l.includes('"level"'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^qunbot: invalid scenario: /)
    expect(lines[0]).toMatch(message)
    expect(result.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('a missing file says so', async () => {
    const result = await runCli(['sandbox', '/nonexistent/scenario.yaml'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/cannot read the file \(ENOENT\)/)
  })
})
