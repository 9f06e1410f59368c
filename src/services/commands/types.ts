import type { Group } from '../../db/queries/groups.ts'
import type { Role } from '../../domain/roles.ts'

/** Who typed a command, where, and what they @mentioned (CRM ids). */
export interface Caller {
  contactId: number
  name: string | null
  role: Role
  group: Group | null
  mentionContactIds: number[]
  /** The inbound message's platform id: replies are keyed by it, so a duplicate event gets one reply. */
  messageKey: string
}

/** A command's answer to the caller; null means no reply. */
export type Reply = string | null
