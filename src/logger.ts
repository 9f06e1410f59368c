/** pino: pretty in a terminal, JSON otherwise. Always to stderr so stdout stays for program output. */
import { pino, type Logger } from 'pino'
import type { Config } from './config.ts'

export type { Logger }

const REDACT = ['token', 'secret', '*.token', '*.secret', 'phone', '*.phone', 'puppetToken', 'WECHATY_PUPPET_SERVICE_TOKEN']

export function createLogger (config: Pick<Config, 'LOG_LEVEL' | 'LOG_PRETTY'>): Logger {
  const pretty = config.LOG_PRETTY ?? process.stderr.isTTY === true
  const options = { level: config.LOG_LEVEL, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined }
  if (pretty) {
    return pino(options, pino.transport({ target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss' } }))
  }
  return pino(options, pino.destination(2))
}
