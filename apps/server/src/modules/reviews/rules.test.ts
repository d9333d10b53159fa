import { describe, expect, it } from 'vitest';
import { isOwnMediaUrl as isLocalMediaUrl } from '../../platform/media.ts';
import { contentProblem, maskNickname, overallRating } from './rules.ts';

describe('review rules', () => {
  it('derives overall stars as the mean of the aspects, rounded half up', () => {
    expect(overallRating({ quality: 5, logistics: 5, service: 5 })).toBe(5);
    expect(overallRating({ quality: 4, logistics: 5, service: 4 })).toBe(4); // 4.33
    expect(overallRating({ quality: 4, logistics: 5, service: 5 })).toBe(5); // 4.67
    expect(overallRating({ quality: 1, logistics: 2, service: 1 })).toBe(1); // 1.33
    expect(overallRating({ quality: 2, logistics: 3, service: 5 })).toBe(3); // 3.33
  });

  it('allows stars only, otherwise at least 5 and at most 500 characters', () => {
    expect(contentProblem('', false)).toBeUndefined();
    expect(contentProblem('', true)).toBe('too-short');
    expect(contentProblem('好用好用', false)).toBe('too-short');
    expect(contentProblem('好用好用😀', false)).toBeUndefined(); // an emoji is one character
    expect(contentProblem('好'.repeat(500), false)).toBeUndefined();
    expect(contentProblem('好'.repeat(501), false)).toBe('too-long');
  });

  it('accepts only media served by this installation', () => {
    expect(isLocalMediaUrl('/media/u/01jabc/med_01jabc.jpg')).toBe(true);
    expect(isLocalMediaUrl('/media/placeholder/cream-001-1.svg?label=%E9%9D%A2%E9%9C%9C')).toBe(true);
    expect(isLocalMediaUrl('https://example.com/media/a.jpg')).toBe(false);
    expect(isLocalMediaUrl('//example.com/media/a.jpg')).toBe(false);
    expect(isLocalMediaUrl('/media/../etc/passwd')).toBe(false);
    expect(isLocalMediaUrl('/media//evil.com/a.jpg')).toBe(false);
    expect(isLocalMediaUrl('/api/v1/me')).toBe(false);
  });

  it('masks anonymous nicknames to their first and last character', () => {
    expect(maskNickname('爱吃草莓的小鹿')).toBe('爱***鹿');
    expect(maskNickname('阿紫')).toBe('阿***紫');
    expect(maskNickname('z')).toBe('*');
  });
});
