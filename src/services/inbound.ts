/**
 * Routes plain chat events to the use cases: every inbound message is logged, commands are answered, joins,
 * leaves and friendships go to onboarding, and the echo of the bot's own sends confirms them.
 */
import type { ChatEvent, RosterSource } from '../bot/events.ts'
import { setSelfPlatformId } from '../db/queries/accounts.ts'
import { contactIdFor, groupIdFor } from '../db/queries/links.ts'
import { logInbound } from '../db/queries/messages.ts'
import { completeSend, sendingRowFor } from '../db/queries/outbox.ts'
import { roleOf } from '../db/queries/staff.ts'
import { getContact } from '../db/queries/contacts.ts'
import { commandSpec } from '../domain/commands/catalog.ts'
import { parseCommand } from '../domain/commands/parser.ts'
import { runParsed } from './commands/index.ts'
import { resolveContact, resolveGroup } from './community.ts'
import type { AppContext } from './context.ts'
import { onFriendConfirmed, onFriendRequest, onJoin, onLeave } from './onboarding.ts'
import { enqueueAction } from './outbox.ts'
import { touchLastActive } from '../db/queries/crm-contacts.ts'
import { answerProfile, startProfile } from './profile.ts'
import { onGroupChat } from './campaign-participation.ts'

type MessageEvent = Extract<ChatEvent, { type: 'message' }>

/** WeChat puts "@name" plus a four-per-em space (or a space) before a mention; commands may follow mentions. */
const LEADING_MENTIONS = /^(?:\s*@[^\s\u2005]+[\u2005 ])+/

export class Inbound {
  private selfId: string | null = null

  constructor (private readonly ctx: AppContext, private readonly roster: RosterSource) {}

  async handle (event: ChatEvent): Promise<void> {
    switch (event.type) {
      case 'login':
        this.selfId = event.self.platformId
        await setSelfPlatformId(this.ctx.db, this.ctx.account.id, event.self.platformId, event.self.name)
        return
      case 'message':
        return event.self ? this.onOwnMessage(event) : this.onMessage(event)
      case 'join': {
        const invited = new Set(event.invitees.map((i) => i.platformId))
        const group = await resolveGroup(this.ctx, event.room, async () => (await this.roster(event.room.platformId)).filter((c) => !invited.has(c.platformId)))
        await onJoin(this.ctx, { groupId: group.id, invitees: event.invitees, inviter: event.inviter, selfPlatformId: this.selfId })
        return
      }
      case 'leave': {
        const groupId = await groupIdFor(this.ctx.db, this.ctx.account.id, event.room.platformId)
        if (groupId !== null) await onLeave(this.ctx, groupId, event.leavers.filter((l) => l.platformId !== this.selfId))
        return
      }
      case 'friendship':
        if (event.kind === 'request') await onFriendRequest(this.ctx, event.friendshipId, event.contact)
        else await onFriendConfirmed(this.ctx, event.contact)
    }
  }

  /** The platform echoes what the bot sent: that proves the send, which matters if we crash before noting it. */
  private async onOwnMessage (event: MessageEvent): Promise<void> {
    const target = event.room
      ? await groupIdFor(this.ctx.db, this.ctx.account.id, event.room.platformId).then((groupId) => groupId === null ? null : { groupId })
      : event.listener
        ? await contactIdFor(this.ctx.db, this.ctx.account.id, event.listener.platformId).then((contactId) => contactId === null ? null : { contactId })
        : null
    if (!target) return
    const rowId = await sendingRowFor(this.ctx.db, this.ctx.account.id, target, event.text)
    if (rowId !== null) await completeSend(this.ctx.db, rowId, this.ctx.clock.now(), event.messageId)
  }

  private async onMessage (event: MessageEvent): Promise<void> {
    const ctx = this.ctx
    const contactId = await resolveContact(ctx, event.talker)
    const group = event.room ? await resolveGroup(ctx, event.room, () => this.roster(event.room!.platformId)) : null
    const logged = await logInbound(ctx.db, {
      accountId: ctx.account.id, groupId: group?.id ?? null, contactId, text: event.text, kind: 'chat', platformMessageId: event.messageId, at: event.at,
    })
    if (logged === null) return // the same platform message again: already handled
    // The person's own activity: reactivation counts silence from their last message.
    await touchLastActive(ctx.db, contactId, event.at)
    const parsed = parseCommand(event.text.replace(LEADING_MENTIONS, ''))
    if (parsed.kind === 'none') {
      // A DM that is not a command may answer the profile question the bot asked.
      // A friend from before the CRM (or one the notice never reached) gets it when they first talk to the bot.
      if (group === null && !(await answerProfile(ctx, contactId, event.text, event.messageId))) await startProfile(ctx, contactId, 'first-dm')
      // Chat in a group may be a lottery's keyword (SPEC 3.8).
      if (group) await onGroupChat(ctx, { groupId: group.id, contactId, text: event.text.replace(LEADING_MENTIONS, '') })
      return
    }
    const mentionContactIds: number[] = []
    for (const platformId of event.mentionIds) {
      if (platformId === this.selfId) continue
      const id = await contactIdFor(ctx.db, ctx.account.id, platformId)
      if (id !== null) mentionContactIds.push(id)
    }
    const caller = { contactId, name: event.talker.name, role: await roleOf(ctx.db, contactId), group, mentionContactIds, messageKey: event.messageId }
    let reply: string | null
    try {
      reply = await runParsed(ctx, caller, parsed)
    } catch (err) {
      ctx.logger.error({ err: (err as Error).message, stack: (err as Error).stack, command: parsed.kind }, 'command failed')
      reply = ctx.messages.internalError()
    }
    if (reply === null) return
    const idemKey = `reply-${event.messageId}`
    // A person's own business typed in a group is answered by DM to a friend, and so is staff business the catalog
    // marks privateReply (a plan, a campaign). A non-friend cannot get a DM: their subscription state is not told in
    // front of the group, just that it was done.
    const spec = parsed.kind === 'command' ? commandSpec(parsed.command.name) : null
    const selfService = group !== null && spec !== null && (spec.permission === 'self.service' || spec.privateReply === true)
    const friend = (await getContact(ctx.db, contactId))?.isFriend === true
    if (group && !(selfService && friend)) {
      const consent = parsed.kind === 'command' && (parsed.command.name === 'unsubscribe' || parsed.command.name === 'subscribe')
      await enqueueAction(ctx, { kind: 'text', purpose: 'reply', idemKey, groupId: group.id, mentionIds: [contactId], text: consent ? ctx.messages.noted() : reply })
    } else {
      await enqueueAction(ctx, { kind: 'text', purpose: 'reply', idemKey, contactId, text: reply })
    }
  }
}
