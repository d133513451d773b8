// The pieces of an ssj-draw/3 key: the pure SHA-256 the workflow and the
// browser use agrees with node:crypto; secrets, commitments and the public
// source's value have one canonical form each, so nobody can pick a
// spelling that changes the draw; order is by code point, never by locale.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalBeacon,
  codePointCompare,
  commitmentOf,
  drawKeyV3,
  keyText,
  normalizeSecret,
} from '../../src/draw/entropy.ts';
import { sha256HexPure } from '../../src/shared/sha256.ts';

describe('ssj-draw/3 entropy', () => {
  it('pure SHA-256 equals node:crypto on any text, including the padding edges', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(sha256HexPure(s)).toBe(createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex'));
      }),
      { numRuns: 300 },
    );
    for (const n of [0, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const s = 'a'.repeat(n);
      expect(sha256HexPure(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });

  it('takes a secret in any case and grouping, and refuses one too short to keep secret', () => {
    const hex = randomBytes(16).toString('hex');
    const grouped = hex
      .toUpperCase()
      .replace(/(.{4})/g, '$1-')
      .replace(/-$/, '');
    expect(normalizeSecret(grouped)).toBe(hex);
    expect(normalizeSecret(` ${hex.slice(0, 16)} ${hex.slice(16)} `)).toBe(hex);
    expect(normalizeSecret(hex.slice(0, 31))).toBeNull(); // under 128 bits: a server could try them all
    expect(normalizeSecret(`${hex}g`)).toBeNull();
    expect(normalizeSecret('1'.repeat(65))).toBeNull();
  });

  it('binds a commitment to its draw, session and participant', () => {
    const s = 'ab'.repeat(16);
    const c = commitmentOf('D1', 1, 'fagui', s);
    expect(c).toBe(createHash('sha256').update(`ssj-draw/3\nD1\n1\nfagui\n${s}`).digest('hex'));
    for (const other of [
      commitmentOf('D2', 1, 'fagui', s),
      commitmentOf('D1', 2, 'fagui', s),
      commitmentOf('D1', 1, 'leader', s),
    ])
      expect(other).not.toBe(c);
  });

  it('reads a public value in the session’s format only, in RFC 3797’s canonical form', () => {
    const ssq = { count: 7, max: 33 };
    expect(canonicalBeacon('03 11 17 22 28 31 + 09', ssq)).toBe('3.9.11.17.22.28.31./');
    expect(canonicalBeacon(' 9，3、11,17 22+28 31 ', ssq)).toBe('3.9.11.17.22.28.31./'); // any separators, any order
    // No choice of spelling that changes the draw: no extra number, no split, no other character.
    expect(canonicalBeacon('第2027035期 03 11 17 22 28 31 + 09', ssq)).toBeNull();
    expect(canonicalBeacon('03 11 17 22 2\u200b8 31 + 09', ssq)).toBeNull();
    expect(canonicalBeacon('０３ １１ １７ ２２ ２８ ３１ ０９', ssq)).toBeNull(); // full-width digits: not ASCII
    expect(canonicalBeacon('03 11 17 22 28 31', ssq)).toBeNull(); // six, not seven
    expect(canonicalBeacon('03 11 17 22 28 31 + 39', ssq)).toBeNull(); // above the maximum
    expect(canonicalBeacon('6 6 1', { count: 3, max: 6 })).toBe('1.6.6./'); // dice repeat
    expect(canonicalBeacon('\t6 6 1\u3000', { count: 3, max: 6 })).toBeNull(); // only ASCII spaces are trimmed
  });

  it('orders by code point, not by UTF-16 unit or locale', () => {
    // U+FF71 < U+20BB7 by code point; in UTF-16 the surrogate 0xD842 comes first.
    expect(codePointCompare('ｱ', '𠮷')).toBeLessThan(0);
    expect(['ｱ', '𠮷'].sort()).toEqual(['𠮷', 'ｱ']);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(codePointCompare(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
  });

  it('keys on every reveal, withheld ones as null, in participant order', () => {
    const m = {
      drawId: 'D1',
      session: 1,
      inputDigest: '0'.repeat(64),
      reveals: [
        { participant: 'yhb', name: '区优化办 陈静', secret: 'aa'.repeat(16) },
        { participant: 'fagui', name: '法规股 李明', secret: null },
      ],
      beacon: { kind: 'DICE' as const, source: '现场掷骰', availableAt: null, count: 2, max: 6, canonical: '3.7./' },
    };
    expect(keyText(m)).toBe(
      `{"beacon":{"availableAt":null,"canonical":"3.7./","count":2,"kind":"DICE","max":6,"source":"现场掷骰"},"drawId":"D1","inputDigest":"${'0'.repeat(64)}","reveals":[["fagui","法规股 李明",null],["yhb","区优化办 陈静","${'aa'.repeat(16)}"]],"session":1,"version":"ssj-draw/3"}`,
    );
    expect(drawKeyV3(m)).toBe(createHash('sha256').update(keyText(m)).digest('hex'));
    expect(drawKeyV3({ ...m, reveals: [...m.reveals].reverse() })).toBe(drawKeyV3(m));
    const fagui = { participant: 'fagui', name: '法规股 李明', secret: 'bb'.repeat(16) };
    expect(drawKeyV3({ ...m, reveals: [m.reveals[0] as never, fagui] })).not.toBe(drawKeyV3(m));
    // What was published but is not random is bound too: a name or the source edited afterwards fails.
    const renamed = { ...fagui, secret: null, name: '李明' };
    expect(drawKeyV3({ ...m, reveals: [m.reveals[0] as never, renamed] })).not.toBe(drawKeyV3(m));
    expect(drawKeyV3({ ...m, beacon: { ...m.beacon, source: '现场掷骰（改）' } })).not.toBe(drawKeyV3(m));
    // So is the announced format: the same digits read as a different game are a different draw.
    expect(drawKeyV3({ ...m, beacon: { ...m.beacon, max: 9 } })).not.toBe(drawKeyV3(m));
    expect(drawKeyV3({ ...m, beacon: { ...m.beacon, kind: 'LOTTERY' as const } })).not.toBe(drawKeyV3(m));
  });
});
