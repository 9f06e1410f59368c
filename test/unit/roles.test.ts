import { describe, expect, it } from 'vitest'
import { COMMANDS, commandsFor } from '../../src/domain/commands/catalog.ts'
import { can, canGrant, PERMISSIONS, ROLES, type Permission, type Role } from '../../src/domain/roles.ts'

/** The expected table, written out by hand so a change to roles.ts has to be a change here too. */
const EXPECTED: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  operator: ['referral.review', 'points.adjust', 'customer.view', 'coupon.issue', 'content.manage', 'self.service'], // plus group.manage in their own groups, tested below
  marketer: ['campaign.manage', 'coupon.batch', 'coupon.issue', 'report.view', 'content.manage', 'self.service'],
  staff: ['coupon.verify', 'self.service'],
  customer: ['self.service'],
}

describe('can', () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const allowed = EXPECTED[role].includes(permission)
      it(`${allowed ? 'lets' : 'refuses'} ${role} ${permission} outside their own group`, () => {
        expect(can(role, permission)).toBe(allowed)
      })
    }
  }

  it('lets an operator manage only a group they operate', () => {
    expect(can('operator', 'group.manage', { isOperatorOfGroup: true })).toBe(true)
    expect(can('operator', 'group.manage', { isOperatorOfGroup: false })).toBe(false)
    expect(can('operator', 'role.manage', { isOperatorOfGroup: true })).toBe(false)
  })

  it('does not let being a group operator widen any other role', () => {
    for (const role of ['marketer', 'staff', 'customer'] as const) {
      expect(can(role, 'group.manage', { isOperatorOfGroup: true })).toBe(false)
    }
  })
})

describe('canGrant', () => {
  it('lets the owner set any role on anyone', () => {
    for (const current of ROLES) for (const next of ROLES) expect(canGrant('owner', current, next)).toBe(true)
  })

  it('lets an admin manage every role except the owner role', () => {
    expect(canGrant('admin', 'customer', 'operator')).toBe(true)
    expect(canGrant('admin', 'operator', 'admin')).toBe(true)
    expect(canGrant('admin', 'admin', 'customer')).toBe(true)
    expect(canGrant('admin', 'customer', 'owner')).toBe(false)
    expect(canGrant('admin', 'owner', 'customer')).toBe(false)
    expect(canGrant('admin', 'owner', 'admin')).toBe(false)
  })

  it('refuses every grant by a role without role.manage', () => {
    for (const actor of ['operator', 'marketer', 'staff', 'customer'] as const) {
      for (const next of ROLES) expect(canGrant(actor, 'customer', next)).toBe(false)
    }
  })
})

describe('commandsFor', () => {
  const names = (role: Role, ctx: { isOperatorOfGroup?: boolean, inGroup: boolean }) =>
    commandsFor(role, ctx).map((spec) => spec.name)

  it('never offers group or role settings to a customer, in a group or a DM', () => {
    for (const inGroup of [true, false]) {
      const offered = names('customer', { inGroup, isOperatorOfGroup: true })
      expect(offered).not.toContain('group')
      expect(offered).not.toContain('role')
      expect(offered).toContain('help')
      expect(offered).toContain('unsubscribe')
    }
  })

  it('offers /group to an operator only in a group they operate', () => {
    expect(names('operator', { inGroup: true, isOperatorOfGroup: true })).toContain('group')
    expect(names('operator', { inGroup: true, isOperatorOfGroup: false })).not.toContain('group')
    expect(names('operator', { inGroup: false, isOperatorOfGroup: true })).not.toContain('group')
  })

  it('offers DM-only commands only in a DM, and never lists the claim command', () => {
    expect(names('customer', { inGroup: false })).toContain('whoami')
    expect(names('customer', { inGroup: true })).not.toContain('whoami')
    for (const role of ROLES) for (const inGroup of [true, false]) expect(names(role, { inGroup })).not.toContain('claim')
  })

  it('offers referral review and points adjustment to operators, owners and admins only, in a group or a DM', () => {
    const staffOnly = ['held', 'approve', 'reject', 'adjust'] as const
    for (const inGroup of [true, false]) {
      for (const role of ['owner', 'admin', 'operator'] as const) {
        expect(names(role, { inGroup })).toEqual(expect.arrayContaining([...staffOnly]))
      }
      for (const role of ['marketer', 'staff', 'customer'] as const) {
        const offered = names(role, { inGroup, isOperatorOfGroup: true })
        for (const name of staffOnly) expect(offered).not.toContain(name)
      }
    }
  })

  it('offers every role the self-service referral and points commands, and the leaderboard only in a group', () => {
    for (const role of ROLES) {
      expect(names(role, { inGroup: true })).toEqual(expect.arrayContaining(['invite', 'leaderboard', 'points', 'rewards', 'exchange']))
      const inDm = names(role, { inGroup: false })
      expect(inDm).toEqual(expect.arrayContaining(['invite', 'points', 'rewards', 'exchange']))
      expect(inDm).not.toContain('leaderboard')
    }
  })

  it('offers a customer exactly the self-service commands', () => {
    expect(names('customer', { inGroup: true })).toEqual(['help', 'unsubscribe', 'subscribe', 'invite', 'leaderboard', 'points', 'rewards', 'exchange', 'groupbuy'])
    expect(names('customer', { inGroup: false })).toEqual(['help', 'whoami', 'unsubscribe', 'subscribe', 'invite', 'points', 'rewards', 'exchange', 'erase', 'mycoupons'])
  })

  it('offers an owner in a group every listed command that works in groups', () => {
    const expected = COMMANDS.filter((s) => s.listed && s.where !== 'dm').map((s) => s.name)
    expect(names('owner', { inGroup: true })).toEqual(expected)
  })
})

describe('catalog', () => {
  it('has no alias shared by two commands', () => {
    const aliases = COMMANDS.flatMap((spec) => spec.aliases)
    expect(new Set(aliases).size).toBe(aliases.length)
  })

  it('has every alias in lower case and no spaces, so the parser finds it', () => {
    for (const alias of COMMANDS.flatMap((spec) => spec.aliases)) {
      expect(alias).toBe(alias.normalize('NFKC').toLowerCase())
      expect(alias).not.toMatch(/\s/)
    }
  })

  it('puts the referral review and points commands behind their own permissions', () => {
    const permissionOf = (name: string) => COMMANDS.find((spec) => spec.name === name)?.permission
    for (const name of ['held', 'approve', 'reject']) expect(permissionOf(name)).toBe('referral.review')
    expect(permissionOf('adjust')).toBe('points.adjust')
    for (const name of ['invite', 'leaderboard', 'points', 'rewards', 'exchange']) expect(permissionOf(name)).toBe('self.service')
  })
})
