// Where pure timers decide, the time-skipping test server runs real
// calendar durations in moments: a plan for 2027 not approved by the end of
// 2026 (Art. 11) reminds the unit, escalates to its supervisor at the
// deadline, and to the bureau leader 48 hours later.
import fs from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadPolicy } from '../../src/config/policy.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { endOfChinaDay } from '../../src/shared/chinaTime.ts';
import { resolveTestServer, sdkExecutable } from '../../src/temporal/binary.ts';
import { createWorker } from '../../src/worker/index.ts';
import { annualPlan, planState } from '../../src/workflows/annualPlan/workflow.ts';
import { freshSqlite, type TestDb } from '../support/db.ts';
import { testDeps } from '../support/deps.ts';
import { eventually } from '../support/inspection.ts';
import { type MailHarness, startMailHarness } from '../support/mail.ts';

describe('plan approval deadline on the time-skipping server', () => {
  let t: TestDb;
  let mail: MailHarness;
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    [t, mail] = await Promise.all([freshSqlite(), startMailHarness()]);
    await seedDemo(t.db);
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: sdkExecutable(resolveTestServer()) },
    });
  });
  afterAll(async () => {
    await env?.teardown();
    await mail?.stop();
    await t?.drop();
  });

  it('reminds 24 h before 2026-12-31, escalates at the deadline and to the leader 48 h later', async () => {
    const plan = await t.db.annualPlan.findFirstOrThrow({ where: { unit: { code: 'WHG' } } });
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: 'ts-plan',
      deps: testDeps(t.db, mail.mailer),
      workflowBundle: { code: fs.readFileSync(inject('workflowBundlePath'), 'utf8') },
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(annualPlan, {
        taskQueue: 'ts-plan',
        workflowId: 'plan:WHG:2027',
        args: [
          {
            planId: plan.id,
            workflowId: 'plan:WHG:2027',
            approvalDue: '2026-12-31',
            policy: loadPolicy({}),
            searchAttributes: false,
          },
        ],
      });
      await eventually(async () => expect((await handle.query(planState)).preview).not.toBeNull());
      await env.sleep('40 days');
      const st = await eventually(async () => {
        const s = await handle.query(planState);
        expect(s.escalations.map((e) => e.level)).toEqual(['REMINDER', 'SUPERVISOR', 'LEADER']);
        return s;
      });
      const due = endOfChinaDay('2026-12-31');
      const [reminder, supervisor, leader] = st.escalations;
      // Each fires on its timer; `at` is stamped once the escalation is recorded, a moment later.
      const near = (at: number | undefined, expected: number) =>
        expect(Math.abs((at ?? 0) - expected)).toBeLessThan(5_000);
      near(reminder?.at, due - 24 * 3600_000);
      near(supervisor?.at, due);
      near(leader?.at, due + 48 * 3600_000);
      const rows = await t.db.escalation.findMany({ where: { planId: plan.id }, orderBy: { id: 'asc' } });
      expect(rows.map((r) => [r.level, r.recipient])).toEqual([
        ['REMINDER', 'whg-leader@lstyjj.local'],
        ['SUPERVISOR', 'whg-leader@lstyjj.local'],
        ['LEADER', 'leader@lstyjj.local'],
      ]);
      await eventually(async () => {
        const subjects = (await mail.parsed()).map((p) => p.subject ?? '');
        expect(subjects.filter((s) => s.includes('年度检查计划审定'))).toHaveLength(3);
      });
      await handle.terminate('test done');
    });
  });
});
