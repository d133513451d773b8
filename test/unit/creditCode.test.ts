import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, creditCodeError, isValidCreditCode, makeCreditCode } from '../../src/domain/creditCode.ts';

describe('统一社会信用代码', () => {
  it('accepts a published valid example and codes it makes', () => {
    expect(creditCodeError('91350100M000100Y43')).toBeNull();
    expect(isValidCreditCode(makeCreditCode('431103', 'MA4L0001'))).toBe(true);
  });

  it('names the expected check character when the last one is wrong', () => {
    expect(creditCodeError('91350100M000100Y44')).toBe('校验位是 4，按前 17 位应为 3：请对照营业执照核对');
  });

  it('rejects wrong length and forbidden letters with a clear reason', () => {
    expect(creditCodeError('9135010')).toBe('应为 18 位，这里是 7 位：请核对');
    expect(creditCodeError('91350100M000100I43')).toMatch(/不含 I、O、S、V、Z/);
  });

  it('detects every single-character substitution (property)', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...alphabet), minLength: 8, maxLength: 8 }),
        fc.integer({ min: 8, max: 16 }),
        fc.constantFrom(...alphabet),
        (org8, pos, ch) => {
          const code = makeCreditCode('431103', org8);
          fc.pre(code[pos] !== ch);
          const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
          return !isValidCreditCode(mutated);
        },
      ),
    );
  });

  it('check character is always in the alphabet', () => {
    expect('0123456789ABCDEFGHJKLMNPQRTUWXY').toContain(checkCharacter('91431103MA4L00013'));
  });
});
