import { eq, inArray } from 'drizzle-orm'
import type { Role, StaffRole } from '../../domain/roles.ts'
import type { DbOrTx } from '../client.ts'
import { contacts, staffMembers } from '../schema/index.ts'

export async function roleOf (db: DbOrTx, contactId: number): Promise<Role> {
  const [row] = await db.select({ role: staffMembers.role }).from(staffMembers).where(eq(staffMembers.contactId, contactId))
  return row?.role ?? 'customer'
}

/** Sets or clears a role; 'customer' removes the staff row. */
export async function setRole (db: DbOrTx, contactId: number, role: Role, grantedBy: number | null, now: Date): Promise<void> {
  if (role === 'customer') {
    await db.delete(staffMembers).where(eq(staffMembers.contactId, contactId))
    return
  }
  await db.insert(staffMembers).values({ contactId, role: role as StaffRole, grantedBy, grantedAt: now })
    .onConflictDoUpdate({ target: staffMembers.contactId, set: { role: role as StaffRole, grantedBy, grantedAt: now } })
}

export async function staffWithRoles (db: DbOrTx, roles: StaffRole[]): Promise<Array<{ contactId: number, role: StaffRole, name: string | null }>> {
  return db.select({ contactId: staffMembers.contactId, role: staffMembers.role, name: contacts.displayName }).from(staffMembers)
    .innerJoin(contacts, eq(contacts.id, staffMembers.contactId))
    .where(inArray(staffMembers.role, roles)).orderBy(staffMembers.id)
}
