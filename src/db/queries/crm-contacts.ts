/** The CRM's writes on a person: last activity, the profile questions, and delete-my-data (SPEC 3.3). */
import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm'
import { voidUndeliverableDms } from './marketing.ts'
import type { DbOrTx } from '../client.ts'
import { contacts, messageLog, orders, outbox, pointsLedger, reminders } from '../schema/index.ts'

/** A message the person sent: their last activity moves forward (never back). */
export async function touchLastActive (db: DbOrTx, contactId: number, at: Date): Promise<void> {
  await db.update(contacts).set({ lastActiveAt: at })
    .where(and(eq(contacts.id, contactId), or(isNull(contacts.lastActiveAt), lt(contacts.lastActiveAt, at))))
}

/**
 * Opens the profile questions of a person who was never asked (conditional on `profile_asked_at is null`, so a
 * friendship accepted twice asks once). False when they were asked before.
 */
export async function openProfile (db: DbOrTx, contactId: number, step: string, now: Date): Promise<boolean> {
  const rows = await db.update(contacts).set({ profileStep: step, profileAskedAt: now })
    .where(and(eq(contacts.id, contactId), isNull(contacts.profileAskedAt), isNull(contacts.erasedAt))).returning({ id: contacts.id })
  return rows.length > 0
}

export type ProfileFields = Partial<Pick<typeof contacts.$inferInsert, 'city' | 'interests' | 'birthday' | 'ageRange' | 'consentAt' | 'consentVersion' | 'profileStep' | 'profileAskedAt'>>

/** Stores an answer and the next question, only while `step` is still the open one (conditional update). */
export async function advanceProfile (db: DbOrTx, contactId: number, step: string, fields: ProfileFields): Promise<boolean> {
  const rows = await db.update(contacts).set(fields)
    .where(and(eq(contacts.id, contactId), eq(contacts.profileStep, step))).returning({ id: contacts.id })
  return rows.length > 0
}

/**
 * Delete-my-data: personal fields and message texts are erased; the row, its id and anonymous aggregates (orders with
 * their totals, points, referrals, DM decisions) stay. Conditional on `erased_at is null`: false when erased before.
 */
export async function eraseContact (db: DbOrTx, contactId: number, now: Date): Promise<boolean> {
  const rows = await db.update(contacts).set({
    displayName: null, city: null, interests: [], birthday: null, ageRange: null, phone: null, consentAt: null, consentVersion: null,
    profileStep: null, profileAskedAt: null, sourceChannel: null, erasedAt: now,
  }).where(and(eq(contacts.id, contactId), isNull(contacts.erasedAt))).returning({ id: contacts.id })
  if (rows.length === 0) return false
  await db.update(messageLog).set({ text: null }).where(eq(messageLog.contactId, contactId))
  // Marketing DMs still queued are voided (never sent); texts already delivered (or given up) are dropped; any other
  // DM still waiting (a reply, the erase confirmation) keeps its text until it goes out.
  await voidUndeliverableDms(db, { contactId })
  await db.update(outbox).set({ text: null }).where(and(eq(outbox.contactId, contactId), inArray(outbox.status, ['sent', 'failed', 'uncertain'])))
  await db.update(orders).set({ customerPhone: null, customerPlatformId: null }).where(eq(orders.contactId, contactId))
  await db.update(pointsLedger).set({ note: null }).where(eq(pointsLedger.contactId, contactId))
  await db.update(reminders).set({ status: 'skipped', reason: 'erased', closedAt: now }).where(and(eq(reminders.contactId, contactId), eq(reminders.status, 'planned')))
  return true
}

