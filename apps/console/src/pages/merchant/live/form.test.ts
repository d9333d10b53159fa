import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { repeatedRows, toCreateRequest } from './form.ts';

describe('create form', () => {
  it('flags the second pick of a product or phone, not the first', () => {
    expect([...repeatedRows(['p1', 'p2', 'p1', undefined, 'p2'])]).toEqual([2, 4]);
  });

  it('sends the session, then the host and assistants as roles; empty rows and blank claims are dropped', () => {
    const at = dayjs('2026-12-01T20:00:00+08:00');
    const req = toCreateRequest({
      title: '  冬季好物专场 ',
      scheduledAt: at,
      hostPhone: ' 13800000005 ',
      products: [{ productId: 'p1', claim: ' 保暖 ' }, { productId: 'p2', claim: '  ' }, {}],
      roles: [{ phone: '13800000006', role: 'controller' }, { role: 'service' }],
    });
    expect(req).toEqual({
      session: {
        title: '冬季好物专场',
        scheduledAt: '2026-12-01T12:00:00.000Z',
        products: [{ productId: 'p1', claim: '保暖' }, { productId: 'p2' }],
      },
      roles: [
        { phone: '13800000005', role: 'host' },
        { phone: '13800000006', role: 'controller' },
      ],
    });
  });

  it('leaves the host out when no phone is given: the creator hosts', () => {
    const req = toCreateRequest({
      title: '专场',
      scheduledAt: dayjs(),
      coverUrl: '/media/c.jpg',
      products: [{ productId: 'p1' }],
    });
    expect(req.roles).toEqual([]);
    expect(req.session.coverUrl).toBe('/media/c.jpg');
  });
});
