/** Runs the real CLI (bin/qunbot.mjs) as a user would, with a clean environment. */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../bin/qunbot.mjs', import.meta.url))

export interface CliResult { code: number | null, stdout: string, stderr: string }

export function baseEnv (extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', LOG_PRETTY: 'false', ...extra }
}

export function runCli (args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(env) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

export function startCli (args: string[], env: Record<string, string> = {}): { child: ChildProcess, output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(env) })
  let output = ''
  child.stdout!.on('data', (d) => { output += d })
  child.stderr!.on('data', (d) => { output += d })
  return { child, output: () => output }
}
