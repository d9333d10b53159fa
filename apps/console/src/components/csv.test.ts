import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes RFC 4180 fields with a BOM for Excel and neutralises formulas', () => {
    const csv = toCsv(
      [
        { title: '商品', value: (r: { name: string; n: number | null }) => r.name },
        { title: '数量', value: (r) => r.n },
      ],
      [
        { name: '面霜, 50ml', n: 3 },
        { name: '他说"好"\n真的', n: null },
        { name: '=HYPERLINK("x")', n: -2 },
      ],
    );
    expect(csv).toBe('\uFEFF商品,数量\r\n"面霜, 50ml",3\r\n"他说""好""\n真的",\r\n"\'=HYPERLINK(""x"")",-2\r\n');
  });
});
