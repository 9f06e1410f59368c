/** Zod errors as short lines a person can act on, for the HTTP API and scenario files alike. */
import type { z } from 'zod'

/** ["items", 0, "qty"] -> "items[0].qty" */
export function issuePath (path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, p) => typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p), '')
}

/** "items[0].qty: Too small: expected number to be >0", at most `max` lines. */
export function issueLines (error: z.ZodError, max = 20): string[] {
  return error.issues.slice(0, max).map((i) => {
    const path = issuePath(i.path)
    return path ? `${path}: ${i.message}` : i.message
  })
}
