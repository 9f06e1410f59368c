/**
 * wechaty-puppet-mock 1.19, extended where the simulation needs it (SANDBOX.md): friendship requests carry a
 * contact, accepting one is recorded, kicks and adds change the room's members and raise room-leave/join, and
 * the platform can be told to refuse sends for a while (rate limiting). It keeps the platform's side of
 * friendships: a contact can delete the bot (the platform does not tell the bot, as on WeChat), and a DM to them
 * then goes nowhere (recorded as not delivered) until they add the bot again. Every outgoing action is reported
 * to the recorder at the virtual time it happens.
 */
import * as PUPPET from 'wechaty-puppet'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import type { Clock } from '../clock.ts'

export type PlatformAction =
  /** `delivered: false`: a DM to someone who deleted the bot (the platform takes it; nobody reads it). */
  | { type: 'send', to: { room: string } | { contact: string }, mentions: string[], text: string, delivered?: false }
  | { type: 'accept-friend', contact: string }
  | { type: 'kick', room: string, contact: string }
  | { type: 'send-refused', reason: 'rate-limited', to: { room: string } | { contact: string } | null }

export const RATE_LIMIT_MESSAGE = '操作过于频繁，请稍后再试'

/** Room ids carry "@chatroom" like WeChat's; the mock tells rooms from contacts by the "@". */
export const roomIdOf = (groupId: string): string => `${groupId}@chatroom`
export const groupIdOf = (roomId: string): string => roomId.replace(/@chatroom$/, '')

const AT_SEPARATOR = '\u2005'

export class SandboxPuppet extends PuppetMock {
  private readonly friendships = new Map<string, PUPPET.payloads.Friendship>()
  /** The platform's side: who has the bot among their friends. */
  private readonly friends = new Set<string>()
  private refuseUntil = 0
  private friendshipSeq = 0

  constructor (readonly sandboxMocker: mock.Mocker, private readonly clock: Clock, private readonly record: (action: PlatformAction) => void) {
    super({ mocker: sandboxMocker })
  }

  /** Contacts who have the bot as a friend when the simulation starts. */
  befriend (contactIds: Iterable<string>): void { for (const id of contactIds) this.friends.add(id) }

  /** The contact deletes the bot. Nothing tells the bot: WeChat does not. */
  removeFriend (contactId: string): void { this.friends.delete(contactId) }

  isFriend (contactId: string): boolean { return this.friends.has(contactId) }

  /** The platform refuses every send until `until` (virtual time), as WeChat does with 操作过于频繁. */
  rateLimitUntil (until: Date): void { this.refuseUntil = until.getTime() }

  /**
   * A contact asks to be the bot's friend; returns the request id. `deliver: false` registers the request without
   * raising its event, for tests that replay what a crashed process left behind.
   */
  requestFriendship (contactId: string, hello: string, options: { deliver: boolean } = { deliver: true }): string {
    const id = `fr-${contactId}-${++this.friendshipSeq}`
    this.friendships.set(id, { id, contactId, hello, type: PUPPET.types.Friendship.Receive, timestamp: this.clock.now().getTime() } as PUPPET.payloads.Friendship)
    if (options.deliver) this.emit('friendship', { friendshipId: id })
    return id
  }

  private refused (to: { room: string } | { contact: string } | null): boolean {
    if (this.clock.now().getTime() >= this.refuseUntil) return false
    this.record({ type: 'send-refused', reason: 'rate-limited', to })
    return true
  }

  private target (conversationId: string): { room: string } | { contact: string } {
    return conversationId.endsWith('@chatroom') ? { room: conversationId } : { contact: conversationId }
  }

  override async messageSendText (conversationId: string, text: string, mentionIdList?: string[]): Promise<void> {
    const to = this.target(conversationId)
    if (this.refused(to)) throw new Error(RATE_LIMIT_MESSAGE)
    const mentions = mentionIdList ?? []
    const lost = 'contact' in to && !this.friends.has(to.contact)
    this.record({ type: 'send', to, mentions, text: this.withoutMentionPrefix(text, mentions), ...(lost ? { delivered: false as const } : {}) })
    await super.messageSendText(conversationId, text)
  }

  override async friendshipRawPayload (id: string): Promise<any> {
    const payload = this.friendships.get(id)
    if (!payload) throw new Error(`no friendship ${id}`)
    return payload
  }

  override async friendshipAccept (id: string): Promise<void> {
    const payload = this.friendships.get(id)
    if (!payload) throw new Error(`no friendship ${id}`)
    if (this.refused({ contact: payload.contactId })) throw new Error(RATE_LIMIT_MESSAGE)
    this.friends.add(payload.contactId)
    this.record({ type: 'accept-friend', contact: payload.contactId })
  }

  override async roomDel (roomId: string, contactId: string): Promise<void> {
    if (this.refused({ room: roomId })) throw new Error(RATE_LIMIT_MESSAGE)
    this.record({ type: 'kick', room: roomId, contact: contactId })
    const room = this.sandboxMocker.RoomMock.load(roomId)
    room.remove(this.sandboxMocker.ContactMock.load(contactId)).by(this.sandboxMocker.ContactMock.load(this.currentUserId))
  }

  override async roomAdd (roomId: string, contactId: string): Promise<void> {
    const room = this.sandboxMocker.RoomMock.load(roomId)
    room.add(this.sandboxMocker.ContactMock.load(contactId)).by(this.sandboxMocker.ContactMock.load(this.currentUserId))
  }

  /** wechaty writes "@name\u2005@name2 text" for mentions; the transcript shows the mentions separately. */
  private withoutMentionPrefix (text: string, mentions: string[]): string {
    if (mentions.length === 0) return text
    const prefix = mentions.map((id) => '@' + (this.sandboxMocker.cacheContactPayload.get(id)?.name ?? '')).join(AT_SEPARATOR) + ' '
    return text.startsWith(prefix) ? text.slice(prefix.length) : text
  }
}
