// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters
// from a 31-character alphabet (no I, O, S, V, Z); the last is a check
// character over the first 17 with weights 3^i mod 31.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`invalid character "${first17[i]}" at position ${i + 1}`);
    sum += v * (WEIGHTS[i] as number);
  }
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** null when valid, otherwise what is wrong and how to fix it (for row-level import errors). */
export function creditCodeError(code: string): string | null {
  if (code.length !== 18) return `应为 18 位，这里是 ${code.length} 位：请核对`;
  if (!FORMAT.test(code)) return '只能由数字和大写字母（不含 I、O、S、V、Z）组成，第 3–8 位是行政区划代码：请核对';
  const expected = checkCharacter(code.slice(0, 17));
  if (code[17] !== expected) return `校验位是 ${code[17]}，按前 17 位应为 ${expected}：请对照营业执照核对`;
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeError(code) === null;
}

// The organisation code (characters 9–17) carries its own GB 11714 check digit.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function organisationCheck(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ALPHABET.indexOf(first8[i] ?? '') * (ORG_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** A well-formed code: 9 (工商) 1 (企业) + region + organisation code + check. */
export function makeCreditCode(region: string, org8: string): string {
  const first17 = `91${region}${org8}${organisationCheck(org8)}`;
  return first17 + checkCharacter(first17);
}
