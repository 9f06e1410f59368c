/**
 * The wechaty edge: listens to the puppet's events, turns them into plain ChatEvents and hands them to the
 * inbound router; implements ChatPort for the sender. Tracks in-flight handlers so the sandbox (and shutdown)
 * can wait until the bot has finished reacting.
 */
import * as PUPPET from 'wechaty-puppet'
import { qrcodeValueToImageUrl, type Contact, type Friendship, type Message, type Room, type Wechaty as WechatyInterface } from 'wechaty'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { PlatformContact, PlatformRoom } from '../services/community.ts'
import { RateLimitedError, type ChatPort } from '../services/ports.ts'
import type { ChatEvent, RosterSource } from './events.ts'

type ContactLike = { id: string, name: () => string }

const toContact = (c: ContactLike): PlatformContact => ({ platformId: c.id, name: c.name() || null })

async function toRoom (room: Room): Promise<PlatformRoom> {
  return { platformId: room.id, topic: await room.topic().catch(() => null) }
}

/** Errors the sandbox puppet raises by design; everything else an `error` event carries is logged as an error. */
export type NoiseFilter = (err: Error) => boolean

/** wechaty-puppet-mock 1.19 raises "no payload found for id X@chatroom" before delivering a room-join. */
export const mockRoomJoinNoise: NoiseFilter = (err) => /^no payload found for id \S+@chatroom$/.test(err.message)

export interface AdapterOptions {
  clock: Clock
  logger: Logger
  onEvent: (event: ChatEvent) => Promise<void>
  isNoise?: NoiseFilter
}

export interface Adapter {
  /** Resolves when no event handler is running. */
  idle: () => Promise<void>
  inFlight: () => number
  /** Events taken in so far; the sandbox waits for this to move after it acts on the puppet. */
  eventsSeen: () => number
  /** Stop taking new events (shutdown step one); handlers already running finish. */
  stopIntake: () => void
}

export function attachAdapter (bot: WechatyInterface, opts: AdapterOptions): Adapter {
  let running = 0
  let seen = 0
  let accepting = true
  let waiters: Array<() => void> = []

  const track = (what: string, work: () => Promise<ChatEvent | null>): void => {
    if (!accepting) return
    seen++
    running++
    work()
      .then((event) => (event ? opts.onEvent(event) : undefined))
      .catch((err: Error) => opts.logger.error({ event: what, err: err.message, stack: err.stack }, 'event handler failed'))
      .finally(() => {
        running--
        if (running === 0) { const w = waiters; waiters = []; w.forEach((f) => f()) }
      })
  }

  bot.on('error', (err) => {
    const e = err instanceof Error ? err : new Error(String(err))
    if (opts.isNoise?.(e)) opts.logger.debug({ err: e.message }, 'known puppet noise')
    else opts.logger.error({ err: e.message }, 'puppet error')
  })
  // A real account logs in by scanning a QR code with the phone; the link shows it as an image.
  bot.on('scan', (qrcode: string, status: number) => {
    if (status === PUPPET.types.ScanStatus.Waiting || status === PUPPET.types.ScanStatus.Timeout) {
      opts.logger.info({ qrcode: qrcodeValueToImageUrl(qrcode) }, 'scan this QR code with the WeChat app of the bot account to log in')
    }
  })
  bot.on('logout', (user: Contact, reason?: string) => {
    // During our own shutdown the puppet logs out on purpose; any other logout needs a person.
    if (accepting) opts.logger.warn({ account: user.id, reason }, 'chat account logged out; it must log in again before anything is sent')
    else opts.logger.debug({ account: user.id, reason }, 'chat account logged out for shutdown')
  })
  bot.on('login', (user: Contact) => track('login', async () => ({ type: 'login', at: opts.clock.now(), self: toContact(user) })))
  bot.on('message', (msg: Message) => track('message', () => messageEvent(msg, opts.clock)))
  bot.on('room-join', (room: Room, invitees: Contact[], inviter: Contact) => track('room-join', async () => ({
    type: 'join', at: opts.clock.now(), room: await toRoom(room), invitees: invitees.map(toContact), inviter: inviter ? toContact(inviter) : null,
  })))
  bot.on('room-leave', (room: Room, leavers: Contact[], remover?: Contact) => track('room-leave', async () => ({
    type: 'leave', at: opts.clock.now(), room: await toRoom(room), leavers: leavers.map(toContact), remover: remover ? toContact(remover) : null,
  })))
  bot.on('friendship', (friendship: Friendship) => track('friendship', () => friendshipEvent(friendship, opts.clock)))

  return {
    idle: () => running === 0 ? Promise.resolve() : new Promise((resolve) => { waiters.push(resolve) }),
    inFlight: () => running,
    eventsSeen: () => seen,
    stopIntake: () => { accepting = false },
  }
}

