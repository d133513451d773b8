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

export const BEACON_KINDS = ['LOTTERY', 'DICE'] as const;
/** LOTTERY: a published draw with a stated time (reveals close before it); DICE: thrown in the room after reveals. */
export type BeaconKind = (typeof BEACON_KINDS)[number];

/** How the public value is written, fixed when the session is set up: so many numbers, none above `max`. */
export interface BeaconFormat {
  count: number;
  max: number;
}

/** Separators between the numbers: spaces, commas (full-width too), 、 and +. Nothing else is accepted. */
const BEACON_TEXT = /^[0-9]+(?:[ ,，、+]+[0-9]+)*$/;

/**
 * The public value in canonical form (RFC 3797, section 3.3, for one
 * source), or null when it is not written in the session's format: ASCII
 * digits and separators only (no other character, so nothing invisible can
 * split a number), exactly `count` numbers of at most 10 digits, none above
 * `max`; then sorted ascending, without leading zeros, each followed by "."
 * and the whole by "/". "03 11 17 22 28 31 + 09" → "3.9.11.17.22.28.31./".
 * Nobody entering the value has a choice of spelling that changes the draw.
 */
export function canonicalBeacon(text: string, format: BeaconFormat): string | null {
  if (typeof text !== 'string') return null;
  const t = text.replace(/^ +| +$/g, ''); // ASCII spaces only: a verifier in any language strips the same
  if (!BEACON_TEXT.test(t)) return null;
  const runs = t.match(/[0-9]+/g) ?? [];
  if (runs.length !== format.count || runs.some((r) => r.length > 10)) return null;
  const numbers = runs.map(Number);
  if (numbers.some((n) => n > format.max)) return null;
  numbers.sort((a, b) => a - b);
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
  /** The public random source as named and formatted before the freeze, and canonicalBeacon() of its value. */
  beacon: {
    kind: BeaconKind;
    source: string;
    availableAt: string | null;
    count: number;
    max: number;
    canonical: string;
  };
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
  const { kind, source, availableAt, count, max, canonical } = m.beacon;
  return canonicalJson({
    beacon: { availableAt, canonical, count, kind, max, source },
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
