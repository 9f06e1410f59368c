import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.ts'

describe('configuration', () => {
  it('has the defaults of the spec', () => {
    const c = loadConfig({})
    expect(c.GOVERNOR_MIN_GAP_MS).toBe(3000)
    expect(c.GOVERNOR_PER_MINUTE).toBe(20)
    expect(c.WELCOME_WINDOW_MS).toBe(60_000)
    expect(c.SHUTDOWN_TIMEOUT_MS).toBe(10_000)
    expect(c.WECHATY_PUPPET).toBeUndefined()
  })

  it('names every bad variable in one error', () => {
    try {
      loadConfig({ GOVERNOR_PER_MINUTE: '0', HTTP_PORT: '99999', DEFAULT_TIMEZONE: 'Mars/Base', DATABASE_URL: 'mysql://x', API_TOKENS: 'ops:short:admin' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      const problems = (err as ConfigError).problems.join('\n')
      for (const name of ['GOVERNOR_PER_MINUTE', 'HTTP_PORT', 'DEFAULT_TIMEZONE', 'DATABASE_URL', 'API_TOKENS']) expect(problems).toContain(name)
    }
  })

  it('parses API tokens with scopes and refuses a name used twice', () => {
    expect(loadConfig({ API_TOKENS: 'shop:0123456789abcdef:orders|reports' }).API_TOKENS).toEqual([{ name: 'shop', secret: '0123456789abcdef', scopes: ['orders', 'reports'] }])
    expect(() => loadConfig({ API_TOKENS: 'a:0123456789abcdef:admin,a:fedcba9876543210:orders' })).toThrow(/used twice/)
  })

  it('treats an empty value as unset', () => {
    expect(loadConfig({ HTTP_PORT: '' }).HTTP_PORT).toBe(3000)
  })
})
