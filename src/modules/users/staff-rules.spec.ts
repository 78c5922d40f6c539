import { canManageRole, canTransition, removesSuperAdmin } from './staff-rules.js';

describe('staff rules', () => {
  it('lets SUPER_ADMIN manage every role and ADMIN only the roles below ADMIN', () => {
    expect(canManageRole('SUPER_ADMIN', 'ADMIN')).toBe(true);
    expect(canManageRole('SUPER_ADMIN', 'SUPER_ADMIN')).toBe(true);
    expect(canManageRole('ADMIN', 'SUPPORT_AGENT')).toBe(true);
    expect(canManageRole('ADMIN', 'CUSTOMER')).toBe(true);
    expect(canManageRole('ADMIN', 'ADMIN')).toBe(false);
    expect(canManageRole('ADMIN', 'SUPER_ADMIN')).toBe(false);
    expect(canManageRole('SUPPORT_AGENT', 'AGENT')).toBe(true);
  });

  it('follows the status machine', () => {
    expect(canTransition('ACTIVE', 'SUSPENDED')).toBe(true);
    expect(canTransition('SUSPENDED', 'ACTIVE')).toBe(true);
    expect(canTransition('DEACTIVATED', 'ACTIVE')).toBe(true);
    expect(canTransition('DEACTIVATED', 'SUSPENDED')).toBe(false);
    expect(canTransition('ACTIVE', 'ACTIVE')).toBe(false);
    expect(canTransition('PENDING', 'SUSPENDED')).toBe(false);
  });

  it('knows which changes remove an active SUPER_ADMIN', () => {
    const superAdmin = { role: 'SUPER_ADMIN', status: 'ACTIVE' } as const;
    expect(removesSuperAdmin(superAdmin, { deleted: true })).toBe(true);
    expect(removesSuperAdmin(superAdmin, { role: 'ADMIN' })).toBe(true);
    expect(removesSuperAdmin(superAdmin, { status: 'SUSPENDED' })).toBe(true);
    expect(removesSuperAdmin(superAdmin, { role: 'SUPER_ADMIN' })).toBe(false);
    expect(removesSuperAdmin({ role: 'ADMIN', status: 'ACTIVE' }, { deleted: true })).toBe(false);
  });
});
