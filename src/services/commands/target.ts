/** Finding the person a staff command is about: an @mention first, else an exact display name. */
import { findContactsByName, getContact, type Contact } from '../../db/queries/contacts.ts'
import type { AppContext } from '../context.ts'
import type { Caller } from './types.ts'

export async function resolveTarget (ctx: AppContext, caller: Caller, typed: string): Promise<Contact | null> {
  const mentioned = caller.mentionContactIds[0]
  if (mentioned !== undefined) return getContact(ctx.db, mentioned)
  const matches = await findContactsByName(ctx.db, typed.replace(/^@/, '').trim())
  // Two people with the same name: refuse rather than guess who gets a role.
  return matches.length === 1 ? matches[0]! : null
}
