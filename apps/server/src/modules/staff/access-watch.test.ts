import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { paidOrder } from '../../../test/order-factories.ts';
import { makeCtx } from '../../platform/context.ts';
import { recordAccess } from './access.ts';
import { ACCESS_WATCH } from './access-watch.ts';

// Abnormal staff access (docs/PRIVACY.md "Abnormal access"), on the test clock: it starts at 10:00 Beijing.
const t = await createTestApp();
const auditor = await operator(t);

type AlertItem = { metric: string; metricLabel: string; observed: number; topExplanation: { valueLabel: string } };
const alertsOf = async (staffUserId: string): Promise<AlertItem[]> => {
  await t.drain();
  const res = await auditor.get<{ items: AlertItem[] }>('/api/v1/admin/alerts?limit=100');
  return res.body.items.filter((a) => a.metric.endsWith(`:${staffUserId}`));
};

/** Moves the test clock forward to the next hh:mm in Beijing. */
function toBeijing(hh: number, mm: number) {
  const day = 86_400_000;
  const now = t.clock.now().getTime();
  const sinceMidnight = (now + 8 * 3_600_000) % day;
  t.clock.advance(((((hh * 60 + mm) * 60_000 - sinceMidnight) % day) + day) % day);
}

/** `n` reads by a staff member, of one person or each of a different one. */
async function reads(staffUserId: string, n: number, subject: (i: number) => string) {
  const ctx = makeCtx(t.deps, {
    kind: 'user',
    userId: staffUserId,
    sessionId: 't',
    roles: ['consumer', 'operator'],
    staff: [],
  });
  for (let i = 0; i < n; i++) {
    await recordAccess(ctx, { subjectUserId: subject(i), action: 'order.address', resource: `order:test-${i}` });
  }
}

describe('abnormal staff access raises an alert', () => {
  it(`volume: more than ${ACCESS_WATCH.volumePerHour} reads in an hour; one alert that grows`, async () => {
    const staff = await operator(t);
    await reads(staff.userId, ACCESS_WATCH.volumePerHour, () => 'usr_same_person');
    expect(await alertsOf(staff.userId)).toEqual([]);
    await reads(staff.userId, 1, () => 'usr_same_person');
    const [alert] = await alertsOf(staff.userId);
    expect(alert).toMatchObject({
      metricLabel: '员工访问个人信息：访问量异常',
      observed: ACCESS_WATCH.volumePerHour + 1,
    });
    expect(alert!.topExplanation.valueLabel).toBe('平台运营');
    await reads(staff.userId, 1, () => 'usr_same_person');
    const grown = await alertsOf(staff.userId);
    expect(grown.map((a) => a.observed)).toEqual([ACCESS_WATCH.volumePerHour + 2]);

    // An hour later the window has moved on: the same pace is normal again, and nothing new opens.
    t.clock.advanceMinutes(61);
    await reads(staff.userId, 10, () => 'usr_same_person');
    expect((await alertsOf(staff.userId)).map((a) => a.observed)).toEqual([ACCESS_WATCH.volumePerHour + 2]);
  });

  it(`many people: more than ${ACCESS_WATCH.peoplePerWindow} different people within ${ACCESS_WATCH.peopleWindowMinutes} minutes`, async () => {
    const staff = await operator(t);
    await reads(staff.userId, ACCESS_WATCH.peoplePerWindow, (i) => `usr_person_a${i}`);
    t.clock.advanceMinutes(ACCESS_WATCH.peopleWindowMinutes + 1);
    // The first twenty are out of the window: twenty more is still not too many.
    await reads(staff.userId, ACCESS_WATCH.peoplePerWindow, (i) => `usr_person_b${i}`);
    expect(await alertsOf(staff.userId)).toEqual([]);
    await reads(staff.userId, 1, () => 'usr_person_c');
    const [alert] = await alertsOf(staff.userId);
    expect(alert).toMatchObject({
      metric: `staff_access.many_people:${staff.userId}`,
      metricLabel: '员工访问个人信息：涉及人数异常',
      observed: ACCESS_WATCH.peoplePerWindow + 1,
    });
  });

  it('an export counts every person it covers: one export of too many people is an alert', async () => {
    const staff = await operator(t);
    const ctx = makeCtx(t.deps, {
      kind: 'user',
      userId: staff.userId,
      sessionId: 't',
      roles: ['consumer', 'operator'],
      staff: [],
    });
    const people = ACCESS_WATCH.peoplePerWindow + 1;
    await recordAccess(ctx, { subjectUserId: null, action: 'orders.export', resource: 'orders:30', people });
    const [alert] = await alertsOf(staff.userId);
    expect(alert).toMatchObject({ metric: `staff_access.many_people:${staff.userId}`, observed: people });
  });

  it('off-hours: opening an order at 01:30 Beijing is an alert on 异常告警; at 06:00 it is not', async () => {
    const o = await paidOrder(t);
    const night = await operator(t);
    const morning = await operator(t);
    toBeijing(1, 30);
    expect((await night.get(`/api/v1/admin/orders/${o.orderId}`)).status).toBe(200);
    const [alert] = await alertsOf(night.userId);
    expect(alert).toMatchObject({ metricLabel: '员工访问个人信息：非工作时间', observed: 1 });
    const detail = await auditor.get(`/api/v1/admin/alerts/${(alert as unknown as { id: string }).id}`);
    expect(detail.body.definition).toContain('00:00–06:00');

    toBeijing(6, 0);
    expect((await morning.get(`/api/v1/admin/orders/${o.orderId}`)).status).toBe(200);
    expect(await alertsOf(morning.userId)).toEqual([]);
  });
});
