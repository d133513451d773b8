// Draw activities (docs/draw.md): file each step of a draw session, freeze a
// round's inputs under the draw lock, draw from the frozen snapshot with the
// session's entropy, and resolve recusals into superseding records. Records
// and snapshots are never edited; every write commits with its audit entry.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/client.ts';
import { frozenDigest, newSeed } from '../draw/digest.ts';
import { codePointCompare } from '../draw/entropy.ts';
import { DrawInputError, InfeasibleDrawError } from '../draw/errors.ts';
import { nextSequence, type RecusalRequest, resolveRecusal, resolveRecusalV3 } from '../draw/recusal.ts';
import { type DrawRule, normalizeRule } from '../draw/rule.ts';
import type {
  Assignment,
  DrawOutputs,
  DrawRecordData,
  DrawRecordV3,
  Entropy,
  FrozenInputs,
  RecusalRecordV3,
} from '../draw/types.ts';
import { drawV3, freezePlan } from '../draw/v3.ts';
import { chainRows, inputsOfRoot, recordFromRow } from '../records/draws.ts';
import type { DeclareConflict, TeamMember } from '../workflows/inspection/types.ts';
import { auditActivities, changeWithAudit, type Tx } from './audit.ts';
import type { ActivityDeps } from './deps.ts';
import { memberRow } from './members.ts';
import { art15Counts, frozenInputs } from './snapshot.ts';

export interface DrawnInspection {
  enterprise: { id: number; name: string; creditCode: string };
  team: TeamMember[];
  itemIds: number[];
}

export interface RecusalOutcome {
  team: TeamMember[];
  drawId: string | null;
  /** Other inspections of the same draw whose team a swap changed. */
  changed: { workflowId: string; team: TeamMember[] }[];
}

/** A session step as the audit log files it (docs/draw.md, section 10): all but the freeze and the record. */
export interface SessionStep {
  drawId: string;
  session: number;
  action: 'draw.session' | 'draw.commitment' | 'draw.reveal' | 'draw.revealsClosed' | 'draw.beaconEntered';
  actor: string;
  /** Whose step it is, for the idempotency key (a participant, or the operator). */
  who: string;
  details: Record<string, unknown>;
}

export interface FreezeArgs {
  drawId: string;
  session: number;
  /** The year Art. 15 counts in: the year the round's inspections take place (its window's start). */
  year: number;
  drawDate: string;
  rule: DrawRule;
  participants: { participant: string; name: string; commitment: string }[];
  beacon: Omit<Entropy['beacon'], 'value' | 'canonical'>;
  actor: string;
}

export interface DrawArgs {
  drawId: string;
  session: number;
  /** As in FreezeArgs: the selections count in the year the inspections take place. */
  year: number;
  planRoundId: number | null;
  actor: string;
  reveals: { participant: string; secret: string | null }[];
  beaconValue: string;
  beaconCanonical: string;
}

export type DrawOutcome =
  | { ok: true; drawId: string; inputDigest: string; inspections: DrawnInspection[] }
  | { ok: false; shortages: string[] };

/** Domain errors become non-retryable failures the workflow (and the user) can read. */
function asFailure(e: unknown): never {
  if (e instanceof InfeasibleDrawError || e instanceof DrawInputError)
    throw ApplicationFailure.nonRetryable(e.message, e.name);
  throw e;
}

async function teamOf(db: Db, a: Assignment): Promise<TeamMember[]> {
  const [inspectors, experts] = await Promise.all([
    db.inspector.findMany({ where: { id: { in: a.inspectorIds } } }),
    db.expert.findMany({ where: { id: { in: a.expertIds } } }),
  ]);
  const name = (xs: { id: number; name: string }[], id: number) => xs.find((x) => x.id === id)?.name ?? String(id);
  return [
    ...a.inspectorIds.map((id) => ({ kind: 'INSPECTOR' as const, id, name: name(inspectors, id) })),
    ...a.expertIds.map((id) => ({ kind: 'EXPERT' as const, id, name: name(experts, id) })),
  ];
}

/** Every freeze and every record write takes the lock first: Art. 15 counts are read and written by one at a time. */
const takeDrawLock = (tx: Tx) => tx.drawLock.update({ where: { id: 1 }, data: { version: { increment: 1 } } });

