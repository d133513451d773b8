// Drive inspections through every stage as staff would, for bench scripts:
// a step that fails for want of a worker (or a server) is tried again; a step
// the workflow says was already taken counts as taken. Then read back each
// inspection's end state, with ids and timestamps left out so two runs compare.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { startAssignedInspection } from '../../src/client/start.ts';
import type { Db } from '../../src/db/client.ts';
import { storeScan } from '../../src/documents/scans.ts';
import { SA } from '../../src/shared/searchAttributes.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import type { InspectionInput } from '../../src/workflows/inspection/types.ts';
import { CALM_POLICY as CALM, PNG_BYTES as PNG } from './fixtures.ts';

/** Inspection n of a run: enterprises, teams and items vary with n; every third finds a problem. */
export async function benchInput(db: Db, prefix: string, n: number): Promise<InspectionInput> {
  const unit = await db.unit.findFirstOrThrow({ where: { code: 'FMG' } });
  const enterprises = await db.enterprise.findMany({ where: { sector: 'NON_COAL_MINE' }, orderBy: { id: 'asc' } });
  const inspectors = await db.inspector.findMany({ where: { unitId: unit.id }, orderBy: { id: 'asc' } });
  const items = await db.itemVersion.findMany({ where: { item: { sector: 'NON_COAL_MINE' } }, orderBy: { id: 'asc' } });
  return inspectionOf(`${prefix}-${n}`, n, { ...unit, inspectors }, enterprises, items);
}

type Named = { id: number; name: string };

/** An Art. 8 inspection by two of the unit's inspectors; enterprise, team and items picked by n from the lists. */
export function inspectionOf(
  workflowId: string,
  n: number,
  unit: { id: number; code: string; inspectors: Named[] },
  enterprises: (Named & { creditCode: string })[],
  items: { id: number }[],
): InspectionInput {
  const e = enterprises[n % enterprises.length] as (typeof enterprises)[0];
  const team = [0, 1].map((k) => unit.inspectors[(n + k) % unit.inspectors.length] as Named);
  return {
    workflowId,
    origin: 'COMPLAINT',
    originNote: '压力测试',
    unitId: unit.id,
    unitCode: unit.code,
    enterprise: { id: e.id, name: e.name, creditCode: e.creditCode },
    drawId: null,
    team: team.map((i) => ({ kind: 'INSPECTOR' as const, id: i.id, name: i.name })),
    itemIds: [0, 1, 2].map((k) => (items[(n + k) % items.length] as (typeof items)[0]).id),
    window: { start: '2026-11-26', end: '2026-12-31' },
    policy: CALM,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run a step until it is taken; a rejection saying it was already taken means an earlier try landed. */
async function step(run: () => Promise<unknown>, label: string, retries: { n: number }) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const msg = (e as Error).message + String((e as { cause?: Error }).cause?.message ?? '');
      if (/already|not (RECUSAL|SCHEME|INSPECTION|FEEDBACK|PUBLICATION|FOLLOW_UP)/.test(msg) && attempt > 0) return;
      if (attempt > 200) throw new Error(`${label}: gave up after ${attempt} tries: ${msg}`);
      retries.n++;
      await sleep(250 + Math.random() * 500);
    }
  }
}

/**
 * Wait for a stage, read from the workflow's search attributes: the server
 * answers from the workflow's state, without a workflow task. (A query is a
 * workflow task on the worker and the server each time, which made the
 * driver's polling a cost of the inspection in bench/throughput.)
 */
async function until(handle: WorkflowHandle, stage: string) {
  for (let k = 0; k < 2000; k++) {
    try {
      if ((await handle.describe()).typedSearchAttributes.get(SA.stage) === stage) return;
    } catch {
      // the server restarting (bench/chaos): wait
    }
    await sleep(150);
  }
  throw new Error(`${handle.workflowId}: never reached ${stage}`);
}

export async function driveInspection(
  client: Client,
  taskQueue: string,
  input: InspectionInput,
  dataDir: string,
  n: number,
  retries = { n: 0 },
): Promise<void> {
  const handle = await step(() => startAssignedInspection(client, taskQueue, input), 'start', retries).then(() =>
    client.workflow.getHandle(input.workflowId),
  );
  const problem = n % 3 === 0;
  for (const x of input.team)
    await step(
      () => handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: x.id, actor: x.name }] }),
      'confirm',
      retries,
    );
  await until(handle, 'SCHEME');
  await step(
    () => handle.executeUpdate(m.submitScheme, { args: [{ scheme: '按检查方案实施', actor: 'staff' }] }),
    'scheme',
    retries,
  );
  await step(
    () => handle.executeUpdate(m.chooseDate, { args: [{ date: '2026-11-27', actor: 'staff' }] }),
    'date',
    retries,
  );
  const results = input.itemIds.map((itemId, k) => ({
    itemId,
    result: problem && k === 0 ? ('PROBLEM' as const) : ('COMPLIANT' as const),
  }));
  await step(
    () =>
      handle.executeUpdate(m.recordResults, {
        args: [
          { endedOn: '2026-11-27', results, problems: problem ? '边坡超高' : '', enterpriseOpinion: '无', actor: 's' },
        ],
      }),
    'results',
    retries,
  );
  const scan = storeScan(dataDir, `card-${n}.png`, PNG, 'office');
  await step(() => handle.executeUpdate(m.uploadFeedbackCard, { args: [scan] }), 'feedbackCard', retries);
  await step(
    () =>
      handle.executeUpdate(m.confirmPublication, {
        args: [
          {
            platformEnteredOn: '2026-11-28',
            creditYongzhouOn: '2026-11-28',
            useOfResults: '归档',
            category: problem ? 'CORRECTED' : 'NO_PROBLEM',
            actor: 'p',
          },
        ],
      }),
    'publication',
    retries,
  );
  if (problem)
    await step(
      () =>
        handle.executeUpdate(m.decideFollowUp, {
          args: [{ decision: 'PENALTY', reasons: '违反矿山安全规程', publishedOn: '2026-11-30', actor: '法规股' }],
        }),
      'followUp',
      retries,
    );
  await handle.result();
}

/** What an inspection ended as, comparable across runs (no ids, no times). */
export async function endState(db: Db, workflowId: string) {
  const i = await db.inspection.findUniqueOrThrow({
    where: { workflowId },
    include: {
      steps: true,
      results: true,
      publication: true,
      followUp: true,
      emails: true,
      filing: true,
      feedbackCard: true,
      deadlines: true,
    },
  });
  return {
    stage: i.stage,
    steps: i.steps.map((s) => s.stepKey.replace(/:\d+$/, ':<id>')).sort(),
    results: i.results.map((r) => r.result).sort(),
    publication: i.publication ? (i.publication.content as Record<string, unknown>).useOfResults : null,
    followUp: i.followUp?.decision ?? null,
    emails: i.emails.map((e) => `${e.purpose}:${e.status}`).sort(),
    filingCopies: (i.filing?.copies as unknown[] | undefined)?.length ?? 0,
    feedbackCard: i.feedbackCard !== null,
    deadlines: i.deadlines.map((d) => `${d.kind}:${d.metAt ? 'met' : 'open'}`).sort(),
  };
}
