/** Runs a scenario through the real sandbox runner and collects what the bot did. */
import { pino } from 'pino'
import type { ActionRecord, InputRecord, OutputSink } from '../../src/sandbox/output.ts'
import { runScenario, type RunningScenario } from '../../src/sandbox/runner.ts'
import { parseScenario } from '../../src/sandbox/scenario.ts'
import { testConfig } from './env.ts'

export interface SandboxResult {
  actions: ActionRecord[]
  inputs: InputRecord[]
  summary: Record<string, any>
}

export interface Hooks {
  onStarted?: (run: RunningScenario) => Promise<void> | void
  beforeShutdown?: (run: RunningScenario) => Promise<void> | void
  env?: Record<string, string>
}

export async function runSandbox (scenario: unknown, hooks: Hooks | ((run: RunningScenario) => Promise<void> | void) = {}): Promise<SandboxResult> {
  const h: Hooks = typeof hooks === 'function' ? { onStarted: hooks } : hooks
  const result: SandboxResult = { actions: [], inputs: [], summary: {} }
  const sink: OutputSink = {
    action: (r) => result.actions.push(r),
    input: (r) => result.inputs.push(r),
    summary: (s) => { result.summary = s },
  }
  await runScenario(parseScenario(scenario), { config: testConfig(h.env), logger: pino({ level: 'silent' }), sink, onStarted: h.onStarted, beforeShutdown: h.beforeShutdown })
  return result
}

/** The texts the bot sent to a target, in order. */
export function sentTo (result: SandboxResult, to: { group: string } | { contact: string }): string[] {
  return result.actions
    .filter((a): a is Extract<ActionRecord, { type: 'send' }> => a.type === 'send' && JSON.stringify(a.to) === JSON.stringify(to))
    .map((a) => a.text)
}

/**
 * The daily content calendar tells a group's operator (else the owners) once a day when its library has nothing
 * for a slot (docs/CONTENT.md). Scenarios of other capabilities have no library: their counts leave these out.
 */
export const contentAlert = (text: string): boolean => text.startsWith('【内容提醒】')

export const BASE = {
  seed: 7,
  start: '2026-12-01T09:00:00+08:00',
  staff: [
    { id: 'boss', name: '老板', role: 'owner' },
    { id: 'op1', name: '运营小王', role: 'operator' },
    { id: 'op2', name: '运营小李', role: 'operator' },
    { id: 'mk', name: '市场小张', role: 'marketer' },
    { id: 'clerk', name: '店员阿美', role: 'staff' },
  ],
  groups: [
    { id: 'g1', topic: '成都宝妈育儿群', region: '成都', interests: ['育儿'], operator: 'op1', members: ['c1', 'c2', 'op1'] },
    { id: 'g2', topic: '上海美食群', region: '上海', interests: ['美食'], operator: 'op2', members: ['c5', 'op2'] },
  ],
  customers: [
    { id: 'c1', name: '张三', friend: true, consent: true },
    { id: 'c2', name: '李四' },
    { id: 'c3', name: '王五' },
    { id: 'c4', name: '赵六' },
  ],
}
