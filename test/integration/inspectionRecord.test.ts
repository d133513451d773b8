// The inspection page when its workflow cannot answer: the database's record
// stands in. First that record says what the workflow says, stage after stage
// (a recusal with a replacement, confirmations, the steps to the feedback
// card); then the page is shown from it, marked, with no step to take.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssignedInspection } from '../../src/client/start.ts';
import { chinaDate } from '../../src/shared/chinaTime.ts';
import { recordedState } from '../../src/web/inspectionRecord.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import type { InspectionState } from '../../src/workflows/inspection/types.ts';
import { demoInput, eventually } from '../support/inspection.ts';
import { useStack } from '../support/stack.ts';
import { browser, consoleWithDemoUsers } from '../support/webClient.ts';

/** What the page shows of a state, comparable between the workflow's answer and the record. */
function shown(s: InspectionState) {
  const byId = <T extends { id: number }>(xs: T[]) => [...xs].sort((a, b) => a.id - b.id);
  return {
    stage: s.stage,
    team: byId(s.team),
    confirmed: [...s.confirmed].sort((a, b) => a - b),
    scheme: s.scheme,
    scheduledDate: s.scheduledDate,
    endedOn: s.endedOn,
    problemsFound: s.problemsFound,
    deadlines: s.deadlines
      .map((d) => ({ kind: d.kind, dueAt: d.dueAt, met: d.status === 'MET' }))
      .sort((a, b) => a.kind.localeCompare(b.kind)),
    escalations: s.escalations.length,
    // The workflow's own notes (a team change sent by another inspection, a recount) are not in the record.
    steps: s.history
      .filter((h) => h.kind !== 'teamChanged' && h.kind !== 'calendarChanged')
      .map((h) => [h.kind, h.actor === '' ? null : h.actor]),
  };
}

describe('the inspection as the database records it', () => {
  const stack = useStack();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await consoleWithDemoUsers(stack);
  });
  afterAll(() => app?.close());

  it('says what the workflow says, stage after stage', async () => {
    const input = await demoInput(stack.t.db, 'record-1');
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    const db = stack.t.db;
    const same = async () => {
      const live = await handle.query(m.stateQuery);
      const recorded = await recordedState(db, 'record-1', Date.now());
      expect(recorded && shown(recorded)).toEqual(shown(live));
      return live;
    };
    await eventually(async () => expect((await same()).deadlines).toHaveLength(1));
    const spare = await db.inspector.findFirstOrThrow({
      where: { id: { notIn: input.team.map((x) => x.id) }, certificateStatus: 'VALID', unitId: input.unitId },
    });
    const first = input.team[0]?.id as number;
    await handle.executeUpdate(m.confirmNoConflict, {
      args: [{ inspectorId: input.team[1]?.id as number, actor: '乙' }],
    });
    await handle.executeUpdate(m.declareConflict, {
      args: [
        { inspectorId: first, reason: '其配偶在该企业任职', mode: 'REPLACEMENT', withId: spare.id, actor: '法规股' },
      ],
    });
    await same();
    await handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: spare.id, actor: spare.name }] });
    await eventually(async () => expect((await same()).stage).toBe('SCHEME'));
    await handle.executeUpdate(m.submitScheme, { args: [{ scheme: '按检查方案实施', actor: '甲' }] });
    await handle.executeUpdate(m.chooseDate, { args: [{ date: '2026-11-27', actor: '甲' }] });
    const results = input.itemIds.map((itemId, k) => ({
      itemId,
      result: k === 0 ? ('PROBLEM' as const) : ('COMPLIANT' as const),
    }));
    await handle.executeUpdate(m.recordResults, {
      args: [{ endedOn: '2026-11-27', results, problems: '边坡超高', enterpriseOpinion: '无', actor: '甲' }],
    });
    const end = await eventually(async () => {
      const st = await same();
      expect(st.deadlines.map((d) => d.kind)).toContain('PUBLICATION');
      return st;
    });
    expect([end.stage, end.problemsFound]).toEqual(['FEEDBACK', true]);
    await handle.terminate('test done');
  });

  it('shows the page from the record, marked, with no step to take, when the workflow cannot answer', async () => {
    const input = await demoInput(stack.t.db, 'record-2', {}, 1);
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    await eventually(async () =>
      expect(await stack.t.db.deadlineRecord.count({ where: { inspection: { workflowId: 'record-2' } } })).toBe(1),
    );
    const staff = browser(app);
    await staff.login('fmg.staff');
    const live = (await staff.get('/inspections/record-2')).body;
    expect(live).toContain('/inspections/record-2/steps/');
    // Stopped from outside ssj (the Temporal UI or CLI): a step is refused in words, nothing stored.
    await handle.terminate('stopped by an operator');
    const refused = await staff.post('/inspections/record-2/steps/confirm', {
      inspectorId: String(input.team[0]?.id),
    });
    expect(refused.statusCode).toBe(400); // a refusal, as every refused step
    expect(refused.body).toContain('这项检查的流程已经结束或被停止，不能再办理步骤');
    expect(await stack.t.db.inspectionStep.count({ where: { inspection: { workflowId: 'record-2' } } })).toBe(0);
    // Its history gone (as a server with a day's retention did, src/temporal/retention.ts): the record stands in.
    const row = await stack.t.db.inspection.update({
      where: { workflowId: 'record-2' },
      data: { workflowId: 'record-2-gone' },
      include: { deadlines: true },
    });
    const res = await staff.get('/inspections/record-2-gone');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('流程服务中已没有这项检查的流程记录');
    expect(res.body).toContain('当前环节：<b>回避确认</b>');
    for (const x of input.team) expect(res.body).toContain(x.name);
    const due = chinaDate(row.deadlines[0]?.dueAt.getTime() ?? 0);
    expect(res.body).toContain(`<td>回避确认</td><td>${due}</td>`);
    expect(res.body).not.toContain('/steps/');
    // Its worker away (a workflow on a task queue nobody polls): the page waits 5 s, then shows the record.
    const away = await demoInput(stack.t.db, 'record-3', {}, 2);
    await startAssignedInspection(stack.h.client, `nobody-polls-${stack.h.taskQueue}`, away);
    await stack.t.db.inspection.create({
      data: {
        workflowId: 'record-3',
        origin: away.origin,
        unitId: away.unitId,
        enterpriseId: away.enterprise.id,
        stage: 'SCHEME',
      },
    });
    const waited = await staff.get('/inspections/record-3');
    expect(waited.statusCode).toBe(200);
    expect(waited.body).toContain('检查流程暂时没有应答，以下是数据库中记录的情况');
    expect(waited.body).toContain('当前环节：<b>检查方案</b>');
    expect(waited.body).not.toContain('/steps/');
    await stack.h.client.workflow.getHandle('record-3').terminate('test done');
    // Neither in Temporal nor in the database: still not found.
    expect((await staff.get('/inspections/no-such-inspection')).statusCode).toBe(404);
  });
});
