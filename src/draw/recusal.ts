// Recusal (Art. 14): an inspector with a conflict of interest steps out of
// one inspection, either by swapping enterprises with another inspector, by
// handing his place to an expert, or by dropping out while the system draws a
// replacement. The result is a new record that supersedes the old one; the
// old one is never edited.
//
// ssj-draw/1 and /2 drew each recusal from a fresh seed of its own; ssj-draw/3
// draws it from the initial draw's key and the structured request alone
// (stream "recusal:<sequence>"), so the same request always gives the same
// team and a retry cannot re-roll it.
import { canonicalJson } from '../shared/canonical.ts';
import { type ConflictIndex, conflictIndex, pairConflict, pickLeastLoaded } from './assign.ts';
import { drawKey, frozenDigest, inputDigest, sha256Hex } from './digest.ts';
import type { SeedReveal, Verification } from './draw.ts';
import { PROFILES } from './draw.ts';
import { drawKeyV3 } from './entropy.ts';
import { DrawInputError, InfeasibleDrawError } from './errors.ts';
import { byId } from './order.ts';
import { DrawRandom } from './random.ts';
import { engineInputs, keyMaterial } from './snapshotV3.ts';
import {
  type Assignment,
  type DrawInputs,
  type DrawOutputs,
  type DrawRecordData,
  type DrawRecordV3,
  type EnterpriseSnapshot,
  type FrozenInputs,
  type InspectorSnapshot,
  isAlgorithmVersion,
  type RecusalRecordV3,
  type RecusalRequestV3,
  SEED_VERSION,
} from './types.ts';

export interface RecusalRequest {
  enterpriseId: number;
  inspectorId: number;
  reason: string;
  mode: 'SWAP' | 'EXPERT' | 'REPLACEMENT';
  /** SWAP: the inspector to exchange with; EXPERT: the expert. Omitted: drawn at random among valid ones. */
  withId?: number;
  /** Enterprises whose inspections are past recusal (filed): no swap may touch their teams. */
  locked?: number[];
}

/** The request as the engine works on it, whichever version it came from. */
interface Request {
  enterpriseId: number;
  inspectorId: number;
  mode: RecusalRequest['mode'];
  withId: number | undefined;
  locked: number[];
}

interface Ctx {
  inputs: DrawInputs;
  base: DrawOutputs;
  req: Request;
  conflicts: ConflictIndex;
  byId: Map<number, InspectorSnapshot>;
  enterprise: (id: number) => EnterpriseSnapshot;
  /** ssj-draw/3 puts a replacement where the recused inspector stood; /1 and /2 appended him. */
  inPlace: boolean;
  inspectorWhy: (i: InspectorSnapshot, drawDate: string) => string | null;
}

const nameOf = (ctx: Ctx, id: number) => ctx.byId.get(id)?.name ?? `编号 ${id} 的执法人员`;

/** Does a team (inspectors + experts) still meet every quota? */
function meetsQuotas(ctx: Ctx, a: Assignment): boolean {
  const specialties = [
    ...a.inspectorIds.map((id) => ctx.byId.get(id)?.specialties ?? []),
    ...a.expertIds.map((id) => ctx.inputs.experts.find((x) => x.id === id)?.specialties ?? []),
  ];
  return ctx.inputs.rule.quotas.every((q) => specialties.filter((s) => s.includes(q.specialty)).length >= q.min);
}

const allowedAt = (ctx: Ctx, i: InspectorSnapshot, enterpriseId: number) =>
  !pairConflict(i, ctx.enterprise(enterpriseId), ctx.inputs.rule.crossTownship, ctx.conflicts);

function withTeam(a: Assignment, inspectorIds: number[], expertIds = a.expertIds): Assignment {
  return { ...a, inspectorIds, expertIds };
}

