/**
 * Who may do what (SPEC 3.12), as a pure table. Callers check `can` before any privileged effect and write
 * the audit log; /help uses the same table (through `commandsFor`) so it never lists what would be refused.
 */
export const ROLES = ['owner', 'admin', 'operator', 'marketer', 'staff', 'customer'] as const
export type Role = typeof ROLES[number]
export type StaffRole = Exclude<Role, 'customer'>

export const PERMISSIONS = [
  /** Change the settings of a group (tags, operator, timezone, post slots). Operators: their own groups only. */
  'group.manage',
  /** Grant or revoke staff roles. */
  'role.manage',
  /** Create, edit and schedule campaigns (they start as drafts). */
  'campaign.manage',
  /** Approve or cancel a drafted campaign so it can run; kept apart from drafting on purpose (SPEC 3.8). */
  'campaign.approve',
  /** Create coupon batches and streamer codes. */
  'coupon.batch',
  /** Read KPIs and reports. */
  'report.view',
  /** Verify (核销) a customer's coupon at the till. */
  'coupon.verify',
  /** Issue a batch's coupon to a person, void an unused coupon, reissue a voided one (audited). */
  'coupon.issue',
  /**
   * List referral rewards held by the fraud checks and approve (pay) or reject them (SPEC 3.4). Operators have
   * it: they run the referral programme of their groups.
   */
  'referral.review',
  /** Add or deduct a person's points by hand, with a reason; the ledger still never goes below zero (SPEC 3.6). */
  'points.adjust',
  /**
   * See a customer's record (customer 360: profile, orders, coupons, points, last messages). Operators: customers of
   * their own groups only (the service checks the groups).
   */
  'customer.view',
  /**
   * Add items to the shared content library and retire them (SPEC 3.2). Operators and marketers; an operator may
   * retire only the items they added, a marketer any (checked by the handler).
   */
  'content.manage',
  /** A person acting on their own data: subscribe, unsubscribe, view profile. Everyone has it. */
  'self.service',
] as const
export type Permission = typeof PERMISSIONS[number]

export interface PermissionContext {
  /** True when the actor is the dedicated operator of the group the action is about. */
  isOperatorOfGroup?: boolean
}

/** Permissions that do not depend on which group the action touches. Owner and admin are handled in `can`. */
const GRANTS: Record<Exclude<Role, 'owner' | 'admin'>, readonly Permission[]> = {
  operator: ['referral.review', 'points.adjust', 'customer.view', 'coupon.issue', 'content.manage', 'self.service'],
  marketer: ['campaign.manage', 'coupon.batch', 'coupon.issue', 'report.view', 'content.manage', 'self.service'],
  staff: ['coupon.verify', 'self.service'],
  customer: ['self.service'],
}

export function isRole (value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export function can (role: Role, permission: Permission, ctx: PermissionContext = {}): boolean {
  // Admin differs from owner only in who may touch the owner role, which `canGrant` decides.
  if (role === 'owner' || role === 'admin') return true
  // An operator runs exactly one set of groups; the same command in someone else's group is refused.
  if (role === 'operator' && permission === 'group.manage') return ctx.isOperatorOfGroup === true
  return GRANTS[role].includes(permission)
}

/**
 * May `actor` change someone whose role is `targetCurrent` to `newRole` ('customer' revokes)?
 * Owner may do anything. Admin may manage every role except the owner's: it can neither make an owner nor
 * change (demote) one, so an admin can never take the shop over. Keeping at least one owner is the caller's job,
 * since it needs the count of owners.
 */
export function canGrant (actor: Role, targetCurrent: Role, newRole: Role): boolean {
  if (actor === 'owner') return true
  if (actor === 'admin') return targetCurrent !== 'owner' && newRole !== 'owner'
  return false
}
