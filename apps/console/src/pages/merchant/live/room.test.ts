import { describe, expect, it } from 'vitest';
import { applyChat, applyMetrics, CHAT_KEEP, dwell, eventsOf, offset, percent, remaining, timeWindow } from './room.ts';
import type { Translate } from '../../../i18n/index.tsx';
import type { LiveChatMessage, LiveMetrics } from './types.ts';

// The Chinese source text with its variables filled in, as zh-CN shows it.
const t = ((key: string, vars?: Record<string, string | number>) =>
  key.replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''))) as Translate;

const msg = (id: string): LiveChatMessage => ({
  id,
  userId: `u_${id}`,
  nickname: `观众${id}`,
  avatarUrl: null,
  text: `第 ${id} 条`,
  at: '2026-11-30T12:00:00.000Z',
});

const base: LiveMetrics = {
  sessionId: 'lvs_1',
  status: 'live',
  viewers: 10,
  peakViewers: 12,
  uniqueViewers: 20,
  averageDwellSeconds: 90,
  interactingViewers: 5,
  interactionRate: 0.25,
  likes: 0,
  chats: 0,
  productClicks: 3,
  payingBuyers: 1,
  conversionRate: 0.05,
  orders: 1,
  gmv: 9_900,
  series: [
    { minute: '2026-11-30T12:00:00.000Z', viewers: 10, chats: 0, likes: 0, productClicks: 3, orders: 1, gmv: 9_900 },
  ],
};
const at = (iso: string) => Date.parse(iso);

describe('socket frames', () => {
  it('unpacks batches and passes single frames through', () => {
    expect(eventsOf({ type: 'batch', at: 1, events: [{ type: 'likes', total: 3 }, { type: 'unpin' }] })).toEqual([
      { type: 'likes', total: 3 },
      { type: 'unpin' },
    ]);
    expect(eventsOf({ type: 'metrics', metrics: { gmv: 1 } })).toEqual([{ type: 'metrics', metrics: { gmv: 1 } }]);
    expect(eventsOf('nonsense')).toEqual([]);
  });
});

describe('chat stream', () => {
  it('appends new messages once, drops removed ones and keeps the newest CHAT_KEEP', () => {
    let list = applyChat(
      [],
      [
        { type: 'chat', message: msg('1') },
        { type: 'chat', message: msg('2') },
        { type: 'chat', message: msg('1') },
      ],
    );
    expect(list.map((m) => m.id)).toEqual(['1', '2']);
    list = applyChat(list, [{ type: 'removed', messageId: '1' }]);
    expect(list.map((m) => m.id)).toEqual(['2']);
    const many = Array.from({ length: CHAT_KEEP + 5 }, (_, i) => ({ type: 'chat' as const, message: msg(String(i)) }));
    const kept = applyChat([], many);
    expect(kept).toHaveLength(CHAT_KEEP);
    expect(kept[0]!.id).toBe('5');
  });
});

describe('live figures', () => {
  it('moves the GMV and the current minute as soon as a gmv event arrives', () => {
    const next = applyMetrics(base, [{ type: 'gmv', total: 19_900 }], at('2026-11-30T12:03:20.000Z'));
    expect(next.gmv).toBe(19_900);
    expect(next.series.at(-1)).toMatchObject({ minute: '2026-11-30T12:03:00.000Z', gmv: 10_000 });
    // The same total again (a second process's frame) adds nothing.
    expect(
      applyMetrics(next, [{ type: 'gmv', total: 19_900 }], at('2026-11-30T12:03:30.000Z')).series.at(-1)!.gmv,
    ).toBe(10_000);
  });

  it('raises the peak with the viewer count and lets a metrics frame replace the picture', () => {
    const crowd = applyMetrics(base, [{ type: 'viewers', count: 30 }], at('2026-11-30T12:00:40.000Z'));
    expect([crowd.viewers, crowd.peakViewers, crowd.series[0]!.viewers]).toEqual([30, 30, 30]);
    const quiet = applyMetrics(crowd, [{ type: 'viewers', count: 4 }], at('2026-11-30T12:00:50.000Z'));
    expect([quiet.viewers, quiet.peakViewers]).toEqual([4, 30]);
    const server = applyMetrics(
      quiet,
      [{ type: 'metrics', metrics: { ...base, gmv: 50_000, series: [] } }],
      at('2026-11-30T12:01:00.000Z'),
    );
    expect([server.gmv, server.series.length]).toEqual([50_000, 0]);
  });
});

describe('formats', () => {
  it('writes ratios, dwell times, replay offsets and countdowns', () => {
    expect(percent(0.1234)).toBe('12.3%');
    expect(percent(null)).toBe('—');
    expect(dwell(192, t)).toBe('3分12秒');
    expect(dwell(45, t)).toBe('45秒');
    expect(offset(75)).toBe('01:15');
    expect(offset(3_725)).toBe('1:02:05');
    expect(remaining('2026-11-30T12:01:05.000Z', at('2026-11-30T12:00:00.000Z'))).toBe('1:05');
    expect(remaining('2026-11-30T12:00:00.000Z', at('2026-11-30T12:00:30.000Z'))).toBe('0:00');
  });
});

describe('chart window', () => {
  it('spans the points with a minute either side, at least ten minutes', () => {
    const at = Date.parse('2026-11-30T12:00:00.000Z');
    expect(timeWindow([{ minute: '2026-11-30T12:00:00.000Z' }])).toEqual({ min: at - 60_000, max: at + 9 * 60_000 });
    expect(timeWindow([{ minute: '2026-11-30T12:00:00.000Z' }, { minute: '2026-11-30T12:30:00.000Z' }])).toEqual({
      min: at - 60_000,
      max: at + 31 * 60_000,
    });
    expect(timeWindow([])).toEqual({});
  });
});
