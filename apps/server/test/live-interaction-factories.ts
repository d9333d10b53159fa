import { expect } from 'vitest';
import { scheduleSession, setRoles, startSession } from '../src/modules/live/sessions.ts';
import { submitRealName } from '../src/modules/live/qualification.ts';
import type { Actor } from '../src/platform/auth.ts';
import { makeCtx } from '../src/platform/context.ts';
import type { TestApp } from './harness.ts';
import type { Client } from './http.ts';
import { shop, signIn } from './order-factories.ts';
import { merchantMembership } from '../src/modules/accounts/api.ts';

// Live rooms for the interaction tests (lottery, polls, PK, live flash sale), built through the live services.

export const STAFF = '/api/v1/merchant/live';
/** A valid GB 11643 number (birth date and check digit), for the real-name step that gates going live. */
const ID_NUMBER = '110105199003071239';

const ownerActor = (userId: string, merchantId: string): Actor => ({
  kind: 'user',
  userId,
  sessionId: 'factory',
  roles: ['consumer'],
  staff: [merchantMembership(merchantId, 'owner')],
});

export interface LiveRoom {
  sessionId: string;
  merchantId: string;
  /** The merchant's owner, who schedules and hosts. */
  host: Client & { userId: string; phone: string };
  productId: string;
  skuId: string;
}

/** A merchant with one product (one SKU, ¥99, stock as given) and a live session selling it, hosted by the owner. */
export async function liveRoom(t: TestApp, opts: { stock?: number; title?: string } = {}): Promise<LiveRoom> {
  const s = await shop(t, { stock: opts.stock ?? 100 });
  const ctx = makeCtx(t.deps, ownerActor(s.owner.userId, s.merchantId));
  const verified = await submitRealName(ctx, { name: '张小明', idNumber: ID_NUMBER });
  expect(verified.ok).toBe(true);
  const scheduled = await scheduleSession(ctx, {
    title: opts.title ?? '好物直播间',
    scheduledAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    products: [{ productId: s.productId }],
  });
  if (!scheduled.ok) throw new Error(`schedule: ${scheduled.type}`);
  const started = await startSession(ctx, scheduled.value.id);
  if (!started.ok) throw new Error(`start: ${started.type}`);
  return {
    sessionId: scheduled.value.id,
    merchantId: s.merchantId,
    host: s.owner,
    productId: s.productId,
    skuId: s.skuId,
  };
}

/** A signed-in user given a role in the room (场控, 客服, 数据). */
export async function withRole(t: TestApp, room: LiveRoom, role: 'controller' | 'service' | 'analyst') {
  const user = await signIn(t);
  const set = await setRoles(makeCtx(t.deps, ownerActor(room.host.userId, room.merchantId)), room.sessionId, [
    { phone: user.phone, role },
  ]);
  if (!set.ok) throw new Error(`roles: ${set.type}`);
  return user;
}
