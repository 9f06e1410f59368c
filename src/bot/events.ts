/** Plain events: what the rest of the bot sees of the chat platform. No wechaty object travels past the adapter. */
import type { PlatformContact, PlatformRoom } from '../services/community.ts'

export type ChatEvent =
  | { type: 'message', at: Date, messageId: string, talker: PlatformContact, room: PlatformRoom | null, listener: PlatformContact | null, text: string, self: boolean, mentionIds: string[] }
  | { type: 'join', at: Date, room: PlatformRoom, invitees: PlatformContact[], inviter: PlatformContact | null }
  | { type: 'leave', at: Date, room: PlatformRoom, leavers: PlatformContact[], remover: PlatformContact | null }
  | { type: 'friendship', at: Date, friendshipId: string, kind: 'request' | 'confirm', contact: PlatformContact, hello: string }
  | { type: 'login', at: Date, self: PlatformContact }

/** The puppet's member list of a room, asked for when a room is seen for the first time. */
export type RosterSource = (roomPlatformId: string) => Promise<PlatformContact[]>
