/** What the sandbox prints: JSON lines of the bot's actions (SANDBOX.md), or a transcript for people. */
export type Target = { group: string } | { contact: string }

export type ActionRecord =
  | { at: string, type: 'send', account: string, to: Target, mentions?: string[], text: string }
  | { at: string, type: 'accept-friend', account: string, contact: string }
  | { at: string, type: 'kick', group: string, contact: string }
  | { at: string, type: 'send-refused', account: string, reason: 'rate-limited', to: Target | null }

/** A scenario step as it happened, for the transcript only (the JSON output lists the bot's actions). */
export interface InputRecord { at: string, step: number, kind: string, text: string }

export interface OutputSink {
  action: (record: ActionRecord) => void
  input: (record: InputRecord) => void
  summary: (summary: Record<string, unknown>) => void
}

export function jsonLinesSink (write: (line: string) => void): OutputSink {
  return {
    action: (r) => write(JSON.stringify(r)),
    input: () => {},
    summary: (s) => write(JSON.stringify({ type: 'summary', ...s })),
  }
}
