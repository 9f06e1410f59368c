/** /role: grant or revoke a staff role. */
import { eq } from 'drizzle-orm'
import { roleOf, setRole } from '../../db/queries/staff.ts'
import { staffMembers } from '../../db/schema/index.ts'
import type { Command } from '../../domain/commands/parser.ts'
import { canGrant } from '../../domain/roles.ts'
import { audit } from '../audit.ts'
import type { AppContext } from '../context.ts'
import { resolveTarget } from './target.ts'
import type { Caller, Reply } from './types.ts'

type RoleCommand = Extract<Command, { name: 'role' }>

export async function roleCommand (ctx: AppContext, caller: Caller, command: RoleCommand): Promise<Reply> {
  const target = await resolveTarget(ctx, caller, command.target)
  if (!target) return ctx.messages.roleTargetNotFound(command.target)
  const outcome = await ctx.db.transaction(async (tx) => {
    // The owners' rows stay locked until the change commits: two owners demoting each other at the same moment
    // are serialized, and the second sees that only one owner is left.
    const owners = await tx.select({ contactId: staffMembers.contactId }).from(staffMembers).where(eq(staffMembers.role, 'owner')).for('update')
    const current = await roleOf(tx, target.id)
    const detail = { targetId: target.id, from: current, to: command.role }
    // The last owner cannot be demoted: the bot would be left with nobody who can manage it.
    if (!canGrant(caller.role, current, command.role) || (current === 'owner' && command.role !== 'owner' && owners.length <= 1)) return { ok: false, detail }
    await setRole(tx, target.id, command.role, caller.contactId, ctx.clock.now())
    return { ok: true, detail }
  })
  await audit(ctx, caller.contactId, 'role.set', outcome.ok ? 'ok' : 'denied', outcome.detail)
  return outcome.ok ? ctx.messages.roleGranted(target.displayName ?? command.target, command.role) : ctx.messages.roleCannotGrant()
}
