import { describe, expect, it } from 'vitest';
import { ART_KINDS } from '../modules/media/art.ts';
import { generateCatalogue, sharesWord } from './catalogue.ts';
import { Random } from './random.ts';

describe('demo catalogue titles', () => {
  it('never repeat a word (丝绒丝绒, 经典经典, 免烫…免烫) for any seed', () => {
    for (const seed of [20_261_120, 1, 42, 7_777]) {
      const catalogue = generateCatalogue(new Random(seed));
      expect(catalogue.length).toBeGreaterThan(300);
      for (const p of catalogue) {
        expect(p.input.title, p.input.title).not.toMatch(/(\p{L}{2,})\1/u);
        const [name, ...point] = p.input.title.split(/ (?=[^ ]+$)/);
        if (point.length > 0) expect(sharesWord(name!, point.join(' ')), p.input.title).toBe(false);
      }
      expect(new Set(catalogue.map((p) => p.input.title)).size).toBe(catalogue.length);
    }
  });

  it('knows the repeated-word test it relies on', () => {
    expect(sharesWord('丝绒哑光口红', '丝绒')).toBe(true);
    expect(sharesWord('经典帆布鞋', '复古')).toBe(false);
  });
});

describe('demo catalogue pictures', () => {
  it('are generated product art of a kind that has its own drawing', () => {
    for (const p of generateCatalogue(new Random(20_261_120))) {
      expect(p.input.images.length).toBeGreaterThanOrEqual(3);
      for (const url of p.input.images) expect(url).toMatch(/^\/media\/art\/[a-z]+-\d{3}-\d\.svg$/);
      expect(ART_KINDS).toContain(p.key.split('-')[0]);
    }
  });
});
