import { describe, expect, it } from 'vitest';
import { type BehaviourEvent, EVENT_COLUMNS, eventRow } from './event-model.ts';
import { csvChunks, csvLine } from './inbox.ts';

describe('the CSV the inbox and the engine read', () => {
  it('has every column in EVENT_COLUMNS order, nulls as \\N and quotes where a value needs them', () => {
    // Every column a distinct value (a number for numbers), so a swapped or missing column shows.
    const values: Record<string, unknown> = {};
    EVENT_COLUMNS.forEach(([, key, kind], i) => {
      values[key] =
        kind === 'time' ? new Date(Date.UTC(2026, 0, 1, 0, 0, i, i)) : kind === 'int' ? 1000 + i : `v${i}_${key}`;
    });
    values.props = '{"demo":1}';
    values.query = '面霜, 防晒';
    const e = values as unknown as BehaviourEvent;
    const cells = csvLine(e)
      .slice(0, -1)
      .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(cells).toHaveLength(EVENT_COLUMNS.length);
    EVENT_COLUMNS.forEach(([column, key, kind], i) => {
      const v = e[key];
      const expected =
        kind === 'time'
          ? (v as Date).toISOString()
          : column === 'props'
            ? '"{""demo"":1}"'
            : column === 'query'
              ? '"面霜, 防晒"'
              : String(v);
      expect(`${column}=${cells[i]}`).toBe(`${column}=${expected}`);
    });

    const sparse = eventRow({ id: 'e1', type: 'view', ts: new Date(Date.UTC(2026, 0, 1)), deviceId: 'dev1' });
    expect(csvLine(sparse)).toBe(
      `e1,view,2026-01-01T00:00:00.000Z,2026-01-01T00:00:00.000Z,d:dev1,\\N,dev1${',\\N'.repeat(23)}\n`,
    );
  });

  it('cuts many events into chunks of whole lines', () => {
    const events = Array.from({ length: 7 }, (_, i) =>
      eventRow({ id: `c${i}`, type: 'view', ts: new Date(Date.UTC(2026, 0, 1, 0, i)), deviceId: 'dev1' }),
    );
    const chunks = [...csvChunks(events, 3)].map((c) => Buffer.from(c).toString());
    expect(chunks.map((c) => c.split('\n').length - 1)).toEqual([3, 3, 1]);
    expect(chunks.join('')).toBe(events.map(csvLine).join(''));
  });
});
