// The input digest and the seed protocol's hashes (docs/draw.md).
//
// Input digest, format "ssj-digest/1": SHA-256 over UTF-8 lines
//   canonicalJson({drawId, drawDate, rule, annualCap}) "\n"
//   then for each roster in the order of ROSTER_FIELDS:
//     "#<roster> <field>,<field>,…" "\n"
//     one line per row, sorted by id: JSON.stringify([row[field] for field]) "\n"
// Array fields (specialties, townships) are sorted first. Rows as plain JSON
// arrays keep the format easy to recompute in any language, and fast for a
// 100,000-enterprise roster.
import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../shared/canonical.ts';
import { codePointCompare } from './entropy.ts';
import type { DrawInputs, FrozenInputs } from './types.ts';

export const ROSTER_FIELDS = {
  enterprises: [
    'id',
    'creditCode',
    'name',
    'sector',
    'category',
    'township',
    'operatingState',
    'riskClass',
    'seriousViolation',
    'abnormalOperation',
    'penalized',
    'randomInspectionsThisYear',
  ],
  inspectors: [
    'id',
    'name',
    'certificateNo',
    'certificateFrom',
    'certificateTo',
    'certificateStatus',
    'specialties',
    'townships',
    'onLeave',
    'active',
  ],
  experts: ['id', 'name', 'specialties', 'active'],
  items: ['id', 'code', 'sector', 'name', 'effectiveFrom', 'effectiveTo', 'reviewState'],
  conflicts: ['inspectorId', 'enterpriseId', 'reason'],
} as const;

type Row = Record<string, unknown>;

const sortedCopy = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v);
const codePointSorted = (v: unknown) => (Array.isArray(v) ? [...v].sort(codePointCompare) : v);

function rowOrder(roster: keyof typeof ROSTER_FIELDS) {
  if (roster === 'conflicts')
    return (a: Row, b: Row) =>
      (a.inspectorId as number) - (b.inspectorId as number) ||
      (a.enterpriseId as number) - (b.enterpriseId as number) ||
      String(a.reason).localeCompare(String(b.reason));
  return (a: Row, b: Row) => (a.id as number) - (b.id as number);
}

export function inputDigest(inputs: DrawInputs): string {
  const h = createHash('sha256');
  const header = {
    drawId: inputs.drawId,
    drawDate: inputs.drawDate,
    rule: inputs.rule,
    annualCap: inputs.annualCap ?? 4,
  };
  h.update(`${canonicalJson(header)}\n`);
  for (const roster of Object.keys(ROSTER_FIELDS) as (keyof typeof ROSTER_FIELDS)[])
    hashRows(h, roster, ROSTER_FIELDS[roster], inputs[roster] as unknown as Row[], rowOrder(roster), sortedCopy);
  return h.digest('hex');
}

/** `#<roster> <fields>` and one JSON array per row, in chunks: one update per row costs more than the hashing. */
function hashRows(
  h: ReturnType<typeof createHash>,
  roster: string,
  fields: readonly string[],
  rows: Row[],
  order: (a: Row, b: Row) => number,
  arrays: (v: unknown) => unknown,
) {
  h.update(`#${roster} ${fields.join(',')}\n`);
  const sorted = rows.slice().sort(order);
  for (let i = 0; i < sorted.length; i += 2048) {
    let chunk = '';
    for (const row of sorted.slice(i, i + 2048))
      chunk += `${JSON.stringify(fields.map((f) => arrays(row[f] ?? null)))}\n`;
    h.update(chunk);
  }
}

/** The rosters of an ssj-draw/3 snapshot, in hashing order, with their fields. */
export const FROZEN_FIELDS = {
  enterprises: ROSTER_FIELDS.enterprises,
  inspectors: [
    'id',
    'name',
    'certificateNo',
    'certificateFrom',
    'certificateTo',
    'certificateStatus',
    'specialties',
    'townships',
    'available',
  ],
  experts: ROSTER_FIELDS.experts,
  items: ROSTER_FIELDS.items,
  conflicts: ['inspectorId', 'enterpriseId'],
} as const;

/**
 * The digest of an ssj-draw/3 snapshot, format "ssj-digest/2": like
 * "ssj-digest/1" but with a header that names the format, the v3 rosters'
 * fields, and code-point order for array values (no locale anywhere).
 */
export function frozenDigest(f: FrozenInputs): string {
  const h = createHash('sha256');
  const header = {
    annualCap: f.annualCap,
    drawDate: f.drawDate,
    drawId: f.drawId,
    format: 'ssj-digest/2',
    rule: f.rule,
  };
  h.update(`${canonicalJson(header)}\n`);
  const byNumbers =
    (...keys: string[]) =>
    (a: Row, b: Row) => {
      for (const k of keys) if (a[k] !== b[k]) return (a[k] as number) - (b[k] as number);
      return 0;
    };
  for (const roster of Object.keys(FROZEN_FIELDS) as (keyof typeof FROZEN_FIELDS)[]) {
    const order = roster === 'conflicts' ? byNumbers('inspectorId', 'enterpriseId') : byNumbers('id');
    hashRows(h, roster, FROZEN_FIELDS[roster], f[roster] as unknown as Row[], order, codePointSorted);
  }
  return h.digest('hex');
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** A fresh seed from the operating system's CSPRNG; published first only as its commitment. */
export function newSeed(): { seed: string; commitment: string } {
  const seed = randomBytes(32).toString('hex');
  return { seed, commitment: sha256Hex(seed) };
}

/** The generator key: binds the committed seed, any witness entropy, and the frozen inputs. */
export function drawKey(seed: string, witness: string, digest: string): string {
  return sha256Hex(`${seed}|${witness}|${digest}`);
}
