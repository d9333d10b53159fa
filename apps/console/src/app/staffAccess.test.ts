import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { permissionForPage } from './staffAccess.tsx';

// A platform page missing from the map shows in every staff member's menu and opens onto the server's 403s.
describe('platform pages and staff permissions', () => {
  it('names a permission for every platform page but 两步验证', () => {
    const routes = readFileSync(new URL('./routes.tsx', import.meta.url), 'utf8');
    const pages = [...routes.matchAll(/path="(platform\/[^"]+)"/g)].map((m) => `/${m[1]}`);
    expect(pages.length).toBeGreaterThan(30);
    const unmapped = pages.filter((p) => p !== '/platform/two-step' && !permissionForPage(p));
    expect(unmapped).toEqual([]);
  });
});