/** One audit key per recusal: a retried recusal files nothing twice. */
const recusalKey = (inspectionId: number, inspectorId: number) => `recusal:${inspectionId}:${inspectorId}`;

export function drawActivities(deps: ActivityDeps) {
  const { db } = deps;
  const { appendAudit } = auditActivities(deps);
  const now = { now: deps.now };

  /** File one step of a session (set-up, a commitment, a reveal, the close of reveals, a failure). */
  async function fileDrawStep(s: SessionStep): Promise<void> {
    await appendAudit({
      key: `${s.action}:${s.drawId}:${s.session}:${s.who}`,
      actor: s.actor,
      action: s.action,
      subjectType: 'draw',
      subjectId: s.drawId,
      details: { session: s.session, ...s.details },
    });
  }

  /**
   * Freeze the round's inputs: under the draw lock, count this year's random
   * inspections (with other rounds' reservations), store the snapshot, reserve
   * the enterprises it may draw, and file its digest — one transaction.
   * Refused, with nothing stored, when no randomness could make it feasible.
   */
  async function freezeRound(a: FreezeArgs): Promise<{ inputDigest: string; frozenAt: string }> {
    const done = await db.drawFreeze.findUnique({
      where: { drawId_session: { drawId: a.drawId, session: a.session } },
    });
    if (done) return { inputDigest: done.inputDigest, frozenAt: done.frozenAt.toISOString() };
    const { year } = a;
    const row = await changeWithAudit(
      db,
      (frozen: { inputDigest: string }) => ({
        key: `draw.freeze:${a.drawId}:${a.session}`,
        actor: a.actor,
        action: 'draw.freeze',
        subjectType: 'draw',
        subjectId: a.drawId,
        details: {
          session: a.session,
          inputDigest: frozen.inputDigest,
          participants: a.participants.map((p) => ({ participant: p.participant, commitment: p.commitment })),
        },
      }),
      async (tx) => {
        await takeDrawLock(tx);
        const counts = await art15Counts(tx, year, a.drawId);
        const inputs = await frozenInputs(tx, a.drawId, a.drawDate, normalizeRule(a.rule), counts);
        const plan = freezePlan(inputs);
        if (plan.shortages.length) throw ApplicationFailure.nonRetryable(plan.shortages.join('；'), 'FreezeRefused');
        const frozen = await tx.drawFreeze.create({
          data: {
            drawId: a.drawId,
            session: a.session,
            inputDigest: frozenDigest(inputs),
            inputs: inputs as object,
            participants: a.participants as object,
            beacon: a.beacon as object,
            createdBy: a.actor,
            frozenAt: deps.now(),
          },
        });
        await tx.drawSelection.deleteMany({ where: { drawId: a.drawId } });
        await tx.drawSelection.createMany({
          data: plan.candidates.map((enterpriseId) => ({ drawId: a.drawId, enterpriseId, year, kind: 'RESERVED' })),
        });
        return frozen;
      },
      { timeout: 120_000, ...now },
    );
    return { inputDigest: row.inputDigest, frozenAt: row.frozenAt.toISOString() };
  }

  /**
   * A session that ends without a record (the rule could not be met, or
   * nobody revealed in time): filed with what it had, its reservations
   * released, in one transaction. The round goes on with a new session.
   */
  async function abandonSession(a: { drawId: string; session: number; reason: string; entropy?: Entropy }) {
    await changeWithAudit(
      db,
      {
        key: `draw.failed:${a.drawId}:${a.session}`,
        actor: 'system',
        action: 'draw.failed',
        subjectType: 'draw',
        subjectId: a.drawId,
        details: { session: a.session, reason: a.reason, ...(a.entropy ? { entropy: a.entropy } : {}) },
      },
      (tx) => tx.drawSelection.deleteMany({ where: { drawId: a.drawId, kind: 'RESERVED' } }),
      now,
    );
  }

  /** The session's entropy as the record holds it: every committed participant, withheld ones as null. */
  function entropyOf(frozen: { participants: unknown; beacon: unknown }, a: DrawArgs): Entropy {
    const committed = frozen.participants as FreezeArgs['participants'];
    const beacon = frozen.beacon as FreezeArgs['beacon'];
    return {
      session: a.session,
      participants: committed
        .map((p) => ({ ...p, secret: a.reveals.find((r) => r.participant === p.participant)?.secret ?? null }))
        .sort((x, y) => codePointCompare(x.participant, y.participant)),
      beacon: { ...beacon, value: a.beaconValue, canonical: a.beaconCanonical },
    };
  }

  /**
   * Draw from the frozen snapshot with the session's entropy, and store the
   * record with its selections (Art. 15) and its audit entry in one
   * transaction. A draw the rule cannot meet is filed as failed, its
   * reservations released, and reported — never retried with other numbers.
   */
  async function performDraw(a: DrawArgs): Promise<DrawOutcome> {
    let row = await db.drawRecord.findUnique({ where: { id: a.drawId } });
    if (!row) {
      const frozen = await db.drawFreeze.findUniqueOrThrow({
        where: { drawId_session: { drawId: a.drawId, session: a.session } },
      });
      const inputs = frozen.inputs as unknown as FrozenInputs;
      const entropy = entropyOf(frozen, a);
      let record: DrawRecordV3;
      try {
        record = drawV3(inputs, entropy, frozen.inputDigest);
      } catch (e) {
        if (!(e instanceof InfeasibleDrawError)) asFailure(e);
        const shortages = e.shortages;
        await abandonSession({ drawId: a.drawId, session: a.session, reason: shortages.join('；'), entropy });
        return { ok: false, shortages };
      }
      const { year } = a;
      const entry = {
        key: `draw:${a.drawId}`,
        actor: a.actor,
        action: 'draw.record',
        subjectType: 'draw',
        subjectId: a.drawId,
        details: {
          session: a.session,
          inputDigest: record.inputDigest,
          beacon: a.beaconValue,
          drawn: record.outputs.assignments.length,
        },
      };
      row = await changeWithAudit(
        db,
        entry,
        async (tx) => {
          await takeDrawLock(tx);
          const created = await tx.drawRecord.create({
            data: {
              id: a.drawId,
              planRoundId: a.planRoundId,
              kind: 'INITIAL',
              algorithmVersion: record.algorithmVersion,
              entropy: record.entropy as object,
              inputDigest: record.inputDigest,
              inputs: inputs as object,
              outputs: record.outputs as object,
              createdBy: a.actor,
            },
          });
          // The reservations become the selections: from now on they count against the cap.
          await tx.drawSelection.deleteMany({ where: { drawId: a.drawId } });
          await tx.drawSelection.createMany({
            data: record.outputs.assignments.map((x) => ({
              drawId: a.drawId,
              enterpriseId: x.enterpriseId,
              year,
              kind: 'DRAWN',
            })),
          });
          return created;
        },
        { timeout: 120_000, ...now },
      );
    }
    return { ok: true, drawId: row.id, inputDigest: row.inputDigest, inspections: await drawnInspections(row.outputs) };
  }

  async function drawnInspections(stored: unknown): Promise<DrawnInspection[]> {
    const outputs = stored as DrawOutputs;
    const enterprises = await db.enterprise.findMany({
      where: { id: { in: outputs.assignments.map((x) => x.enterpriseId) } },
    });
    const inspections: DrawnInspection[] = [];
    for (const x of outputs.assignments) {
      const e = enterprises.find((y) => y.id === x.enterpriseId);
      if (!e) throw new Error(`enterprise ${x.enterpriseId} vanished`);
      inspections.push({
        enterprise: { id: e.id, name: e.name, creditCode: e.creditCode },
        team: await teamOf(db, x),
        itemIds: x.itemIds,
      });
    }
    return inspections;
  }

  async function applyTeams(rootId: string, newId: string, assignments: Assignment[]) {
    const changed: RecusalOutcome['changed'] = [];
    for (const a of assignments) {
      const insp = await db.inspection.findFirst({ where: { drawRecordId: rootId, enterpriseId: a.enterpriseId } });
      if (!insp) continue;
      const team = await teamOf(db, a);
      await db.$transaction(async (tx) => {
        await tx.inspectionMember.updateMany({ where: { inspectionId: insp.id }, data: { active: false } });
        for (const m of team) await tx.inspectionMember.create({ data: memberRow(insp.id, m, newId) });
      });
      changed.push({ workflowId: insp.workflowId, team });
    }
    return changed;
  }

  function changedAssignments(before: DrawOutputs, after: DrawOutputs) {
    return after.assignments.filter((a) => {
      const b = before.assignments.find((x) => x.enterpriseId === a.enterpriseId);
      return JSON.stringify(b) !== JSON.stringify(a);
    });
  }

  /** The record a recusal adds to the chain: ssj-draw/3 from the draw's key; /1 and /2 from a fresh seed. */
  async function nextRecord(rootId: string, enterpriseId: number, req: DeclareConflict) {
    const rows = await chainRows(db, rootId);
    if (!rows) throw new Error(`draw ${rootId} not found`);
    const [root, head] = [rows[0], rows.at(-1)] as [NonNullable<typeof rows>[0], NonNullable<typeof rows>[0]];
    const locked = (await db.inspection.findMany({ where: { drawRecordId: rootId, stage: { not: 'RECUSAL' } } })).map(
      (i) => i.enterpriseId,
    );
    const base = recordFromRow(head);
    try {
      if (root.algorithmVersion === 'ssj-draw/3') {
        const request = {
          sequence: nextSequence(base as DrawRecordV3 | RecusalRecordV3),
          enterpriseId,
          inspectorId: req.inspectorId,
          mode: req.mode,
          withId: req.withId ?? null,
          locked: [...new Set(locked)].sort((x, y) => x - y),
        };
        const next = resolveRecusalV3(
          recordFromRow(root) as DrawRecordV3,
          base as DrawRecordV3 | RecusalRecordV3,
          inputsOfRoot(root) as FrozenInputs,
          request,
        );
        return { head, next, stored: { root: rootId, base: head.id, request } };
      }
      const request: RecusalRequest = { enterpriseId, ...req, locked };
      delete (request as { actor?: string }).actor;
      const next = resolveRecusal(
        base as DrawRecordData,
        inputsOfRoot(root) as Parameters<typeof resolveRecusal>[1],
        request,
        `${rootId}/r${rows.length}`,
        newSeed(),
      );
      return { head, next, stored: { base: head.id, request } };
    } catch (e) {
      asFailure(e);
    }
  }

  /** A recusal of a drawn inspection: the record superseding the head, and the recusal pointing at it. */
  async function storeRecusal(
    tx: Tx,
    n: NonNullable<Awaited<ReturnType<typeof nextRecord>>>,
    req: DeclareConflict & { inspectionId: number },
  ) {
    const seeded = n.next as Partial<DrawRecordData>;
    await tx.drawRecord.create({
      data: {
        id: n.next.drawId,
        planRoundId: n.head.planRoundId,
        kind: 'RECUSAL',
        algorithmVersion: n.next.algorithmVersion,
        seedCommitment: seeded.seedCommitment ?? null,
        seed: seeded.seed ?? null,
        inputDigest: n.next.inputDigest,
        inputs: n.stored as object,
        outputs: n.next.outputs as object,
        supersedesId: n.head.id,
        createdBy: req.actor,
      },
    });
    await tx.recusal.create({
      data: {
        inspectionId: req.inspectionId,
        inspectorId: req.inspectorId,
        reason: req.reason,
        resolution: req.mode,
        drawRecordId: n.next.drawId,
      },
    });
  }

  /** Art. 14 for a random inspection: a new record superseding the chain's head. */
  async function recuseDrawn(
    inspectionId: number,
    rootId: string,
    enterpriseId: number,
    req: DeclareConflict,
  ): Promise<RecusalOutcome> {
    const entry = (recordId: string) => ({
      key: recusalKey(inspectionId, req.inspectorId),
      actor: req.actor,
      action: 'draw.recusal',
      subjectType: 'draw',
      subjectId: recordId,
      details: { reason: req.reason, mode: req.mode },
    });
    const done = await db.recusal.findUnique({
      where: { inspectionId_inspectorId: { inspectionId, inspectorId: req.inspectorId } },
    });
    // Keyed: files nothing twice, and files a recusal an older build stored without its entry.
    if (done) await appendAudit(entry(done.drawRecordId as string));
    else {
      for (let attempt = 0; ; attempt++) {
        const n = await nextRecord(rootId, enterpriseId, req);
        try {
          // The new record, the recusal and its audit entry commit together.
          await changeWithAudit(db, entry(n.next.drawId), (tx) => storeRecusal(tx, n, { ...req, inspectionId }), now);
          break;
        } catch (e) {
          // Another recusal of the same draw won the race for this link: redo on the new head.
          if (attempt < 5 && /Unique constraint/i.test(String((e as Error).message))) continue;
          throw e;
        }
      }
    }
    const recusal = await db.recusal.findUniqueOrThrow({
      where: { inspectionId_inspectorId: { inspectionId, inspectorId: req.inspectorId } },
    });
    const rec = await db.drawRecord.findUniqueOrThrow({
      where: { id: recusal.drawRecordId as string },
      include: { supersedes: true },
    });
    const before = (rec.supersedes?.outputs ?? { assignments: [] }) as unknown as DrawOutputs;
    const changed = await applyTeams(rootId, rec.id, changedAssignments(before, rec.outputs as unknown as DrawOutputs));
    const own = await db.inspection.findUniqueOrThrow({ where: { id: inspectionId } });
    const ownTeam = changed.find((c) => c.workflowId === own.workflowId)?.team;
    if (!ownTeam) throw new Error(`recusal ${rec.id} did not change inspection ${own.workflowId}`);
    return {
      team: ownTeam,
      drawId: rec.id,
      changed: changed.filter((c) => c.workflowId !== own.workflowId),
    };
  }

  /** Art. 14 for an Art. 8 inspection (no draw): staff name the replacement. */
  async function recuseAssigned(inspectionId: number, req: DeclareConflict): Promise<RecusalOutcome> {
    if (req.mode === 'SWAP' || req.withId === undefined)
      throw ApplicationFailure.nonRetryable(
        '非随机抽查的回避须写明由哪位执法人员或专家替代（不能与其他检查组交换）',
        'DrawInputError',
      );
    const role = req.mode === 'EXPERT' ? 'EXPERT' : 'INSPECTOR';
    const entry = {
      key: recusalKey(inspectionId, req.inspectorId),
      actor: req.actor,
      action: 'inspection.recusal',
      subjectType: 'inspection',
      subjectId: String(inspectionId),
      details: { reason: req.reason, mode: req.mode, replacementId: req.withId, replacementRole: role },
    };
    await changeWithAudit(
      db,
      entry,
      async (tx) => {
        const done = await tx.recusal.findUnique({
          where: { inspectionId_inspectorId: { inspectionId, inspectorId: req.inspectorId } },
        });
        if (done) return;
        await tx.inspectionMember.updateMany({
          where: { inspectionId, inspectorId: req.inspectorId },
          data: { active: false },
        });
        await tx.inspectionMember.create({
          data: memberRow(inspectionId, { kind: role, id: req.withId as number, name: '' }, null),
        });
        await tx.recusal.create({
          data: {
            inspectionId,
            inspectorId: req.inspectorId,
            reason: req.reason,
            resolution: req.mode,
            replacementId: req.withId,
            replacementRole: role,
          },
        });
      },
      now,
    );
    const members = await db.inspectionMember.findMany({
      where: { inspectionId, active: true },
      include: { inspector: true, expert: true },
    });
    return {
      team: members.map((m) =>
        m.inspector
          ? { kind: 'INSPECTOR' as const, id: m.inspector.id, name: m.inspector.name }
          : { kind: 'EXPERT' as const, id: m.expert?.id as number, name: m.expert?.name ?? '' },
      ),
      drawId: null,
      changed: [],
    };
  }

  async function recuse(a: {
    inspectionId: number;
    drawId: string | null;
    enterpriseId: number;
    request: DeclareConflict;
  }): Promise<RecusalOutcome> {
    return a.drawId
      ? recuseDrawn(a.inspectionId, a.drawId, a.enterpriseId, a.request)
      : recuseAssigned(a.inspectionId, a.request);
  }

  return { fileDrawStep, freezeRound, performDraw, abandonSession, recuse };
}
