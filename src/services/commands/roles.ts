/** /role: grant or revoke a staff role. */
import { count, eq } from 'drizzle-orm'
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
  const current = await roleOf(ctx.db, target.id)
  const detail = { targetId: target.id, from: current, to: command.role }
  if (!canGrant(caller.role, current, command.role) || (current === 'owner' && command.role !== 'owner' && (await ownerCount(ctx)) <= 1)) {
    // The last owner cannot be demoted: the bot would be left with nobody who can manage it.
    await audit(ctx, caller.contactId, 'role.set', 'denied', detail)
    return ctx.messages.roleCannotGrant()
  }
  await setRole(ctx.db, target.id, command.role, caller.contactId, ctx.clock.now())
  await audit(ctx, caller.contactId, 'role.set', 'ok', detail)
  return ctx.messages.roleGranted(target.displayName ?? command.target, command.role)
}

async function ownerCount (ctx: AppContext): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(staffMembers).where(eq(staffMembers.role, 'owner'))
  return row?.n ?? 0
}
