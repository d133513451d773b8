// Draw rounds and annual plans on the real dev server: an ssj-draw/3 session
// published in order, a certified draw that verifies from its stored record
// (and in the independent verifier), one inspection per drawn enterprise
// (never two), and Art. 14 recusal by replacement and by swap.
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { startDrawRound } from '../../src/client/start.ts';
import { resolveRecusalV3 } from '../../src/draw/recusal.ts';
import type { DrawRecordV3, FrozenInputs, RecusalRecordV3 } from '../../src/draw/types.ts';
import { inputsOfRoot, recordFromRow, verifyStoredDraw } from '../../src/records/draws.ts';
import { annualPlan, planState, reviewPlan, submitPlan } from '../../src/workflows/annualPlan/workflow.ts';
import * as m3 from '../../src/workflows/drawRound/messages.ts';
import { drawRoundState } from '../../src/workflows/drawRound/workflow.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { driveSession, expectIndependentlyVerified } from '../support/drawSession.ts';
import { CALM_POLICY, demoRound, eventually } from '../support/inspection.ts';
import { expectReplays, recordHistories } from '../support/replay.ts';
import { useStack } from '../support/stack.ts';

describe('draw rounds and plans', () => {
  const stack = useStack();

  // Art. 13's example: 非煤矿山, teams of two with at least one specialist.
  const roundInput = (drawId: string) =>
    demoRound(stack.t.db, drawId, 'FMG', 'NON_COAL_MINE', {
      enterprises: { count: 3 },
      quotas: [{ specialty: 'NON_COAL_MINE', min: 1 }],
      itemsPerInspection: 3,
    });

  it('runs a session: commitments, then the frozen digest, then reveals and the public value; verifies; one inspection per enterprise', async () => {
    const input = await roundInput('DT-1');
    const handle = await startDrawRound(stack.h.client, stack.h.taskQueue, input);
    const { state: drawn, secrets } = await driveSession(stack.h.client, 'DT-1');
    expect(drawn.stage).toBe('DRAWN');
    expect(drawn.inspections).toHaveLength(3);

    // Published in this order: every commitment, the freeze with its digest, the reveals, the record.
    const entries = await stack.t.db.auditLog.findMany({ where: { subjectId: 'DT-1' }, orderBy: { id: 'asc' } });
    expect(entries.map((e) => e.action)).toEqual([
      'draw.session',
      'draw.commitment',
      'draw.commitment',
      'draw.freeze',
      'draw.reveal',
      'draw.reveal',
      'draw.revealsClosed',
      'draw.beaconEntered',
      'draw.beaconEntered',
      'draw.record',
    ]);
    const row = await stack.t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DT-1' } });
    expect(row.algorithmVersion).toBe('ssj-draw/3');
    expect((entries[3]?.details as { inputDigest?: string } | undefined)?.inputDigest).toBe(row.inputDigest);
    const entropy = row.entropy as { participants: { secret: string }[] };
    expect(entropy.participants.map((p) => p.secret)).toEqual([...secrets.values()].map((x) => x.replace(/-/g, '')));
    // The whole chain and the session's order check out, here and in the independent verifier.
    const checks = await verifyStoredDraw(stack.t.db, 'DT-1');
    expect(checks.map((c) => [c.kind, c.ok, c.problems])).toEqual([
      ['INITIAL', true, []],
      ['TIMELINE', true, []],
    ]);
    await expectIndependentlyVerified(stack.t.db, 'DT-1');

    await expect(
      handle.executeUpdate(m3.enterBeacon, { args: [{ participant: 'fagui', value: '1 2 3' }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await handle.result();
    for (const x of drawn.inspections) {
      const s = await eventually(() => stack.h.client.workflow.getHandle(x.workflowId).query(m.stateQuery));
      expect(s.stage).toBe('RECUSAL');
      expect(s.team.map((p) => p.id)).toEqual(x.team.map((p) => p.id));
    }
    // A retry of the same round cannot start a second one: the ID is the business key.
    await expect(startDrawRound(stack.h.client, stack.h.taskQueue, input)).rejects.toBeInstanceOf(
      WorkflowExecutionAlreadyStartedError,
    );
    expect(await stack.t.db.inspection.count({ where: { drawRecordId: 'DT-1' } })).toBe(3);
  });

  it('recuses by replacement and by swap from the draw’s own key: superseding, determined, verified', async () => {
    const input = await roundInput('DT-2');
    const handle = await startDrawRound(stack.h.client, stack.h.taskQueue, input);
    const { state: drawn } = await driveSession(stack.h.client, 'DT-2', { withhold: ['yhb.observer'] });
    await handle.result();
    const original = await stack.t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DT-2' } });
    // A withheld secret is recorded as withheld, never replaced.
    expect((original.entropy as { participants: { secret: string | null }[] }).participants[1]?.secret).toBeNull();
    const [first, second] = drawn.inspections;
    if (!first || !second) throw new Error('expected at least two inspections');
    const h1 = stack.h.client.workflow.getHandle(first.workflowId);
    await eventually(() => h1.query(m.stateQuery));

    const recused = first.team[0]?.id as number;
    const after = await h1.executeUpdate(m.declareConflict, {
      args: [{ inspectorId: recused, reason: '其近亲属为该企业股东', mode: 'REPLACEMENT', actor: recused.toString() }],
    });
    expect(after.team.map((p) => p.id)).not.toContain(recused);
    expect(after.team).toHaveLength(2);
    expect(after.drawId).toBe('DT-2/r1');
    const r1 = await stack.t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DT-2/r1' } });
    expect(r1.supersedesId).toBe('DT-2');
    expect(r1.seed).toBeNull(); // no new seed: determined by the draw's key and the request
    const filed = await stack.t.db.auditLog.findMany({ where: { action: 'draw.recusal', subjectId: 'DT-2/r1' } });
    expect(filed.map((e) => e.actor)).toEqual([recused.toString()]);
    // The request is structured; the reason is in the bureau's files, not in the record or its randomness.
    expect(JSON.stringify(r1.inputs)).not.toContain('股东');
    const again = resolveRecusalV3(
      recordFromRow(original) as DrawRecordV3,
      recordFromRow(original) as DrawRecordV3,
      inputsOfRoot(original) as FrozenInputs,
      (recordFromRow(r1) as RecusalRecordV3).request,
    );
    expect(again.outputs).toEqual(r1.outputs);

    const h2 = stack.h.client.workflow.getHandle(second.workflowId);
    await eventually(() => h2.query(m.stateQuery));
    const swapper = second.team[0]?.id as number;
    const swapped = await h2.executeUpdate(m.declareConflict, {
      args: [{ inspectorId: swapper, reason: '曾在该企业任职', mode: 'SWAP', actor: String(swapper) }],
    });
    expect(swapped.team.map((p) => p.id)).not.toContain(swapper);
    // The swapper now sits on another inspection of the same draw, which was told by signal.
    await eventually(async () => {
      const teams = await Promise.all(
        drawn.inspections
          .filter((x) => x.workflowId !== second.workflowId)
          .map((x) => stack.h.client.workflow.getHandle(x.workflowId).query(m.stateQuery)),
      );
      expect(teams.some((s) => s.team.some((p) => p.id === swapper))).toBe(true);
    });
    // Never edited, only superseded.
    const originalAgain = await stack.t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DT-2' } });
    expect(originalAgain.outputs).toEqual(original.outputs);
    expect(await stack.t.db.drawRecord.count({ where: { id: { startsWith: 'DT-2' } } })).toBe(3);
    expect((await verifyStoredDraw(stack.t.db, 'DT-2')).map((v) => [v.drawId, v.kind, v.ok])).toEqual([
      ['DT-2', 'INITIAL', true],
      ['DT-2/r1', 'RECUSAL', true],
      ['DT-2/r2', 'RECUSAL', true],
      ['DT-2', 'TIMELINE', true],
    ]);
    await expectIndependentlyVerified(stack.t.db, 'DT-2');
    const rec = await stack.t.db.recusal.findFirstOrThrow({ where: { inspectorId: recused } });
    expect(rec.reason).toBe('其近亲属为该企业股东');
  });

  it('runs an annual plan: preview, return with reasons, approve, escalate while late, start its rounds', async () => {
    const plan = await stack.t.db.annualPlan.findFirstOrThrow({
      where: { unit: { code: 'YJB' } },
      include: { rounds: true },
    });
    // Move its rounds into the past so they start at once.
    for (const r of plan.rounds)
      await stack.t.db.planRound.update({
        where: { id: r.id },
        data: {
          drawDate: new Date(Date.UTC(2026, 10, 20 + r.roundNo)),
          windowStart: new Date(Date.UTC(2026, 10, 1)),
          windowEnd: new Date(Date.UTC(2026, 10, 25)),
        },
      });
    const handle = await stack.h.client.workflow.start(annualPlan, {
      taskQueue: stack.h.taskQueue,
      workflowId: `plan:YJB:${plan.year}`,
      args: [
        {
          planId: plan.id,
          workflowId: `plan:YJB:${plan.year}`,
          approvalDue: '2026-12-31',
          approvalAfterMs: 1500,
          policy: { ...CALM_POLICY, remindBeforeMs: 700, leaderAfterMs: 60_000 },
        },
      ],
    });
    const initial = await eventually(async () => {
      const s = await handle.query(planState);
      expect(s.preview).not.toBeNull();
      return s;
    });
    expect(initial.preview?.inScope).toBeGreaterThan(30);
    expect(initial.preview?.coverage).toBeGreaterThan(0.3);
    expect(initial.preview?.coverage).toBeLessThan(1);
    await expect(
      handle.executeUpdate(reviewPlan, { args: [{ actor: '法规股', decision: 'APPROVE' }] }),
    ).rejects.toThrow();
    await handle.executeUpdate(submitPlan, { args: [{ actor: '应急办' }] });
    await expect(
      handle.executeUpdate(reviewPlan, { args: [{ actor: '法规股', decision: 'RETURN' }] }),
    ).rejects.toThrow();
    const returned = await handle.executeUpdate(reviewPlan, {
      args: [{ actor: '法规股', decision: 'RETURN', reasons: 'D 类企业抽查比例偏低' }],
    });
    expect(returned.status).toBe('RETURNED');
    await eventually(async () =>
      expect((await handle.query(planState)).escalations.map((e) => e.level)).toEqual(['REMINDER', 'SUPERVISOR']),
    );
    await handle.executeUpdate(submitPlan, { args: [{ actor: '应急办' }] });
    await handle.executeUpdate(reviewPlan, { args: [{ actor: '法规股', decision: 'APPROVE' }] });
    const done = await handle.result();
    expect(done.status).toBe('CLOSED');
    expect(done.rounds.every((r) => r.started)).toBe(true);
    const round1 = await eventually(() =>
      stack.h.client.workflow.getHandle(`draw:${done.rounds[0]?.drawId}`).query(drawRoundState),
    );
    expect(round1.stage).toBe('SETUP');
    const row = await stack.t.db.annualPlan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(row).toMatchObject({ status: 'CLOSED', approvedBy: '法规股', returnReason: 'D 类企业抽查比例偏低' });
    await expectReplays(stack.h.client, [`plan:YJB:${plan.year}`, 'draw:DT-1', 'draw:DT-2']);
    await recordHistories(stack.h.client, [`plan:YJB:${plan.year}`, 'draw:DT-1']);
    const esc = await stack.t.db.escalation.findMany({ where: { planId: plan.id } });
    expect(esc.map((e) => [e.level, e.recipient, e.resolvedAt !== null])).toEqual([
      ['REMINDER', 'yjb-leader@lstyjj.local', true],
      ['SUPERVISOR', 'yjb-leader@lstyjj.local', true],
    ]);
  });
});
