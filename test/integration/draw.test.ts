// Draw rounds and annual plans on the real dev server: a committed seed, a
// certified draw that verifies from its stored record, one inspection per
// drawn enterprise (never two), and Art. 14 recusal by redraw and by swap.
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { startDrawRound } from '../../src/client/start.ts';
import { verifyDraw } from '../../src/draw/draw.ts';
import { verifyRecusal } from '../../src/draw/recusal.ts';
import { recordFromRow, snapshotFromRow, verifyStoredDraw } from '../../src/records/draws.ts';
import { annualPlan, planState, reviewPlan, submitPlan } from '../../src/workflows/annualPlan.ts';
import { drawRoundState, runDrawUpdate } from '../../src/workflows/drawRound.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { CALM_POLICY, demoRound, eventually } from '../support/inspection.ts';
import { expectReplays } from '../support/replay.ts';
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

  it('commits, draws on 法规股’s command, verifies, and starts one inspection per enterprise', async () => {
    const input = await roundInput('DT-1');
    const handle = await startDrawRound(stack.h.client, stack.h.taskQueue, input);
    const awaiting = await eventually(async () => {
      const s = await handle.query(drawRoundState);
      expect(s.stage).toBe('AWAITING_DRAW');
      return s;
    });
    // The commitment was published (audit log) before the roster was frozen.
    const commit = await stack.t.db.auditLog.findFirstOrThrow({ where: { action: 'draw.commit', subjectId: 'DT-1' } });
    expect(commit.details).toEqual({ commitment: awaiting.seedCommitment });
    expect(await stack.t.db.drawRecord.count({ where: { id: 'DT-1' } })).toBe(0);

    const drawn = await handle.executeUpdate(runDrawUpdate, {
      args: [{ actor: '法规股 李明', witness: '骰子 3 5 2' }],
    });
    expect(drawn.stage).toBe('DRAWN');
    expect(drawn.inspections).toHaveLength(3);

    const row = await stack.t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DT-1' } });
    expect(recordFromRow(row).witness).toBe('骰子 3 5 2');
    expect(verifyDraw(recordFromRow(row), snapshotFromRow(row))).toEqual({ ok: true, problems: [] });
    const recorded = await stack.t.db.auditLog.findFirstOrThrow({
      where: { action: 'draw.record', subjectId: 'DT-1' },
    });
    expect(recorded.id).toBeGreaterThan(commit.id);

    await expect(handle.executeUpdate(runDrawUpdate, { args: [{ actor: 'x' }] })).rejects.toBeInstanceOf(
      WorkflowUpdateFailedError,
    );
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

  it('recuses by redraw and by swap, superseding the record and telling the other inspection', async () => {
    const input = await roundInput('DT-2');
    const handle = await startDrawRound(stack.h.client, stack.h.taskQueue, input);
    await eventually(async () => expect((await handle.query(drawRoundState)).stage).toBe('AWAITING_DRAW'));
    const drawn = await handle.executeUpdate(runDrawUpdate, { args: [{ actor: '法规股' }] });
    await handle.result();
    const original = await stack.t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DT-2' } });
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
    const filed = await stack.t.db.auditLog.findMany({ where: { action: 'draw.recusal', subjectId: 'DT-2/r1' } });
    expect(filed.map((e) => e.actor)).toEqual([recused.toString()]);
    const req = (r1.inputs as unknown as { request: Parameters<typeof verifyRecusal>[3] }).request;
    expect(verifyRecusal(recordFromRow(r1), recordFromRow(original), snapshotFromRow(original), req).ok).toBe(true);

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
    // The whole chain — the draw and both recusals — recomputes from the stored records.
    expect((await verifyStoredDraw(stack.t.db, 'DT-2')).map((v) => [v.drawId, v.kind, v.ok])).toEqual([
      ['DT-2', 'INITIAL', true],
      ['DT-2', 'COMMITMENT', true],
      ['DT-2/r1', 'RECUSAL', true],
      ['DT-2/r2', 'RECUSAL', true],
    ]);
    // And the recused inspector is a conflict for every later draw.
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
    expect(round1.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    const row = await stack.t.db.annualPlan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(row).toMatchObject({ status: 'CLOSED', approvedBy: '法规股', returnReason: 'D 类企业抽查比例偏低' });
    await expectReplays(stack.h.client, [`plan:YJB:${plan.year}`, 'draw:DT-1', 'draw:DT-2']);
    const esc = await stack.t.db.escalation.findMany({ where: { planId: plan.id } });
    expect(esc.map((e) => [e.level, e.recipient, e.resolvedAt !== null])).toEqual([
      ['REMINDER', 'yjb-leader@lstyjj.local', true],
      ['SUPERVISOR', 'yjb-leader@lstyjj.local', true],
    ]);
  });
});
