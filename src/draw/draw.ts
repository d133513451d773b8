// The certified draw (Art. 13, 15, 16): enterprises by stratum, then a team
// and items for each, from a frozen snapshot and a committed seed. Same
// inputs + same seed → the same record, bit for bit (see docs/draw.md).
import { canonicalJson } from '../shared/canonical.ts';
import { type ConflictIndex, conflictIndex, Deck, TeamBuilder } from './assign.ts';
import { BalancedTeams } from './balance.ts';
import { drawKey, inputDigest, sha256Hex } from './digest.ts';
import {
  eligibleEnterprises,
  inspectorExclusion,
  inspectorExclusionV3,
  partition,
  type ReasonWords,
  SEED_REASONS,
  V3_REASONS,
} from './eligibility.ts';
import { DrawInputError, InfeasibleDrawError } from './errors.ts';
import { type EnterpriseColumns, enterpriseColumns, type FrozenRoster, freeze } from './frozen.ts';
import { byId } from './order.ts';
import { DrawRandom, sample } from './random.ts';
import type { DrawRule, RiskClass } from './rule.ts';
import { itemShortage, stratumShortage } from './shortage.ts';
import { NO_TEAM, unstaffable } from './staffing.ts';
import {
  type AlgorithmVersion,
  type Assignment,
  type DrawInputs,
  type DrawOutputs,
  type DrawRecordData,
  type EnterpriseSnapshot,
  type InspectorSnapshot,
  type ItemSnapshot,
  isAlgorithmVersion,
  SEED_VERSION,
  type SeedVersion,
} from './types.ts';

const RISK_CLASSES: RiskClass[] = ['A', 'B', 'C', 'D'];

export function validateRule(rule: DrawRule): void {
  if (!Number.isInteger(rule.teamSize) || rule.teamSize < 1)
    throw new DrawInputError('rule.teamSize', `检查组人数“${rule.teamSize}”须为不小于 1 的整数`);
  const quotaSum = rule.quotas.reduce((s, q) => s + q.min, 0);
  if (quotaSum > rule.teamSize)
    throw new DrawInputError(
      'rule.quotas',
      `专业要求共需 ${quotaSum} 人，检查组只有 ${rule.teamSize} 人：请增加组员人数或减少专业要求`,
    );
  if (!Number.isInteger(rule.itemsPerInspection) || rule.itemsPerInspection < 0)
    throw new DrawInputError(
      'rule.itemsPerInspection',
      `每次检查的事项数“${rule.itemsPerInspection}”须为不小于 0 的整数`,
    );
  const ratios = rule.riskRatios
    ? Object.values(rule.riskRatios)
    : 'ratio' in rule.enterprises
      ? [rule.enterprises.ratio]
      : [];
  for (const r of ratios)
    if (!(r >= 0 && r <= 1)) throw new DrawInputError('rule ratio', `抽取比例“${r}”须在 0 到 1 之间`);
  if (
    'count' in rule.enterprises &&
    !rule.riskRatios &&
    !(Number.isInteger(rule.enterprises.count) && rule.enterprises.count >= 1)
  )
    throw new DrawInputError('rule.enterprises.count', `抽取企业数“${rule.enterprises.count}”须为不小于 1 的整数`);
}

/** Strata to draw from, in order, with how many to take from each. */
export function strata(rule: DrawRule, eligible: Int32Array, cols: EnterpriseColumns) {
  if (rule.riskRatios) {
    return RISK_CLASSES.filter((c) => rule.riskRatios?.[c] !== undefined).map((c) => {
      const code = cols.riskNames.indexOf(c);
      const members = eligible.filter((k) => cols.risk[k] === code);
      return { stratum: c, members, k: Math.round((rule.riskRatios?.[c] ?? 0) * members.length) };
    });
  }
  const k = 'count' in rule.enterprises ? rule.enterprises.count : Math.round(rule.enterprises.ratio * eligible.length);
  return [{ stratum: 'ALL', members: eligible, k }];
}

export function itemsInForce(items: readonly ItemSnapshot[], sector: string, date: string): ItemSnapshot[] {
  return items.filter(
    (i) =>
      i.sector === sector &&
      (i.reviewState === 'APPROVED' || i.reviewState === 'PUBLISHED') &&
      i.effectiveFrom <= date &&
      (i.effectiveTo === null || i.effectiveTo > date),
  );
}