function replacement(ctx: Ctx, target: Assignment, rnd: DrawRandom): Assignment[] {
  const { req } = ctx;
  const remaining = target.inspectorIds.filter((id) => id !== req.inspectorId);
  const team = (id: number) =>
    ctx.inPlace ? target.inspectorIds.map((x) => (x === req.inspectorId ? id : x)) : [...remaining, id];
  // Load in the round so far: the replacement comes from the least loaded, so nobody gets a second team while
  // someone fit for the place has none.
  const load = new Map<number, number>();
  for (const a of ctx.base.assignments) for (const id of a.inspectorIds) load.set(id, (load.get(id) ?? 0) + 1);
  const candidates = byId(ctx.inputs.inspectors).filter(
    (i) =>
      !ctx.inspectorWhy(i, ctx.inputs.drawDate) &&
      !target.inspectorIds.includes(i.id) &&
      allowedAt(ctx, i, req.enterpriseId) &&
      meetsQuotas(ctx, withTeam(target, team(i.id))),
  );
  const pick = pickLeastLoaded(candidates, load, rnd);
  if (!pick)
    throw new InfeasibleDrawError([
      `${ctx.enterprise(req.enterpriseId).name}：没有可替补 ${nameOf(ctx, req.inspectorId)} 的执法人员（须在岗、证件有效、与该企业无利害关系并满足专业要求）；请改为与其他检查组交换或由专家替代`,
    ]);
  return ctx.base.assignments.map((a) => (a === target ? withTeam(a, team(pick.id)) : a));
}

function swap(ctx: Ctx, target: Assignment, rnd: DrawRandom): Assignment[] {
  const { req } = ctx;
  const recused = ctx.byId.get(req.inspectorId) as InspectorSnapshot;
  const options: { other: Assignment; x: number; mine: Assignment; theirs: Assignment }[] = [];
  for (const other of ctx.base.assignments) {
    if (other === target || other.inspectorIds.includes(req.inspectorId)) continue;
    if (req.locked.includes(other.enterpriseId)) continue;
    for (const x of other.inspectorIds) {
      const xi = ctx.byId.get(x);
      if (!xi || target.inspectorIds.includes(x) || !allowedAt(ctx, xi, target.enterpriseId)) continue;
      if (!allowedAt(ctx, recused, other.enterpriseId)) continue;
      const mine = withTeam(
        target,
        target.inspectorIds.map((id) => (id === req.inspectorId ? x : id)),
      );
      const theirs = withTeam(
        other,
        other.inspectorIds.map((id) => (id === x ? req.inspectorId : id)),
      );
      if (meetsQuotas(ctx, mine) && meetsQuotas(ctx, theirs)) options.push({ other, x, mine, theirs });
    }
  }
  const chosen =
    req.withId === undefined
      ? options[options.length ? rnd.below(options.length) : 0]
      : options.find((o) => o.x === req.withId);
  if (!chosen)
    throw new InfeasibleDrawError([
      req.withId === undefined
        ? `没有执法人员能与 ${recused.name} 交换检查对象而不违反专业要求、回避或交叉检查；请改为随机替补或由专家替代`
        : `${nameOf(ctx, req.withId)} 不能与 ${recused.name} 交换：不在本次抽取的其他未备案检查组中、与该企业有利害关系，或交换后专业要求不满足；请另选交换对象`,
    ]);
  return ctx.base.assignments.map((a) => (a === target ? chosen.mine : a === chosen.other ? chosen.theirs : a));
}

function expert(ctx: Ctx, target: Assignment, rnd: DrawRandom): Assignment[] {
  const { req } = ctx;
  const remaining = target.inspectorIds.filter((id) => id !== req.inspectorId);
  const valid = byId(ctx.inputs.experts).filter(
    (x) =>
      x.active &&
      !target.expertIds.includes(x.id) &&
      meetsQuotas(ctx, withTeam(target, remaining, [...target.expertIds, x.id])),
  );
  const chosen =
    req.withId === undefined
      ? valid[valid.length ? rnd.below(valid.length) : 0]
      : valid.find((x) => x.id === req.withId);
  if (!chosen)
    throw new InfeasibleDrawError([
      `没有在册专家能替代 ${nameOf(ctx, req.inspectorId)} 并满足专业要求；请改为随机替补或与其他检查组交换`,
    ]);
  return ctx.base.assignments.map((a) => (a === target ? withTeam(a, remaining, [...a.expertIds, chosen.id]) : a));
}

