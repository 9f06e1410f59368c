/**
 * The content library (SPEC 3.2): items added by chat, imported from YAML/CSV by CLI or HTTP, retired by command.
 * Adding items refills the slots planned with nothing; retiring one re-plans the slots that were going to post it.
 */
import { sql } from 'drizzle-orm'
import { getItem, insertItems, itemsByFingerprint, retireItem, type ContentItem } from '../db/queries/content.ts'
import { lockPlanner, refillEmpty, replanSlots } from '../db/queries/post-planning.ts'
import { contentFingerprint, type ContentInput } from '../domain/content-items.ts'
import { parseImport, type ImportError, type ImportFormat } from '../domain/content-import.ts'
import { fanOut, spreadSecondsOf } from './content-calendar.ts'
import type { AppContext } from './context.ts'

export interface Author { contactId: number | null, source: string }

export interface AddResult {
  /** Items new to the library, in input order. */
  added: ContentItem[]
  /** Items that were in the library already (same fingerprint), in input order. */
  existing: ContentItem[]
  /** Empty slots that got one of the new items. */
  refilled: number
}

/**
 * Adds items in one transaction (all or none). An item already in the library (its fingerprint) is not added
 * again: content_items_fingerprint_key makes a second import of the same file add nothing.
 */
export async function addItems (ctx: AppContext, inputs: readonly ContentInput[], by: Author): Promise<AddResult> {
  const now = ctx.clock.now()
  const rows = inputs.map((c) => ({
    kind: c.kind, text: c.text.trim(), imageUrl: c.imageUrl, linkUrl: c.linkUrl, region: c.region, interests: c.interests,
    validFrom: c.validFrom, validUntil: c.validUntil, validFromDay: c.validFromDay ?? null, validUntilDay: c.validUntilDay ?? null, authorId: by.contactId, source: by.source, fingerprint: contentFingerprint(c), createdAt: now,
  }))
  const result = await ctx.db.transaction(async (tx) => {
    const inserted = await insertItems(tx, rows)
    const newPrints = new Set(inserted.map((r) => r.fingerprint))
    const all = new Map((await itemsByFingerprint(tx, [...new Set(rows.map((r) => r.fingerprint))])).map((i) => [i.fingerprint, i]))
    const seen = new Set<string>()
    const added: ContentItem[] = []
    const existing: ContentItem[] = []
    for (const r of rows) {
      if (seen.has(r.fingerprint)) continue
      seen.add(r.fingerprint)
      ;(newPrints.has(r.fingerprint) ? added : existing).push(all.get(r.fingerprint)!)
    }
    let refilled = 0
    if (added.length > 0) {
      // Slots planned with nothing (an empty library) may fit a new item now. Their due time does not change, so
      // the jobs already queued for them post the new item.
      await lockPlanner(tx)
      const kinds = [...new Set(added.map((i) => i.kind))]
      const filled = await refillEmpty(tx, { now, spreadSeconds: spreadSecondsOf(ctx), where: sql`cur.kind = any(${sql.param(kinds)}::text[])` })
      refilled = filled.filter((s) => s.itemId !== null).length
    }
    return { added, existing, refilled }
  })
  // A re-planned slot whose due time moved (a campaign took it) needs a job for the new time.
  if (result.refilled > 0) await fanOut(ctx)
  return result
}

export type ImportOutcome = { ok: true, result: AddResult, lines: number } | { ok: false, errors: ImportError[] }

/** Bulk import (CLI, HTTP): validated row by row, then added all together or not at all. */
export async function importItems (ctx: AppContext, source: string, format: ImportFormat, by: Author): Promise<ImportOutcome> {
  const parsed = parseImport(source, format)
  if (!parsed.ok) return parsed
  return { ok: true, result: await addItems(ctx, parsed.items, by), lines: parsed.items.length }
}

export type RetireOutcome = { kind: 'ok', item: ContentItem, replanned: number } | { kind: 'not-found' } | { kind: 'already', item: ContentItem }

/** Retires an item; slots planned to post it get another item (or a campaign, or nothing) right away. */
export async function retire (ctx: AppContext, id: number, by: number | null): Promise<RetireOutcome> {
  const now = ctx.clock.now()
  const outcome = await ctx.db.transaction(async (tx): Promise<RetireOutcome> => {
    await lockPlanner(tx)
    const item = await retireItem(tx, id, by, now)
    if (!item) {
      const existing = await getItem(tx, id)
      return existing ? { kind: 'already', item: existing } : { kind: 'not-found' }
    }
    const replanned = await replanSlots(tx, { now, spreadSeconds: spreadSecondsOf(ctx), mode: 'keep', where: sql`cur.item_id = ${id}` })
    return { kind: 'ok', item, replanned: replanned.length }
  })
  if (outcome.kind === 'ok' && outcome.replanned > 0) await fanOut(ctx)
  return outcome
}
