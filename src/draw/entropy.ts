// Where an ssj-draw/3 draw's randomness comes from (docs/draw.md, "Entropy"):
// secrets that independent participants commit to before the roster is
// frozen and reveal after it, and a public random source named before the
// freeze and read after every reveal is in. Nobody — the server, its
// database, its Temporal history, its operator — holds anything that decides
// the draw until the last of these is entered.
//
// Pure and free of Node APIs: the draw workflow's validators use it to refuse
// a malformed commitment or a secret that does not open its commitment
// before the step enters history.
import { canonicalJson } from '../shared/canonical.ts';
import { sha256HexPure } from '../shared/sha256.ts';

export const V3 = 'ssj-draw/3';

/** At least this many participants must have committed before a snapshot may be frozen. */
export const MIN_PARTICIPANTS = 2;

/** A participant's secret: 32–64 hex digits (128–256 bits), written in any case, grouped as people like. */
export const SECRET_HEX_MIN = 32;
export const SECRET_HEX_MAX = 64;

/** The canonical secret (lowercase hex, no separators), or null when it is not one. */
export function normalizeSecret(text: string): string | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const hex = text.replace(/[\s-]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length < SECRET_HEX_MIN || hex.length > SECRET_HEX_MAX) return null;
  return hex;
}

export const isCommitment = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

/**
 * What a participant publishes before the freeze: SHA-256 of the UTF-8 text
 * "ssj-draw/3\n<drawId>\n<session>\n<participant>\n<secret>" (no final
 * newline), as lowercase hex. Binding the draw, the session and the person
 * means a commitment cannot be copied into another draw or under another name.
 */
export function commitmentOf(drawId: string, session: number, participant: string, secret: string): string {
  return sha256HexPure(`${V3}\n${drawId}\n${session}\n${participant}\n${secret}`);
}

/**
 * The public random source's value in canonical form (RFC 3797, section 3.3,
 * for one source): every run of decimal digits in the text (after NFKC, so
 * full-width digits count) read as a whole number, the numbers sorted in
 * ascending order, written without leading zeros, each followed by "." and
 * the whole by "/". "03 07 12 + 09" and "7,3,9,12" are both "3.7.9.12./":
 * the person typing it has no choice of spelling that changes the draw.
 */
export function canonicalBeacon(text: string): string | null {
  if (typeof text !== 'string' || text.length > 500) return null;
  const runs = text.normalize('NFKC').match(/[0-9]+/g) ?? [];
  if (runs.length < 1 || runs.length > 64) return null;
  const numbers = runs.map((r) => r.replace(/^0+(?=.)/, ''));
  if (numbers.some((n) => n.length > 30)) return null;
  numbers.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `${numbers.map((n) => `${n}.`).join('')}/`;
}

/** A participant's reveal as it enters the key: who (username and name), and the secret or null when withheld. */
export interface Reveal {
  participant: string;
  name: string;
  secret: string | null;
}

export interface KeyMaterial {
  drawId: string;
  session: number;
  inputDigest: string;
  reveals: Reveal[];
  /** The public random source as named before the freeze, and canonicalBeacon() of its value. */
  beacon: { source: string; availableAt: string | null; canonical: string };
}

/** Code-point order of two strings (the order of their UTF-8 bytes), independent of locale. */
export function codePointCompare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) as number) - (y[i]?.codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * The canonical text the generator key is the SHA-256 of. Everything the
 * session published goes in — who took part under which name, the source as
 * named and when it was due — so none of it can be edited in a published
 * record without the draw no longer verifying.
 */
export function keyText(m: KeyMaterial): string {
  const reveals = [...m.reveals]
    .sort((a, b) => codePointCompare(a.participant, b.participant))
    .map((r) => [r.participant, r.name, r.secret]);
  const { source, availableAt, canonical } = m.beacon;
  return canonicalJson({
    beacon: { availableAt, canonical, source },
    drawId: m.drawId,
    inputDigest: m.inputDigest,
    reveals,
    session: m.session,
    version: V3,
  });
}

/** The generator key of an ssj-draw/3 draw: lowercase hex SHA-256 of keyText(). */
export function drawKeyV3(m: KeyMaterial): string {
  return sha256HexPure(keyText(m));
}