/** The checks every version makes before drawing anything, and the new team. */
function computeRecusal(
  base: { drawId: string; outputs: DrawOutputs },
  inputs: DrawInputs,
  req: Request,
  recused: DrawOutputs['recused'],
  rnd: DrawRandom,
  v3: boolean,
): DrawOutputs {
  const target = base.outputs.assignments.find((a) => a.enterpriseId === req.enterpriseId);
  if (!target)
    throw new DrawInputError('enterpriseId', `编号 ${req.enterpriseId} 的企业不在 ${base.drawId} 的抽取结果中`);
  const p = PROFILES[v3 ? 'ssj-draw/3' : SEED_VERSION];
  const ctx: Ctx = {
    inputs,
    base: base.outputs,
    req,
    conflicts: conflictIndex([...inputs.conflicts, ...recused.map((r) => ({ ...r, reason: r.reason ?? '' }))]),
    byId: new Map(inputs.inspectors.map((i) => [i.id, i])),
    enterprise: (id) => inputs.enterprises.find((e) => e.id === id) as EnterpriseSnapshot,
    inPlace: v3,
    inspectorWhy: p.inspectorWhy,
  };
  if (!target.inspectorIds.includes(req.inspectorId))
    throw new DrawInputError(
      'inspectorId',
      `${nameOf(ctx, req.inspectorId)} 不在 ${ctx.enterprise(req.enterpriseId).name} 的检查组中`,
    );
  const assignments =
    req.mode === 'REPLACEMENT'
      ? replacement(ctx, target, rnd)
      : req.mode === 'SWAP'
        ? swap(ctx, target, rnd)
        : expert(ctx, target, rnd);
  return { ...base.outputs, assignments, recused };
}

// ── ssj-draw/1 and /2: a fresh committed seed per recusal ────────────────────

export function recusalDigest(base: DrawRecordData, inputs: DrawInputs, req: RecusalRequest): string {
  return sha256Hex(
    canonicalJson({ base: { drawId: base.drawId, outputs: base.outputs }, inputs: inputDigest(inputs), request: req }),
  );
}

function seedRecusal(base: DrawRecordData, inputs: DrawInputs, req: RecusalRequest, key: string): DrawOutputs {
  if (!req.reason.trim()) throw new DrawInputError('reason', '请写明利害关系（回避理由）');
  const recused = [
    ...base.outputs.recused,
    { inspectorId: req.inspectorId, enterpriseId: req.enterpriseId, reason: req.reason },
  ];
  const r: Request = { ...req, withId: req.withId, locked: req.locked ?? [] };
  const rnd = new DrawRandom(key, `recusal:${req.enterpriseId}:${req.inspectorId}`);
  return computeRecusal(base, inputs, r, recused, rnd, false);
}

export function resolveRecusal(
  base: DrawRecordData,
  inputs: DrawInputs,
  req: RecusalRequest,
  newDrawId: string,
  reveal: SeedReveal,
): DrawRecordData {
  if (sha256Hex(reveal.seed) !== reveal.commitment)
    throw new DrawInputError('seed', '随机种子与抽取前公布的承诺值不符');
  // An initial record names its snapshot's digest; a recusal record binds it inside its own digest.
  if (base.kind === 'INITIAL' && inputDigest(inputs) !== base.inputDigest)
    throw new DrawInputError('inputs', `不是 ${base.drawId} 抽取时的名录快照`);
  const digest = recusalDigest(base, inputs, req);
  const witness = reveal.witness ?? '';
  return {
    algorithmVersion: SEED_VERSION,
    drawId: newDrawId,
    kind: 'RECUSAL',
    supersedes: base.drawId,
    seedCommitment: reveal.commitment,
    seed: reveal.seed,
    witness,
    inputDigest: digest,
    outputs: seedRecusal(base, inputs, req, drawKey(reveal.seed, witness, digest)),
  };
}

export function verifyRecusal(
  record: DrawRecordData,
  base: DrawRecordData,
  inputs: DrawInputs,
  req: RecusalRequest,
): Verification {
  const problems: string[] = [];
  // Recusal is the same in ssj-draw/1 and /2; the version only has to be one of them.
  if (!isAlgorithmVersion(record.algorithmVersion) || record.algorithmVersion === 'ssj-draw/3')
    problems.push(`算法版本 ${record.algorithmVersion} 本程序无法重算`);
  if (record.supersedes !== base.drawId)
    problems.push(`此记录接替的是 ${record.supersedes}，应为前一条记录 ${base.drawId}`);
  if (sha256Hex(record.seed) !== record.seedCommitment) problems.push('随机种子与抽取前公布的承诺值不符');
  const digest = recusalDigest(base, inputs, req);
  if (digest !== record.inputDigest)
    problems.push('回避记录的校验值与重新计算的不一致：前一条记录、名录或回避申请已不是回避时的');
  if (!problems.length) {
    const again = seedRecusal(base, inputs, req, drawKey(record.seed, record.witness, digest));
    if (canonicalJson(again) !== canonicalJson(record.outputs))
      problems.push('重新计算的回避后的结果与记录不一致：记录的结果不是由前一条记录和回避申请算出的');
  }
  return { ok: problems.length === 0, problems };
}

