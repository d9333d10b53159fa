import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { signIn } from '../../../test/order-factories.ts';

// With the production setting: a resolved session is reused for a few seconds, yet logging out ends it at once.
const t = await createTestApp({ SESSION_CACHE_SECONDS: '5' });

describe('session cache', () => {
  it('serves repeated requests from one session and still logs out immediately', async () => {
    const user = await signIn(t);
    expect((await user.get('/api/v1/me')).body.id).toBe(user.userId);
    const before = t.deps.database.stats.statements;
    for (let i = 0; i < 5; i++) expect((await user.get('/api/hello')).status).toBe(200);
    // The session was resolved once, by the first request: the next five cost no query at all.
    expect(t.deps.database.stats.statements - before).toBe(0);
    expect((await user.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await user.get('/api/v1/me')).status).toBe(401);
  });
});
