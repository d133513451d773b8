// Recusal (Art. 14): an inspector with a conflict of interest steps out of
// one inspection, either by swapping enterprises with another inspector, by
// handing his place to an expert, or by dropping out while the system draws a
// replacement. The result is a new record that supersedes the old one; the
// old one is never edited.
import { canonicalJson } from '../shared/canonical.ts';
import { type ConflictIndex, conflictIndex, pairConflict, pickLeastLoaded } from './assign.ts';
import { drawKey, inputDigest, sha256Hex } from './digest.ts';
import type { SeedReveal, Verification } from './draw.ts';
import { inspectorExclusion } from './eligibility.ts';
import { DrawInputError, InfeasibleDrawError } from './errors.ts';
import { byId } from './order.ts';
import { DrawRandom } from './random.ts';
import {
  ALGORITHM_VERSION,
  type Assignment,
  type Conflict,
  type DrawInputs,
  type DrawOutputs,
  type DrawRecordData,
  type EnterpriseSnapshot,
  type InspectorSnapshot,
  isAlgorithmVersion,
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

interface Ctx {
  inputs: DrawInputs;
  base: DrawOutputs;
  req: RecusalRequest;
  conflicts: ConflictIndex;
  byId: Map<number, InspectorSnapshot>;
  enterprise: (id: number) => EnterpriseSnapshot;
}

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
  const load = new Map<number, number>();
  for (const a of ctx.base.assignments) for (const id of a.inspectorIds) load.set(id, (load.get(id) ?? 0) + 1);
  const candidates = byId(ctx.inputs.inspectors).filter(
    (i) =>
      !inspectorExclusion(i, ctx.inputs.drawDate) &&
      !target.inspectorIds.includes(i.id) &&
      allowedAt(ctx, i, req.enterpriseId) &&
      meetsQuotas(ctx, withTeam(target, [...remaining, i.id])),
  );
  const pick = pickLeastLoaded(candidates, load, rnd);
  if (!pick)
    throw new InfeasibleDrawError([
      `no eligible replacement for inspector ${req.inspectorId} at enterprise ${req.enterpriseId}`,
    ]);
  return ctx.base.assignments.map((a) => (a === target ? withTeam(a, [...remaining, pick.id]) : a));
}

function swap(ctx: Ctx, target: Assignment, rnd: DrawRandom): Assignment[] {
  const { req } = ctx;
  const recused = ctx.byId.get(req.inspectorId) as InspectorSnapshot;
  const options: { other: Assignment; x: number; mine: Assignment; theirs: Assignment }[] = [];
  for (const other of ctx.base.assignments) {
    if (other === target || other.inspectorIds.includes(req.inspectorId)) continue;
    if (req.locked?.includes(other.enterpriseId)) continue;
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
        ? `no inspector can swap with ${recused.name} without breaking a quota or a conflict rule`
        : `inspector ${req.withId} cannot swap with ${recused.name}: not on another team, conflicted, or a quota would break`,
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
      `no active expert can take the place of inspector ${req.inspectorId} and keep the quotas`,
    ]);
  return ctx.base.assignments.map((a) => (a === target ? withTeam(a, remaining, [...a.expertIds, chosen.id]) : a));
}

export function recusalDigest(base: DrawRecordData, inputs: DrawInputs, req: RecusalRequest): string {
  return sha256Hex(
    canonicalJson({ base: { drawId: base.drawId, outputs: base.outputs }, inputs: inputDigest(inputs), request: req }),
  );
}

function computeRecusal(base: DrawRecordData, inputs: DrawInputs, req: RecusalRequest, key: string): DrawOutputs {
  const target = base.outputs.assignments.find((a) => a.enterpriseId === req.enterpriseId);
  if (!target) throw new DrawInputError('enterpriseId', `${req.enterpriseId} was not drawn in ${base.drawId}`);
  if (!target.inspectorIds.includes(req.inspectorId))
    throw new DrawInputError('inspectorId', `${req.inspectorId} is not on the team for enterprise ${req.enterpriseId}`);
  if (!req.reason.trim()) throw new DrawInputError('reason', 'state the conflict of interest (回避理由)');
  const recused: Conflict[] = [
    ...base.outputs.recused,
    { inspectorId: req.inspectorId, enterpriseId: req.enterpriseId, reason: req.reason },
  ];
  const ctx: Ctx = {
    inputs,
    base: base.outputs,
    req,
    conflicts: conflictIndex([...inputs.conflicts, ...recused]),
    byId: new Map(inputs.inspectors.map((i) => [i.id, i])),
    enterprise: (id) => inputs.enterprises.find((e) => e.id === id) as EnterpriseSnapshot,
  };
  const rnd = new DrawRandom(key, `recusal:${req.enterpriseId}:${req.inspectorId}`);
  const assignments =
    req.mode === 'REPLACEMENT'
      ? replacement(ctx, target, rnd)
      : req.mode === 'SWAP'
        ? swap(ctx, target, rnd)
        : expert(ctx, target, rnd);
  return { ...base.outputs, assignments, recused };
}

export function resolveRecusal(
  base: DrawRecordData,
  inputs: DrawInputs,
  req: RecusalRequest,
  newDrawId: string,
  reveal: SeedReveal,
): DrawRecordData {
  if (sha256Hex(reveal.seed) !== reveal.commitment)
    throw new DrawInputError('seed', 'does not match its published commitment');
  // An initial record names its snapshot's digest; a recusal record binds it inside its own digest.
  if (base.kind === 'INITIAL' && inputDigest(inputs) !== base.inputDigest)
    throw new DrawInputError('inputs', `are not the snapshot ${base.drawId} was drawn from`);
  const digest = recusalDigest(base, inputs, req);
  const witness = reveal.witness ?? '';
  return {
    algorithmVersion: ALGORITHM_VERSION,
    drawId: newDrawId,
    kind: 'RECUSAL',
    supersedes: base.drawId,
    seedCommitment: reveal.commitment,
    seed: reveal.seed,
    witness,
    inputDigest: digest,
    outputs: computeRecusal(base, inputs, req, drawKey(reveal.seed, witness, digest)),
  };
}

export function verifyRecusal(
  record: DrawRecordData,
  base: DrawRecordData,
  inputs: DrawInputs,
  req: RecusalRequest,
): Verification {
  const problems: string[] = [];
  // Recusal is the same in every version so far; the version only has to be one this build knows.
  if (!isAlgorithmVersion(record.algorithmVersion))
    problems.push(`algorithm ${record.algorithmVersion} is not one this build can recompute`);
  if (record.supersedes !== base.drawId) problems.push(`supersedes ${record.supersedes}, not ${base.drawId}`);
  if (sha256Hex(record.seed) !== record.seedCommitment) problems.push('seed does not match its commitment');
  const digest = recusalDigest(base, inputs, req);
  if (digest !== record.inputDigest) problems.push('input digest differs from the record');
  if (!problems.length) {
    const again = computeRecusal(base, inputs, req, drawKey(record.seed, record.witness, digest));
    if (canonicalJson(again) !== canonicalJson(record.outputs))
      problems.push('recomputed outputs differ from the record');
  }
  return { ok: problems.length === 0, problems };
}
