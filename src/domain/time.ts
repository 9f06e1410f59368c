/** Time helpers over plain Dates and IANA zones. No wall clock here: `now` is always an argument. */

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

function partsIn (date: Date, timeZone: string): Record<string, number> {
  let fmt = offsetFormatters.get(timeZone)
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    offsetFormatters.set(timeZone, fmt)
  }
  const out: Record<string, number> = {}
  for (const p of fmt.formatToParts(date)) if (p.type !== 'literal') out[p.type] = Number(p.value)
  return out
}

/** Offset of `timeZone` from UTC at `date`, in minutes (Asia/Shanghai: 480). */
export function offsetMinutes (date: Date, timeZone: string): number {
  const p = partsIn(date, timeZone)
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!)
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000)
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0')

/** ISO 8601 with the zone's offset and whole seconds: 2026-12-01T07:30:12+08:00. */
export function formatInZone (date: Date, timeZone: string): string {
  const off = offsetMinutes(date, timeZone)
  const local = new Date(Math.floor(date.getTime() / 1000) * 1000 + off * 60_000)
  const sign = off >= 0 ? '+' : '-'
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
}

export function isValidTimeZone (timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}

const DURATION = /^\+(\d+)(ms|s|m|h|d)$/
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `+90s`, `+30m`, `+2h`, `+3d` in milliseconds, or null when the text is not a relative time. */
export function parseRelative (text: string): number | null {
  const m = DURATION.exec(text.trim())
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : null
}

/** "12-03 10:04" in the zone: how a time reads in chat. */
export function shortDateTime (date: Date, timeZone: string): string {
  return formatInZone(date, timeZone).slice(5, 16).replace('T', ' ')
}

/** "12-03" in the zone. */
export function shortDate (date: Date, timeZone: string): string {
  return formatInZone(date, timeZone).slice(5, 10)
}

/** Minutes since local midnight of `at` in the zone (0..1439). */
export function localMinutesOfDay (at: Date, timeZone: string): number {
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000)
  return local.getUTCHours() * 60 + local.getUTCMinutes()
}

/** The first instant at or after `at` whose local time in the zone is `hour`:00:00. */
export function nextLocalHour (at: Date, timeZone: string, hour: number): Date {
  const off = offsetMinutes(at, timeZone)
  const local = new Date(at.getTime() + off * 60_000)
  let candidate = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour) - off * 60_000
  if (candidate < at.getTime()) candidate += 86_400_000
  // Across a DST change the offset of the candidate differs from that of `at`: correct by the difference once.
  const drift = offsetMinutes(new Date(candidate), timeZone) - off
  return new Date(candidate - drift * 60_000)
}