interface Teams {
  build(e: EnterpriseSnapshot): { team: InspectorSnapshot[] } | { shortage: string };
}

/** What differs between versions; everything else in a draw is the same in all of them (docs/draw.md, "Versions"). */
interface Profile {
  words: ReasonWords;
  inspectorWhy: (i: InspectorSnapshot, drawDate: string) => string | null;
  teams: (pool: readonly InspectorSnapshot[], rule: DrawRule, conflicts: ConflictIndex, key: string) => Teams;
  /**
   * The items' random source. `ssj-draw/1` gave each enterprise its own
   * stream (`items:<id>`), one SHA-256 block per enterprise; later versions
   * take every enterprise's items from one stream (`items`), in draw order —
   * the same uniform sample at a quarter of the hashing.
   */
  items: (key: string) => (enterpriseId: number) => DrawRandom;
}

const dealt: Profile['teams'] = (pool, rule, conflicts, key) =>
  new TeamBuilder(pool, rule, conflicts, new Deck(pool, key));
const sharedItems: Profile['items'] = (key) => {
  const shared = new DrawRandom(key, 'items');
  return () => shared;
};

export const PROFILES: Record<AlgorithmVersion, Profile> = {
  'ssj-draw/1': {
    words: SEED_REASONS,
    inspectorWhy: inspectorExclusion,
    teams: dealt,
    items: (key) => (id) => new DrawRandom(key, `items:${id}`),
  },
  'ssj-draw/2': { words: SEED_REASONS, inspectorWhy: inspectorExclusion, teams: dealt, items: sharedItems },
  'ssj-draw/3': {
    words: V3_REASONS,
    inspectorWhy: inspectorExclusionV3,
    teams: (pool, rule, conflicts, key) => new BalancedTeams(pool, rule, conflicts, key),
    items: sharedItems,
  },
};

/**
 * Who may be drawn: enterprises (6.1) and inspectors (6.3), each excluded
 * group with its reason. ssj-draw/3 then excludes, last and as NO_TEAM, the
 * enterprises no team could be formed for (src/draw/staffing.ts).
 */
export function eligibility(inputs: DrawInputs, cols: EnterpriseColumns, version: AlgorithmVersion) {
  const p = PROFILES[version];
  const ent = eligibleEnterprises(cols, inputs.rule, inputs.annualCap ?? 4, p.words);
  const insp = partition(byId(inputs.inspectors), (i) => p.inspectorWhy(i, inputs.drawDate));
  if (version !== 'ssj-draw/3') return { ent, insp };
  const rows = Array.from(ent.eligible, (k) => cols.rows[k] as EnterpriseSnapshot);
  const none = new Set(unstaffable(rows, insp.eligible, inputs.rule, conflictIndex(inputs.conflicts)));
  if (!none.size) return { ent, insp };
  return {
    ent: {
      eligible: ent.eligible.filter((k) => !none.has(cols.ids[k] as number)),
      excluded: [...ent.excluded, { reason: NO_TEAM, ids: [...none] }],
    },
    insp,
  };
}

/**
 * The pure computation behind a record: outputs from canonical inputs and a
 * key. `cols` are the enterprise columns of a frozen roster (computed here
 * when not given).
 */
