/**
 * The consent notice and the basic-information questions after a friendship (SPEC 3.3, PIPL): the notice states
 * what is collected, why, how to decline and how to delete, and asks for agreement; then city, interests, optional
 * birthday and age range, one at a time. The open question is the contact's `profile_step`; a DM that is not a command
 * and reads as an answer (not a question, greeting or sentence) answers it within ANSWER_WINDOW_MS; anything else,
 * and any later DM, is ordinary chat. Declining, skipping and stopping are always fine,
 * and any command still works in between, so nobody is ever stuck.
 *
 * Exactly once: the first question is opened by a conditional update (`profile_asked_at is null`) and its DM has its
 * own idempotency key; each answer is one inbound message (logged once) and moves the step by a conditional update.
 */
import { getContact, type Contact } from '../db/queries/contacts.ts'
import { advanceProfile, openProfile, type ProfileFields } from '../db/queries/crm-contacts.ts'
import { lockPerson } from '../db/queries/points.ts'
import { roleOf } from '../db/queries/staff.ts'
import { ANSWER_WINDOW_MS, nextQuestion, NO_YEAR, readProfileReply, type ProfileStep, PROFILE_STEPS } from '../domain/profile.ts'
import type { ProfileData } from '../messages/index.ts'
import type { AppContext } from './context.ts'
import { dispatch, stageAction, type Staged } from './outbox.ts'

/**
 * The version of the consent notice the person agreed to, stored with the consent (PIPL: which text they saw). v2
 * names every purpose the marketing DMs serve (MARKETING.md), after-purchase care and follow-up included.
 */
export const CONSENT_VERSION = 'profile-notice-v2'

function answered (c: Contact): Set<ProfileStep> {
  const done = new Set<ProfileStep>()
  if (c.city !== null) done.add('city')
  if (c.interests.length > 0) done.add('interests')
  if (c.birthday !== null) done.add('birthday')
  if (c.ageRange !== null) done.add('age-range')
  return done
}

/**
 * The consent notice (or, for someone who consented before, the first question not answered yet), once per person,
 * ever (`profile_asked_at`, a conditional update). Started after the greeting of a new friend, when the platform
 * confirms a friendship, and on the first DM of a friend who never got it and has not consented (a friend from before
 * the CRM). Only to a
 * friend (a DM must reach them) who has not opted out or erased their data.
 */
export async function startProfile (ctx: AppContext, contactId: number, on: 'friendship' | 'first-dm' = 'friendship'): Promise<void> {
  let staged = null as Staged | null
  await ctx.db.transaction(async (tx) => {
    const contact = await getContact(tx, contactId)
    if (!contact || contact.erasedAt !== null || !contact.isFriend || contact.optedOutAt !== null || contact.profileAskedAt !== null) return
    // On a DM, only the notice a customer still needs (PIPL); someone who consented, or staff, is not asked out of the blue.
    if (on === 'first-dm' && (contact.consentAt !== null || (await roleOf(tx, contactId)) !== 'customer')) return
    const step: ProfileStep | null = contact.consentAt === null ? 'consent' : nextQuestion(null, answered(contact))
    if (step === null || !(await openProfile(tx, contactId, step, ctx.clock.now()))) return
    staged = await stageAction(ctx, tx, { kind: 'text', purpose: 'profile', idemKey: `profile-${step}-${contactId}`, contactId, text: ctx.messages.profileQuestion(step) })
  })
  if (staged) await dispatch(ctx, staged)
}

/**
 * A DM that is not a command: the answer to the open profile question, if there is one, it was asked recently, and
 * the DM reads as an answer (ordinary chat leaves the question open and gets no reply here). The reply (the next
 * question, a retry, or the closing line) is staged in the same transaction that records the answer, so a crash
 * keeps both or neither. Returns whether the DM was taken as the answer.
 */
export async function answerProfile (ctx: AppContext, contactId: number, text: string, messageKey: string): Promise<boolean> {
  const m = ctx.messages
  let staged = null as Staged | null
  const taken = await ctx.db.transaction(async (tx) => {
    await lockPerson(tx, contactId)
    const contact = await getContact(tx, contactId)
    const now = ctx.clock.now()
    const step = contact?.profileStep as ProfileStep | null | undefined
    if (!contact || !step || !PROFILE_STEPS.includes(step) || contact.profileAskedAt === null) return false
    if (now.getTime() - contact.profileAskedAt.getTime() > ANSWER_WINDOW_MS) return false
    const reply = readProfileReply(step, text)
    if (reply.kind === 'chat') return false
    const say = async (line: string): Promise<true> => {
      staged = await stageAction(ctx, tx, { kind: 'text', purpose: 'reply', idemKey: `reply-${messageKey}`, contactId, text: line })
      return true
    }
    if (reply.kind === 'unclear') return say(m.profileUnclear(step))
    const close = async (fields: ProfileFields, line: string): Promise<true> => {
      await advanceProfile(tx, contactId, step, { ...fields, profileStep: null })
      return say(line)
    }
    if (reply.kind === 'stop') return close({}, m.profileDeclined())
    const done = answered(contact)
    let fields: ProfileFields = {}
    if (reply.kind === 'answer') {
      const a = reply.answer
      switch (a.kind) {
        case 'consent':
          if (!a.agreed) return close({}, m.profileDeclined())
          fields = { consentAt: now, consentVersion: CONSENT_VERSION }
          break
        case 'city': fields = { city: a.city }; break
        case 'interests': fields = { interests: a.interests }; break
        case 'birthday': fields = { birthday: a.birthday }; break
        case 'age-range': fields = { ageRange: a.ageRange }; break
      }
      if (step !== 'consent') done.add(step)
    }
    const next = nextQuestion(step, done)
    if (next === null) return close(fields, m.profileDone())
    await advanceProfile(tx, contactId, step, { ...fields, profileStep: next, profileAskedAt: now })
    return say(m.profileQuestion(next))
  })
  if (staged) await dispatch(ctx, staged)
  return taken
}

/** The profile as a person or an operator reads it. */
export function profileOf (c: Contact): ProfileData {
  const birthday = c.birthday === null ? null : c.birthday.startsWith(`${NO_YEAR}-`) ? c.birthday.slice(5) : c.birthday
  return { city: c.city, interests: c.interests, birthday, ageRange: (c.ageRange as ProfileData['ageRange']) ?? null }
}

