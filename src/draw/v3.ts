// An ssj-draw/3 draw: the frozen snapshot, the participants' revealed
// secrets and the public random source's value in; the record out. Anyone
// recomputes it from the published record with verifyDrawV3 (or the
// independent verifier in verifier/, written from docs/draw.md alone).
import { canonicalJson } from '../shared/canonical.ts';
import { frozenDigest } from './digest.ts';
import type { Verification } from './draw.ts';
import { computeOutputs, eligibility, itemsInForce, strata, validateRule } from './draw.ts';
import {
  BEACON_KINDS,
  canonicalBeacon,
  codePointCompare,
  commitmentOf,
  drawKeyV3,
  isCommitment,
  MIN_PARTICIPANTS,
  normalizeSecret,
} from './entropy.ts';
import { DrawInputError } from './errors.ts';
import { enterpriseColumns } from './frozen.ts';
import { byId } from './order.ts';
import { itemShortage, specialtyName, stratumShortage } from './shortage.ts';
import { engineInputs, keyMaterial } from './snapshotV3.ts';
import type { DrawRecordV3, Entropy, FrozenInputs } from './types.ts';

/** Everything wrong with a record's entropy: commitments, secrets, order, the beacon. */
export function entropyProblems(drawId: string, e: Entropy): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(e.session) || e.session < 1)
    problems.push(`entropy.session ${e.session} is not a whole number ≥ 1`);
  const names = e.participants.map((p) => p.participant);
  const sorted = [...names].sort(codePointCompare);
  if (new Set(names).size !== names.length || names.some((n, i) => n !== sorted[i]))
    problems.push('entropy.participants must be in code-point order of participant, each once');
  if (e.participants.length < MIN_PARTICIPANTS) problems.push(`fewer than ${MIN_PARTICIPANTS} participants`);
  for (const p of e.participants) {
    if (!isCommitment(p.commitment)) problems.push(`${p.participant}: commitment is not 64 lowercase hex digits`);
    else if (p.secret !== null) {
      if (normalizeSecret(p.secret) !== p.secret) problems.push(`${p.participant}: secret is not canonical hex`);
      else if (commitmentOf(drawId, e.session, p.participant, p.secret) !== p.commitment)
        problems.push(`${p.participant}: secret does not open the commitment`);
    }
  }
  if (!e.participants.some((p) => p.secret !== null)) problems.push('no participant revealed a secret');
  const b = e.beacon;
  if (!BEACON_KINDS.includes(b.kind)) problems.push(`entropy.beacon.kind ${b.kind} is not LOTTERY or DICE`);
  if (b.kind === 'LOTTERY' && (b.availableAt === null || Number.isNaN(Date.parse(b.availableAt))))
    problems.push('entropy.beacon.availableAt: a lottery needs the time its value is published');
  if (
    !(
      Number.isInteger(b.count) &&
      b.count >= 1 &&
      b.count <= 20 &&
      Number.isInteger(b.max) &&
      b.max >= 1 &&
      b.max <= 1e9
    )
  )
    problems.push('entropy.beacon: count must be 1–20 and max 1–1,000,000,000');
  const canonical = canonicalBeacon(b.value, b);
  if (canonical === null) problems.push(`entropy.beacon.value is not ${b.count} numbers of at most ${b.max}`);
  else if (canonical !== b.canonical) problems.push(`entropy.beacon.canonical is not ${canonical}`);
  return problems;
}

export function drawV3(f: FrozenInputs, entropy: Entropy, digest = frozenDigest(f)): DrawRecordV3 {
  const problems = entropyProblems(f.drawId, entropy);
  if (problems.length) throw new DrawInputError('entropy', `抽取会的随机数记录有误（${problems.join('; ')}）`);
  const record = { drawId: f.drawId, inputDigest: digest, entropy };
  const key = drawKeyV3(keyMaterial(record));
  const inputs = engineInputs(f);
  return {
    algorithmVersion: 'ssj-draw/3',
    kind: 'INITIAL',
    supersedes: null,
    ...record,
    outputs: computeOutputs(inputs, key, enterpriseColumns(inputs.enterprises), 'ssj-draw/3'),
  };
}

/** Recompute an initial ssj-draw/3 record from itself and its published snapshot. */
export function verifyDrawV3(record: DrawRecordV3, f: FrozenInputs): Verification {
  const problems: string[] = [];
  if (record.algorithmVersion !== 'ssj-draw/3') problems.push(`algorithm ${record.algorithmVersion}, not ssj-draw/3`);
  if (record.drawId !== f.drawId) problems.push(`drawId ${record.drawId}, snapshot of ${f.drawId}`);
  const digest = frozenDigest(f);
  if (digest !== record.inputDigest)
    problems.push(`input digest ${digest} differs from recorded ${record.inputDigest}`);
  problems.push(...entropyProblems(record.drawId, record.entropy));
  if (!problems.length) {
    const again = drawV3(f, record.entropy, digest);
    if (canonicalJson(again.outputs) !== canonicalJson(record.outputs))
      problems.push('recomputed outputs differ from the record');
  }
  return { ok: problems.length === 0, problems };
}

/**
 * What a snapshot settles before any entropy exists: the shortages no
 * randomness can cure (a stratum or an item pool too small, too few
 * inspectors or specialists at all), which refuse the freeze with nothing
 * stored; and the enterprises the round may draw, which it reserves against
 * the Art. 15 cap (docs/draw.md, section 8) — exempt ones too, in case their
 * exemption ends before the round is drawn. Eligibility is the draw's own
 * (NO_TEAM included), so a team can always be formed for whoever is drawn.
 */
export function freezePlan(f: FrozenInputs): { shortages: string[]; candidates: number[] } {
  validateRule(f.rule);
  const inputs = engineInputs(f);
  const cols = enterpriseColumns(inputs.enterprises);
  const { ent, insp } = eligibility(inputs, cols, 'ssj-draw/3');
  const capped = ent.excluded.filter((x) => x.reason === 'ART15_CAP').reduce((n, x) => n + x.ids.length, 0);
  const shortages: string[] = [];
  const candidates: number[] = [];
  const sectors = new Set<string>();
  for (const s of strata(f.rule, ent.eligible, cols)) {
    if (s.k > s.members.length) shortages.push(stratumShortage(s.stratum, s.k, s.members.length, capped));
    if (s.k === 0) continue;
    for (const k of s.members) {
      const e = cols.rows[k] as FrozenInputs['enterprises'][number];
      sectors.add(e.sector);
      candidates.push(e.id);
    }
  }
  const items = byId(f.items);
  for (const sector of sectors) {
    const n = itemsInForce(items, sector, f.drawDate).length;
    if (n < f.rule.itemsPerInspection) shortages.push(itemShortage(sector, f.rule.itemsPerInspection, f.drawDate, n));
  }
  const pool = insp.eligible;
  if (sectors.size && pool.length < f.rule.teamSize)
    shortages.push(
      `检查组需要 ${f.rule.teamSize} 名执法人员，在岗且证件有效的只有 ${pool.length} 名；请先更新执法人员名录`,
    );
  for (const q of f.rule.quotas) {
    const n = pool.filter((i) => i.specialties.includes(q.specialty)).length;
    if (sectors.size && n < q.min)
      shortages.push(`检查组需要 ${q.min} 名${specialtyName(q.specialty)}专业执法人员，名录中符合条件的只有 ${n} 名`);
  }
  return { shortages, candidates: candidates.sort((a, b) => a - b) };
}
