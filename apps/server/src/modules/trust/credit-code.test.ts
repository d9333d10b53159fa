import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code.ts';

describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  it('accepts codes printed on real business licences', () => {
    for (const code of ['9144030071526726XG', '91330100716105852F', '91110000802100433B', '91310000775785552L']) {
      expect(isValidCreditCode(code), code).toBe(true);
    }
    expect(isValidCreditCode(' 91330100716105852f ')).toBe(true);
  });

  it('refuses a wrong check character, a swapped pair, letters the standard excludes and wrong lengths', () => {
    expect(isValidCreditCode('91330100716105852G')).toBe(false);
    expect(isValidCreditCode('91330100761105852F')).toBe(false);
    expect(isValidCreditCode('9144030071526726XO')).toBe(false);
    expect(isValidCreditCode('91I4030071526726XG')).toBe(false);
    expect(isValidCreditCode('9133010071610585F')).toBe(false);
    expect(isValidCreditCode('9133A100716105852F')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });

  it('maps a weighted sum that is a multiple of 31 to 0, not to 31', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });
});
