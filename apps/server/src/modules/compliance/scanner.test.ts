import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanAdText } from './scanner.ts';

describe('advertising-law scanner', () => {
  it('finds an absolute claim with its article, the text as written and a rewrite', () => {
    const scan = scanAdText('全网第一的蓝牙耳机，音质很好');
    expect(scan.verdict).toBe('block');
    expect(scan.findings).toHaveLength(1);
    expect(scan.findings[0]).toMatchObject({
      ruleId: 'absolute-number-one',
      article: '广告法 第九条第（三）项',
      matched: '全网第一',
      start: 0,
      end: 4,
    });
    expect(scan.suggestedText).toBe('深受好评的蓝牙耳机，音质很好');
  });

  it('leaves superlatives that state a fact about the seller’s own goods alone', () => {
    for (const ok of [
      '2024年最新款羽绒服',
      '第一次买就回购了',
      '最大容量5升',
      '最后一天活动价',
      '唯一的缺点是发货慢',
    ]) {
      expect(scanAdText(ok).verdict, ok).toBe('pass');
    }
  });

  it('applies a category-scoped rule only where it belongs: 祛斑 on a special-use cosmetic, not on food', () => {
    const special = ['cat_special_cosmetics', 'cat_beauty'];
    expect(scanAdText('祛斑美白精华', { categoryIds: special }).verdict).toBe('pass');
    expect(scanAdText('祛斑美白精华', { categoryIds: ['cat_skincare', 'cat_beauty'] }).verdict).toBe('block');
    expect(scanAdText('祛斑软糖', { categoryIds: ['cat_snacks', 'cat_food'] }).verdict).toBe('block');
    // A time-bound guarantee is not allowed even there.
    expect(scanAdText('三天美白', { categoryIds: special }).verdict).toBe('block');
  });

  it('matches full-width and upper-case variants at the right offsets', () => {
    const scan = scanAdText('爆款ＮＯ．１连衣裙');
    expect(scan.findings[0]?.matched).toBe('ＮＯ．１');
  });

  it('tells blocking rules from warnings', () => {
    expect(scanAdText('原价399，今天只要99').verdict).toBe('warn');
    expect(scanAdText('荣获国际金奖的普洱茶').verdict).toBe('warn');
    expect(scanAdText('降血压降血脂，老人必备').verdict).toBe('block');
    expect(scanAdText('加盟稳赚不赔').findings[0]?.article).toBe('广告法 第二十五条第（一）项');
  });

  // The floor the issue sets, on the hand-written set kept beside the rules (bench:adlaw reports the figures).
  it('keeps recall ≥ 95 % and precision ≥ 85 % on the labelled set', () => {
    const rows = readFileSync(new URL('./labelled.tsv', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(200);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [label, , text, goods] of rows) {
      const flagged = scanAdText(text!, { categoryIds: goods ? goods.split(',') : [] }).verdict !== 'pass';
      if (flagged && label === '1') tp++;
      else if (flagged) fp++;
      else if (label === '1') fn++;
    }
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.95);
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.85);
  });
});
