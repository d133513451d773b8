// Draw activities: commit a seed, freeze the roster and draw, and resolve
// recusals into superseding records. Records are never edited.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/client.ts';
import {
  DrawInputError,
  InfeasibleDrawError,
  newSeed,
  type RecusalRequest,
  resolveRecusal,
  runDraw,
} from '../draw/index.ts';
import type { DrawRule } from '../draw/rule.ts';
import type { Assignment, DrawRecordData } from '../draw/types.ts';
import { recordFromRow, snapshotFromRow } from '../records/draws.ts';
import type { DeclareConflict, TeamMember } from '../workflows/inspection/types.ts';
import { auditActivities, changeWithAudit, type Tx } from './audit.ts';
import type { ActivityDeps } from './deps.ts';
import { memberRow } from './members.ts';
import { buildSnapshot } from './snapshot.ts';

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

/** One audit key per recusal: a retried recusal files nothing twice. */
const recusalKey = (inspectionId: number, inspectorId: number) => `recusal:${inspectionId}:${inspectorId}`;

export function drawActivities(deps: ActivityDeps) {
  const { db } = deps;
  const { appendAudit } = auditActivities(deps);

  /** Step 1 of the protocol: a sealed seed, its commitment published before the roster is frozen. */
  async function commitSeed(drawId: string, actor: string): Promise<string> {
    const entry = (commitment: string) => ({
      key: `commit:${drawId}`,
      actor,
      action: 'draw.commit',
      subjectType: 'draw',
      subjectId: drawId,
      details: { commitment },
    });
    const existing = await db.drawCommitment.findUnique({ where: { drawId } });
    if (existing) {
      // Keyed: files nothing twice, and files a commitment an older build stored without its entry.
      await appendAudit(entry(existing.commitment));
      return existing.commitment;
    }
    const sealed = seedRow();
    await changeWithAudit(
      db,
      entry(sealed.commitment),
      (tx) => tx.drawCommitment.create({ data: { drawId, ...sealed } }),
      {
        now: deps.now,
      },
    );
    return sealed.commitment;
  }

  function seedRow() {
    const { seed, commitment } = newSeed();
    return { seed, commitment };
  }

  /** Steps 2–5: freeze, reveal, draw, record. Idempotent by drawId. */
  async function performDraw(a: {
    drawId: string;
    planRoundId: number | null;
    drawDate: string;
    rule: DrawRule;
    witness: string;
    actor: string;
  }): Promise<{ drawId: string; inputDigest: string; inspections: DrawnInspection[] }> {
    let row = await db.drawRecord.findUnique({ where: { id: a.drawId } });
    if (!row) {
      const sealed = await db.drawCommitment.findUnique({ where: { drawId: a.drawId } });
      if (!sealed) throw ApplicationFailure.nonRetryable(`draw ${a.drawId}: commit a seed first`, 'DrawInputError');
      const inputs = await buildSnapshot(db, a.drawId, a.drawDate, a.rule);
      let record: DrawRecordData;
      try {
        record = runDraw(inputs, { seed: sealed.seed, commitment: sealed.commitment, witness: a.witness });
      } catch (e) {
        asFailure(e);
      }
      const entry = {
        key: `draw:${a.drawId}`,
        actor: a.actor,
        action: 'draw.record',
        subjectType: 'draw',
        subjectId: a.drawId,
        details: { inputDigest: record.inputDigest, seed: record.seed, drawn: record.outputs.assignments.length },
      };
      const data = {
        id: a.drawId,
        planRoundId: a.planRoundId,
        kind: 'INITIAL' as const,
        algorithmVersion: record.algorithmVersion,
        seedCommitment: record.seedCommitment,
        seed: record.seed,
        inputDigest: record.inputDigest,
        inputs: { ...inputs, witness: a.witness } as object,
        outputs: record.outputs as object,
        createdBy: a.actor,
      };
      // With its entry, in one transaction: a crash between the two would leave a draw that
      // every retry finds and returns, never filed.
      row = await changeWithAudit(db, entry, (tx) => tx.drawRecord.create({ data }), { now: deps.now });
    }
    const outputs = row.outputs as unknown as DrawRecordData['outputs'];
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
    return { drawId: row.id, inputDigest: row.inputDigest, inspections };
  }

  /** The newest record of a draw's chain (the one nothing supersedes). */
  async function chainHead(rootId: string) {
    const chain = await db.drawRecord.findMany({
      where: { OR: [{ id: rootId }, { id: { startsWith: `${rootId}/r` } }] },
    });
    const superseded = new Set(chain.map((r) => r.supersedesId).filter(Boolean));
    const head = chain.find((r) => !superseded.has(r.id));
    if (!head) throw new Error(`draw ${rootId} not found`);
    return { head, length: chain.length, root: chain.find((r) => r.id === rootId) };
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

  function changedAssignments(before: DrawRecordData['outputs'], after: DrawRecordData['outputs']) {
    return after.assignments.filter((a) => {
      const b = before.assignments.find((x) => x.enterpriseId === a.enterpriseId);
      return JSON.stringify(b) !== JSON.stringify(a);
    });
  }

  /** A recusal of a drawn inspection: the record superseding the head, and the recusal pointing at it. */
  async function storeRecusal(
    tx: Tx,
    next: DrawRecordData,
    head: { id: string; planRoundId: number | null },
    request: RecusalRequest,
    req: DeclareConflict & { inspectionId: number },
  ) {
    await tx.drawRecord.create({
      data: {
        id: next.drawId,
        planRoundId: head.planRoundId,
        kind: 'RECUSAL',
        algorithmVersion: next.algorithmVersion,
        seedCommitment: next.seedCommitment,
        seed: next.seed,
        inputDigest: next.inputDigest,
        inputs: { base: head.id, request: request as object },
        outputs: next.outputs as object,
        supersedesId: head.id,
        createdBy: req.actor,
      },
    });
    await tx.recusal.create({
      data: {
        inspectionId: req.inspectionId,
        inspectorId: req.inspectorId,
        reason: req.reason,
        resolution: req.mode,
        drawRecordId: next.drawId,
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
        const { head, length, root } = await chainHead(rootId);
        if (!root) throw new Error(`draw ${rootId} not found`);
        const locked = (
          await db.inspection.findMany({ where: { drawRecordId: rootId, stage: { not: 'RECUSAL' } } })
        ).map((i) => i.enterpriseId);
        const drawInputs = snapshotFromRow(root);
        const request: RecusalRequest = {
          enterpriseId,
          inspectorId: req.inspectorId,
          reason: req.reason,
          mode: req.mode,
          withId: req.withId,
          locked,
        };
        let next: DrawRecordData;
        try {
          next = resolveRecusal(recordFromRow(head), drawInputs, request, `${rootId}/r${length}`, newSeed());
        } catch (e) {
          asFailure(e);
        }
        try {
          // The new record, the recusal and its audit entry commit together.
          await changeWithAudit(
            db,
            entry(next.drawId),
            (tx) => storeRecusal(tx, next, head, request, { ...req, inspectionId }),
            {
              now: deps.now,
            },
          );
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
    const before = (rec.supersedes?.outputs ?? { assignments: [] }) as unknown as DrawRecordData['outputs'];
    const changed = await applyTeams(
      rootId,
      rec.id,
      changedAssignments(before, rec.outputs as unknown as DrawRecordData['outputs']),
    );
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
        'withId: a non-random inspection needs the replacement inspector or expert named',
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
      { now: deps.now },
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

  return { commitSeed, performDraw, recuse };
}
