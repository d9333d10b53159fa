import { describe, expect, it } from 'vitest';
import { tokenize } from './segmenter.ts';

describe('tokenize', () => {
  it('cuts Chinese product text into words and the shorter words inside them', () => {
    expect(tokenize('保湿面霜')).toEqual(['保湿', '面霜']);
    expect(tokenize('主动降噪蓝牙耳机')).toEqual(['主动', '降噪', '蓝牙', '耳机', '蓝牙耳机']);
  });

  it('keeps commerce words whole that the general dictionary splits', () => {
    expect(tokenize('玻尿酸原液')).toContain('玻尿酸');
    expect(tokenize('烟酰胺精华液')).toEqual(expect.arrayContaining(['烟酰胺', '精华液', '精华']));
    expect(tokenize('婴儿纸尿裤')).toEqual(['婴儿', '纸尿裤']);
  });

  it('folds case and full-width input, drops punctuation, stop words and repeats', () => {
    expect(tokenize('ＳＰＦ５０ 防晒霜！')).toEqual(['spf50', '防晒', '防晒霜']);
    expect(tokenize('面霜的面霜，和 面霜')).toEqual(['面霜']);
    expect(tokenize('！？ …')).toEqual([]);
  });
});