// ── ssj-draw/3: determined by the draw's key and the structured request ──────

/** SHA-256 of canonicalJson({base: {drawId, outputs}, inputDigest, request, version}). */
export function recusalDigestV3(
  base: { drawId: string; outputs: DrawOutputs },
  root: DrawRecordV3,
  req: RecusalRequestV3,
): string {
  return sha256Hex(
    canonicalJson({
      base: { drawId: base.drawId, outputs: base.outputs },
      inputDigest: root.inputDigest,
      request: req,
      version: 'ssj-draw/3',
    }),
  );
}

/** The sequence the next recusal after `base` must carry: 1 after the initial record. */
export function nextSequence(base: DrawRecordV3 | RecusalRecordV3): number {
  return base.kind === 'INITIAL' ? 1 : base.request.sequence + 1;
}

function recusalV3Outputs(
  root: DrawRecordV3,
  base: DrawRecordV3 | RecusalRecordV3,
  f: FrozenInputs,
  req: RecusalRequestV3,
): DrawOutputs {
  const recused = [...base.outputs.recused, { inspectorId: req.inspectorId, enterpriseId: req.enterpriseId }];
  const rnd = new DrawRandom(drawKeyV3(keyMaterial(root)), `recusal:${req.sequence}`);
  const r: Request = { ...req, withId: req.withId ?? undefined };
  return computeRecusal(base, engineInputs(f), r, recused, rnd, true);
}

function requestProblems(base: DrawRecordV3 | RecusalRecordV3, req: RecusalRequestV3): string[] {
  const problems: string[] = [];
  if (req.sequence !== nextSequence(base)) problems.push(`回避序号应为 ${nextSequence(base)}，不是 ${req.sequence}`);
  const sorted = [...new Set(req.locked)].sort((a, b) => a - b);
  if (canonicalJson(sorted) !== canonicalJson(req.locked)) problems.push('已备案的企业编号须从小到大排列、不重复');
  return problems;
}

export function resolveRecusalV3(
  root: DrawRecordV3,
  base: DrawRecordV3 | RecusalRecordV3,
  f: FrozenInputs,
  req: RecusalRequestV3,
): RecusalRecordV3 {
  const problems = requestProblems(base, req);
  if (problems.length) throw new DrawInputError('request', problems.join('；'));
  if (frozenDigest(f) !== root.inputDigest) throw new DrawInputError('inputs', `不是 ${root.drawId} 冻结时的名录快照`);
  return {
    algorithmVersion: 'ssj-draw/3',
    drawId: `${root.drawId}/r${req.sequence}`,
    kind: 'RECUSAL',
    supersedes: base.drawId,
    root: root.drawId,
    request: req,
    inputDigest: recusalDigestV3(base, root, req),
    outputs: recusalV3Outputs(root, base, f, req),
  };
}

export function verifyRecusalV3(
  record: RecusalRecordV3,
  root: DrawRecordV3,
  base: DrawRecordV3 | RecusalRecordV3,
  f: FrozenInputs,
): Verification {
  const problems: string[] = [];
  if (record.algorithmVersion !== 'ssj-draw/3')
    problems.push(`算法版本为 ${record.algorithmVersion}，应为 ssj-draw/3（回避沿用所属抽取的版本）`);
  if (record.supersedes !== base.drawId)
    problems.push(`此记录接替的是 ${record.supersedes}，应为前一条记录 ${base.drawId}`);
  if (record.root !== root.drawId) problems.push(`所属抽取为 ${record.root}，应为 ${root.drawId}`);
  if (record.drawId !== `${root.drawId}/r${record.request.sequence}`)
    problems.push(`记录编号为 ${record.drawId}，按回避序号应为 ${root.drawId}/r${record.request.sequence}`);
  problems.push(...requestProblems(base, record.request));
  if (recusalDigestV3(base, root, record.request) !== record.inputDigest)
    problems.push('回避记录的校验值与重新计算的不一致：前一条记录、名录或回避申请已不是回避时的');
  if (!problems.length) {
    const again = recusalV3Outputs(root, base, f, record.request);
    if (canonicalJson(again) !== canonicalJson(record.outputs))
      problems.push('重新计算的回避后的结果与记录不一致：记录的结果不是由前一条记录和回避申请算出的');
  }
  return { ok: problems.length === 0, problems };
}
