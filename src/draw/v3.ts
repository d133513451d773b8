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
  if (!Number.isInteger(e.session) || e.session < 1) problems.push(`抽取会序号 ${e.session} 应为不小于 1 的整数`);
  const names = e.participants.map((p) => p.participant);
  const sorted = [...names].sort(codePointCompare);
  if (new Set(names).size !== names.length || names.some((n, i) => n !== sorted[i]))
    problems.push('参与人须按用户名的码位顺序排列，每人只列一次');
  if (e.participants.length < MIN_PARTICIPANTS) problems.push(`参与人不足 ${MIN_PARTICIPANTS} 名`);
  for (const p of e.participants) {
    if (!isCommitment(p.commitment)) problems.push(`${p.participant}：承诺值不是 64 位小写十六进制数`);
    else if (p.secret !== null) {
      if (normalizeSecret(p.secret) !== p.secret)
        problems.push(`${p.participant}：密钥不是规范写法（小写十六进制、不带分隔符）`);
      else if (commitmentOf(drawId, e.session, p.participant, p.secret) !== p.commitment)
        problems.push(`${p.participant}：揭示的密钥与其冻结前提交的承诺值不符`);
    }
  }
  if (!e.participants.some((p) => p.secret !== null)) problems.push('没有参与人揭示密钥');
  const b = e.beacon;
  if (!BEACON_KINDS.includes(b.kind))
    problems.push(`公开随机源的类型 ${b.kind} 应为 LOTTERY（公开开奖）或 DICE（现场掷骰）`);
  if (b.kind === 'LOTTERY' && (b.availableAt === null || Number.isNaN(Date.parse(b.availableAt))))
    problems.push('公开开奖须写明开奖时间');
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
    problems.push('公开随机数的个数须为 1–20，号码上限须为 1–1,000,000,000');
  const canonical = canonicalBeacon(b.value, b);
  if (canonical === null) problems.push(`公开随机数 ${b.value} 不是 ${b.count} 个不超过 ${b.max} 的号码`);
  else if (canonical !== b.canonical) problems.push(`公开随机数的规范写法应为 ${canonical}，记录的是 ${b.canonical}`);
  return problems;
}

export function drawV3(f: FrozenInputs, entropy: Entropy, digest = frozenDigest(f)): DrawRecordV3 {
  const problems = entropyProblems(f.drawId, entropy);
  if (problems.length) throw new DrawInputError('entropy', `抽取会的随机数记录有误（${problems.join('；')}）`);
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
  if (record.algorithmVersion !== 'ssj-draw/3') problems.push(`算法版本为 ${record.algorithmVersion}，应为 ssj-draw/3`);
  if (record.drawId !== f.drawId) problems.push(`抽取记录 ${record.drawId} 与名录快照所属的 ${f.drawId} 不符`);
  const digest = frozenDigest(f);
  if (digest !== record.inputDigest)
    problems.push(`名录校验值 ${digest} 与记录的 ${record.inputDigest} 不一致：公布的名录不是冻结时的名录`);
  problems.push(...entropyProblems(record.drawId, record.entropy));
  if (!problems.length) {
    const again = drawV3(f, record.entropy, digest);
    if (canonicalJson(again.outputs) !== canonicalJson(record.outputs))
      problems.push('重新计算的抽取结果与记录不一致：记录的结果不是由公布的名录和随机数抽出的');
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