async function messageEvent (msg: Message, clock: Clock): Promise<ChatEvent | null> {
  if (msg.type() !== PUPPET.types.Message.Text) return null
  const room = msg.room()
  const talker = msg.talker()
  return {
    type: 'message',
    at: clock.now(),
    messageId: msg.id,
    talker: toContact(talker),
    room: room ? await toRoom(room) : null,
    listener: !room && msg.listener() ? toContact(msg.listener()!) : null,
    // Postgres text cannot hold NUL; nothing a person types needs it.
    text: msg.text().replace(/\u0000/g, ''),
    self: msg.self(),
    mentionIds: room ? (await msg.mentionList()).map((c) => c.id) : [],
  }
}

async function friendshipEvent (friendship: Friendship, clock: Clock): Promise<ChatEvent | null> {
  const type = friendship.type()
  if (type !== PUPPET.types.Friendship.Receive && type !== PUPPET.types.Friendship.Confirm) return null
  return {
    type: 'friendship',
    at: clock.now(),
    friendshipId: friendship.id,
    kind: type === PUPPET.types.Friendship.Receive ? 'request' : 'confirm',
    contact: toContact(friendship.contact()),
    hello: friendship.hello(),
  }
}

const RATE_LIMIT = /操作过于频繁|too frequent|rate.?limit|RESOURCE_EXHAUSTED/i

async function guard<T> (call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    const message = (err as Error).message ?? String(err)
    if (RATE_LIMIT.test(message)) throw new RateLimitedError(message)
    throw err
  }
}

export function wechatyChatPort (bot: WechatyInterface): ChatPort {
  const room = async (id: string): Promise<Room> => {
    const r = await bot.Room.find({ id })
    if (!r) throw new Error(`room ${id} not found on the platform`)
    return r
  }
  const contact = async (id: string): Promise<Contact> => {
    const c = await bot.Contact.find({ id })
    if (!c) throw new Error(`contact ${id} not found on the platform`)
    return c
  }
  return {
    isLoggedIn: () => bot.isLoggedIn,
    sendText: (to, text, mentionIds) => guard(async () => {
      if ('roomId' in to) {
        const r = await room(to.roomId)
        const mentions = await Promise.all(mentionIds.map(contact))
        await r.say(text, ...mentions)
      } else {
        await (await contact(to.contactId)).say(text)
      }
    }),
    kick: (roomId, contactId) => guard(async () => { await (await room(roomId)).del((await contact(contactId)) as never) }),
    acceptFriend: (friendshipId) => guard(async () => { await bot.puppet.friendshipAccept(friendshipId) }),
  }
}

export function wechatyRoster (bot: WechatyInterface): RosterSource {
  return async (roomId) => {
    const r = await bot.Room.find({ id: roomId })
    if (!r) return []
    const self = bot.isLoggedIn ? bot.currentUser.id : null
    return (await r.memberAll()).filter((c: Contact) => c.id !== self).map(toContact)
  }
}
