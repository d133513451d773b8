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
import type { DrawInputs } from './types.ts';

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
  for (const roster of Object.keys(ROSTER_FIELDS) as (keyof typeof ROSTER_FIELDS)[]) {
    const fields = ROSTER_FIELDS[roster];
    h.update(`#${roster} ${fields.join(',')}\n`);
    const rows = (inputs[roster] as unknown as Row[]).slice().sort(rowOrder(roster));
    // Hash in chunks: one update per row costs more than the hashing itself.
    for (let i = 0; i < rows.length; i += 2048) {
      let chunk = '';
      for (const row of rows.slice(i, i + 2048))
        chunk += `${JSON.stringify(fields.map((f) => sortedCopy(row[f] ?? null)))}\n`;
      h.update(chunk);
    }
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
