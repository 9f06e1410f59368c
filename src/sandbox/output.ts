/** What the sandbox prints: JSON lines of the bot's actions (SANDBOX.md), or a transcript for people. */
export type Target = { group: string } | { contact: string }

export type ActionRecord =
  /** `delivered: false`: a DM to someone who deleted the bot (sandbox extension, see docs/SANDBOX.md). */
  | { at: string, type: 'send', account: string, to: Target, mentions?: string[], text: string, delivered?: false }
  | { at: string, type: 'accept-friend', account: string, contact: string }
  | { at: string, type: 'kick', group: string, contact: string }
  | { at: string, type: 'send-refused', account: string, reason: 'rate-limited', to: Target | null }
  /**
   * A coupon code tried (docs/COUPONS.md): each code an order carried, and each clerk's /核销 that redeemed or was
   * refused (`check: true`: refused at the check, before any redemption). `customer` is who it was for.
   */
  | { at: string, type: 'redeem', code: string, customer: string | null, order?: string, by?: string, check?: true, ok: boolean, reason?: string }

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
