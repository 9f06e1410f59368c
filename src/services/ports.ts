/** What the use cases need from the chat platform. The wechaty adapter implements it; ids are platform ids. */
export type Conversation = { roomId: string } | { contactId: string }

export interface ChatPort {
  /** False while the account is logged out (before the QR scan, or kicked off by the phone). */
  isLoggedIn: () => boolean
  sendText: (to: Conversation, text: string, mentionIds: string[]) => Promise<void>
  kick: (roomId: string, contactId: string) => Promise<void>
  acceptFriend: (friendshipId: string) => Promise<void>
}

/** The platform said "too fast" (操作过于频繁): the governor pauses the account. */
export class RateLimitedError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'RateLimitedError'
  }
}