export function computeOutputs(
  inputs: DrawInputs,
  key: string,
  cols: EnterpriseColumns = enterpriseColumns(inputs.enterprises),
  version: AlgorithmVersion = SEED_VERSION,
): DrawOutputs {
  const { rule } = inputs;
  validateRule(rule);
  const p = PROFILES[version];
  // Id order everywhere: the generator's choices index into these lists, so
  // the caller's order must not matter.
  // Out-of-scope enterprises are not candidates at all, so the record does not list them.
  const { ent, insp } = eligibility(inputs, cols, version);
  const shortages: string[] = [];
  const drawn: EnterpriseSnapshot[] = [];
  const strataOut: DrawOutputs['strata'] = [];
  for (const s of strata(rule, ent.eligible, cols)) {
    strataOut.push({ stratum: s.stratum, eligible: s.members.length, drawn: Math.min(s.k, s.members.length) });
    if (s.k > s.members.length) {
      const capped = ent.excluded
        .filter((x) => x.reason !== p.words.closed && x.reason !== p.words.suspended && x.reason !== NO_TEAM)
        .reduce((n, x) => n + x.ids.length, 0);
      shortages.push(stratumShortage(s.stratum, s.k, s.members.length, capped));
      continue;
    }
    for (const k of sample(s.members, s.k, new DrawRandom(key, `enterprises:${s.stratum}`)))
      drawn.push(cols.rows[k] as EnterpriseSnapshot);
  }
  const conflicts = conflictIndex(inputs.conflicts);
  const allItems = byId(inputs.items);
  const teams = p.teams(insp.eligible, rule, conflicts, key);
  const itemRandom = p.items(key);
  const assignments: Assignment[] = [];
  const pools = new Map<string, ItemSnapshot[]>();
  for (const e of drawn) {
    const team = teams.build(e);
    const pool = pools.get(e.sector) ?? itemsInForce(allItems, e.sector, inputs.drawDate);
    pools.set(e.sector, pool);
    if ('shortage' in team) shortages.push(team.shortage);
    if (pool.length < rule.itemsPerInspection)
      shortages.push(itemShortage(e.sector, rule.itemsPerInspection, inputs.drawDate, pool.length));
    if ('shortage' in team || pool.length < rule.itemsPerInspection) continue;
    const items = sample(pool, rule.itemsPerInspection, itemRandom(e.id));
    assignments.push({
      enterpriseId: e.id,
      inspectorIds: team.team.map((i) => i.id),
      expertIds: [],
      itemIds: items.map((i) => i.id),
    });
  }
  // Nothing is half-drawn: any shortage fails the whole draw.
  if (shortages.length) throw new InfeasibleDrawError([...new Set(shortages)]);
  return {
    assignments,
    strata: strataOut,
    excludedEnterprises: ent.excluded,
    excludedInspectors: insp.excluded,
    recused: [],
  };
}

export interface SeedReveal {
  seed: string;
  commitment: string;
  witness?: string;
}

/**
 * Draw from a frozen snapshot. `frozen` is what was computed when it was
 * frozen — its digest and columns (pass it to skip recomputing them).
 */
export function runDraw(inputs: DrawInputs, reveal: SeedReveal, frozen: FrozenRoster = freeze(inputs)): DrawRecordData {
  if (sha256Hex(reveal.seed) !== reveal.commitment)
    throw new DrawInputError('seed', '随机种子与抽取前公布的承诺值不符');
  const witness = reveal.witness ?? '';
  return {
    algorithmVersion: SEED_VERSION,
    drawId: inputs.drawId,
    kind: 'INITIAL',
    supersedes: null,
    seedCommitment: reveal.commitment,
    seed: reveal.seed,
    witness,
    inputDigest: frozen.digest,
    outputs: computeOutputs(inputs, drawKey(reveal.seed, witness, frozen.digest), frozen.enterprises),
  };
}

export interface Verification {
  ok: boolean;
  problems: string[];
}

const isSeedVersion = (v: string): v is SeedVersion => isAlgorithmVersion(v) && v !== 'ssj-draw/3';

/** Recompute an initial draw of the seed protocol (ssj-draw/1, /2) from its record and the published inputs. */
export function verifyDraw(record: DrawRecordData, inputs: DrawInputs): Verification {
  const problems: string[] = [];
  const version = record.algorithmVersion;
  if (!isSeedVersion(version)) problems.push(`算法版本 ${version} 本程序无法重算`);
  if (sha256Hex(record.seed) !== record.seedCommitment) problems.push('随机种子与抽取前公布的承诺值不符');
  const digest = inputDigest(inputs);
  if (digest !== record.inputDigest)
    problems.push(`名录校验值 ${digest} 与记录的 ${record.inputDigest} 不一致：公布的名录不是抽取时的名录`);
  if (!problems.length && isSeedVersion(version)) {
    const again = computeOutputs(inputs, drawKey(record.seed, record.witness, digest), undefined, version);
    if (canonicalJson(again) !== canonicalJson(record.outputs))
      problems.push('重新计算的抽取结果与记录不一致：记录的结果不是由公布的名录和随机数抽出的');
  }
  return { ok: problems.length === 0, problems };
}
