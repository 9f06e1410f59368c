/**
 * The per-account send governor (SPEC 3.10), as pure rules over plain data.
 *
 * Invariants, for any sequence of reservations made through `reserveRelease`:
 * - two releases of one account are at least `minGapMs` apart (jitter only adds to the gap);
 * - no sliding 60 s window holds more than `perMinute` releases, no sliding hour more than `perHour`;
 * - nothing is released before `pausedUntil` (the platform told us to slow down).
 */
export interface GovernorLimits {
  minGapMs: number
  jitterMs: number
  perMinute: number
  perHour: number
  backoffBaseMs: number
  backoffMaxMs: number
}

export interface GovernorMemory {
  /** Release times already granted, ascending; only the last hour matters. Some may be in the future. */
  recent: Date[]
  pausedUntil: Date | null
  backoffLevel: number
  /** When the platform first refused in the current run of refusals; null when sending normally. */
  incidentSince: Date | null
}

const MINUTE = 60_000
const HOUR = 3_600_000

/** How many of `sorted` fall in the window (t - width, t]. */
function countInWindow (sorted: number[], t: number, width: number): number {
  let n = 0
  for (let i = sorted.length - 1; i >= 0 && sorted[i]! > t - width; i--) if (sorted[i]! <= t) n++
  return n
}

/** Earliest t at or after `from` where one more release keeps the window under `cap`. */
function earliestUnderCap (sorted: number[], from: number, width: number, cap: number): number {
  let t = from
  for (;;) {
    const inWindow = sorted.filter((r) => r > t - width && r <= t)
    if (inWindow.length < cap) return t
    // the window must slide past the oldest release that keeps it full
    t = inWindow[inWindow.length - cap]! + width
  }
}

/**
 * Grants the next release time for one send and returns the memory to store with it.
 * `jitter` is a number in [0, 1) from the caller's random source (seeded in the sandbox).
 */
export function reserveRelease (memory: GovernorMemory, now: Date, limits: GovernorLimits, jitter: number): { releaseAt: Date, memory: GovernorMemory } {
  const recent = memory.recent.map((d) => d.getTime()).sort((a, b) => a - b)
  const last = recent.length > 0 ? recent[recent.length - 1]! : -Infinity
  const jitterMs = Math.floor(Math.min(Math.max(jitter, 0), 0.999999) * limits.jitterMs)
  let t = Math.max(now.getTime(), memory.pausedUntil?.getTime() ?? -Infinity, last + limits.minGapMs) + jitterMs
  // Caps can push t later; a later t can never break the gap, so iterate until both caps hold together.
  for (;;) {
    const afterMinute = earliestUnderCap(recent, t, MINUTE, limits.perMinute)
    const afterHour = earliestUnderCap(recent, afterMinute, HOUR, limits.perHour)
    if (afterHour === t) break
    t = afterHour
  }
  const kept = recent.filter((r) => r > t - HOUR)
  kept.push(t)
  return { releaseAt: new Date(t), memory: { ...memory, recent: kept.map((r) => new Date(r)) } }
}

/** The platform signalled rate limiting: pause with exponential backoff (base * 2^level, capped). */
export function pauseForRateLimit (memory: GovernorMemory, now: Date, limits: GovernorLimits): GovernorMemory {
  const pauseMs = Math.min(limits.backoffBaseMs * 2 ** memory.backoffLevel, limits.backoffMaxMs)
  const until = new Date(now.getTime() + pauseMs)
  // Reservations inside the pause are void (their sends ask again after it); later ones still hold their slot,
  // so new reservations must keep their distance from them.
  const kept = memory.recent.filter((d) => d.getTime() <= now.getTime() || d.getTime() >= until.getTime())
  return { recent: kept, pausedUntil: until, backoffLevel: memory.backoffLevel + 1, incidentSince: memory.incidentSince ?? now }
}

/**
 * A send went through: after a pause that ends the incident (reported by the caller to the operators) and the
 * next rate limit starts the backoff from the base again.
 */
export function recordSuccess (memory: GovernorMemory, now: Date): { memory: GovernorMemory, endedIncident: { since: Date, until: Date } | null } {
  if (memory.backoffLevel === 0 && memory.pausedUntil === null && memory.incidentSince === null) return { memory, endedIncident: null }
  const pauseOver = memory.pausedUntil === null || memory.pausedUntil.getTime() <= now.getTime()
  if (!pauseOver) return { memory, endedIncident: null }
  return {
    memory: { ...memory, pausedUntil: null, backoffLevel: 0, incidentSince: null },
    endedIncident: memory.incidentSince ? { since: memory.incidentSince, until: now } : null,
  }
}

/** Checks a release history against the limits; used by tests and the sandbox summary. */
export function findViolations (releases: Date[], limits: Pick<GovernorLimits, 'minGapMs' | 'perMinute' | 'perHour'>): string[] {
  const sorted = releases.map((d) => d.getTime()).sort((a, b) => a - b)
  const problems: string[] = []
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]! - sorted[i - 1]! < limits.minGapMs) problems.push(`gap ${sorted[i]! - sorted[i - 1]!}ms at ${new Date(sorted[i]!).toISOString()}`)
  }
  for (const t of sorted) {
    if (countInWindow(sorted, t, MINUTE) > limits.perMinute) problems.push(`minute cap exceeded at ${new Date(t).toISOString()}`)
    if (countInWindow(sorted, t, HOUR) > limits.perHour) problems.push(`hour cap exceeded at ${new Date(t).toISOString()}`)
  }
  return problems
}
