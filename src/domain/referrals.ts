/**
 * Referral rules (SPEC 3.4) over plain data: whether a join is a referral that may count, and whether an
 * inviter's reward must wait for a person's review.
 */
export type Invitation = 'member' | 'self' | 'bot'
export type Rejection = 'not-new' | 'already-referred' | 'self' | 'bot' | 'left-early'
export type FraudSignal = 'burst' | 'silent-invitees'

export interface JoinFacts {
  invitedBy: Invitation
  /** Never in any group of the community and never the bot's friend before this join. */
  inviteeIsNew: boolean
  /** Someone else already has a pending or qualified referral for this invitee. */
  alreadyReferred: boolean
}

/** The first matching reason wins, in the order a person would check them. */
export function classifyJoin (facts: JoinFacts): { status: 'pending' } | { status: 'rejected', reason: Rejection } {
  if (facts.invitedBy === 'bot') return { status: 'rejected', reason: 'bot' }
  if (facts.invitedBy === 'self') return { status: 'rejected', reason: 'self' }
  if (facts.alreadyReferred) return { status: 'rejected', reason: 'already-referred' }
  if (!facts.inviteeIsNew) return { status: 'rejected', reason: 'not-new' }
  return { status: 'pending' }
}

export interface FraudLimits {
  /** More than this many invites by one inviter inside one window is a burst. */
  burstLimit: number
  burstWindowMs: number
  /** An invitee who never spoke and left within this long after qualifying looks bought. */
  silentLeaveMs: number
}

export interface InviterHistory {
  /** When each of the inviter's invitees joined (every referral record, counted or not). */
  inviteTimes: Date[]
  /** The invitees that qualified: did they ever speak, when did they qualify, when did they leave. */
  qualified: Array<{ spoke: boolean, qualifiedAt: Date, leftAt: Date | null }>
}

export function exceedsBurst (times: Date[], limit: number, windowMs: number): boolean {
  const sorted = times.map((d) => d.getTime()).sort((a, b) => a - b)
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++
    if (j - i + 1 > limit) return true
  }
  return false
}

export function fraudSignals (history: InviterHistory, limits: FraudLimits): FraudSignal[] {
  const signals: FraudSignal[] = []
  if (exceedsBurst(history.inviteTimes, limits.burstLimit, limits.burstWindowMs)) signals.push('burst')
  const silentLeaver = history.qualified.some((q) => !q.spoke && q.leftAt !== null && q.leftAt.getTime() - q.qualifiedAt.getTime() <= limits.silentLeaveMs)
  if (silentLeaver) signals.push('silent-invitees')
  return signals
}

/** Start of the local week (Monday 00:00) that contains `at`, for weekly leaderboards. */
export function weekStart (at: Date, offsetMinutes: number): Date {
  const local = new Date(at.getTime() + offsetMinutes * 60_000)
  const daysSinceMonday = (local.getUTCDay() + 6) % 7
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysSinceMonday)
  return new Date(midnight - offsetMinutes * 60_000)
}
