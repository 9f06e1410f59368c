/**
 * When a marketing DM of the CRM still makes sense (SPEC 3.7). Pure: times are arguments. The gate may put a DM off
 * (a cap, the hour); a sender waits for that moment only while the message still matters, and otherwise records
 * a skip with the reason `stale` (never a silent retry).
 */
const DAY_MS = 86_400_000

/** Whether a DM due at `dueAt` may still go out at `at`, given it goes stale `staleDays` after it was due. */
export function stillTimely (dueAt: Date, at: Date, staleDays: number): boolean {
  return at.getTime() <= dueAt.getTime() + staleDays * DAY_MS
}

/** Whole days from `from` to `to` (a reminder says "you bought it 27 days ago"). */
export function daysBetween (from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / DAY_MS))
}
