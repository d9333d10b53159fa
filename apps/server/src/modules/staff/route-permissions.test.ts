import { describe, expect, it } from 'vitest';
import { PLATFORM_ROLES, STAFF_PERMISSIONS } from '../../platform/auth.ts';
import { createTestApp } from '../../../test/harness.ts';
import { ROLES } from './roles.ts';

const t = await createTestApp();

// A platform staff route is any under /admin/ or /platform/: each must name one staff permission, so a new console
// route cannot ship open to every staff member (or to every signed-in user).
const STAFF_ROUTE = /^\/api\/v1\/(admin|platform)\//;

describe('the staff permission matrix', () => {
  it('every platform staff route demands a staff permission the matrix knows', () => {
    const staffRoutes = t.app.routeTable.filter((r) => STAFF_ROUTE.test(r.url));
    expect(staffRoutes.length).toBeGreaterThan(80);
    const unmapped = staffRoutes
      .filter((r) => !r.permission.startsWith('staff:'))
      .map((r) => `${r.method} ${r.url} → ${r.permission}`);
    expect(unmapped).toEqual([]);
    const unknown = staffRoutes.filter(
      (r) => !(STAFF_PERMISSIONS as readonly string[]).includes(r.permission.slice('staff:'.length)),
    );
    expect(unknown).toEqual([]);
  });

  it('no other route asks for a staff permission, and every permission is used by some route', () => {
    const elsewhere = t.app.routeTable.filter((r) => r.permission.startsWith('staff:') && !STAFF_ROUTE.test(r.url));
    expect(elsewhere).toEqual([]);
    const used = new Set(t.app.routeTable.map((r) => r.permission));
    expect(STAFF_PERMISSIONS.filter((p) => !used.has(`staff:${p}`))).toEqual([]);
  });

  it('least privilege: only the super-admin manages staff; data analysts cannot read personal data or money', () => {
    for (const role of PLATFORM_ROLES) {
      const p = ROLES[role].permissions;
      expect(p.includes('staff.manage')).toBe(role === 'super_admin');
    }
    expect(ROLES.analyst.permissions).toEqual(['insights.read']);
    expect(ROLES.support.permissions).not.toContain('finance.read');
    expect(ROLES.finance.permissions).not.toContain('personal.unmask');
    // Whoever may unmask personal data must also pass a second factor, except the super-admin (see roles.ts).
    for (const role of PLATFORM_ROLES.filter((r) => r !== 'super_admin')) {
      if (ROLES[role].permissions.includes('personal.unmask')) expect(ROLES[role].secondFactor).toBe(true);
    }
  });
});
