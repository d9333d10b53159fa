import { describe, expect, it } from 'vitest';
import { judge, normalize, parseWordList, sanitizeText } from './rules.ts';

describe('moderation rules', () => {
  it('removes HTML and script bodies but keeps the words', () => {
    expect(sanitizeText('好用<b>到哭</b><script>alert(1)</script><img src=x onerror=alert(1)>')).toBe('好用到哭');
    expect(sanitizeText('价格 a<3 也行')).toBe('价格 a<3 也行');
  });

  it('matches listed words through full-width letters and spaces', () => {
    expect(normalize('加 ＶＸ')).toBe('加vx');
    expect(judge('喜欢的加 Ｖ Ｘ 聊', []).verdict).toBe('flagged');
  });

  it('rejects blocked words, overlong text and foreign images; flags links', () => {
    expect(judge('带你网赌赢钱', [])).toMatchObject({ verdict: 'rejected', reasons: ['blocked-word'] });
    expect(judge('好'.repeat(5001), []).reasons).toContain('too-long');
    expect(judge('好看', ['https://evil.example.com/a.jpg']).reasons).toContain('external-image');
    expect(judge('详情看 https://shop.example.com/x', [])).toMatchObject({
      verdict: 'flagged',
      reasons: ['external-link'],
    });
    expect(judge('质地清爽，很好推开', ['/media/u/ab/med_1.jpg'])).toMatchObject({ verdict: 'approved', reasons: [] });
  });

  it('reads the word-list sections', () => {
    expect(parseWordList('# c\n[block]\n甲\n[review]\n乙 丙\n')).toEqual({ block: ['甲'], review: ['乙丙'] });
  });
});
