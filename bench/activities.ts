// bench/activities: the CPU one inspection's activities cost on their own,
// without Temporal — the same calls, in the same order, with the same
// arguments as the inspection workflow makes them (one problem in three),
// against the same SQLite database, PDF thread and SMTP listener. The
// difference between bench/throughput's inspection and baseline is this work
// plus what the workflow adds on the server (timers, search attributes).
//   npm run bench:activities        (ACTIVITIES_N=100)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities } from '../src/activities/index.ts';
import type { StepRecord } from '../src/activities/inspection.ts';
import { createDb, migrate } from '../src/db/client.ts';
import { storeScan } from '../src/documents/scans.ts';
import { startMailCapture } from '../src/mail/capture.ts';
import { createMailer } from '../src/mail/transport.ts';
import { seedDemo } from '../src/seed/demo.ts';
import type { DeadlineKind } from '../src/workflows/inspection/types.ts';
import { testDeps } from '../test/support/deps.ts';
import { benchInput } from '../test/support/drive.ts';
import { PNG_BYTES } from '../test/support/fixtures.ts';
import { table } from './lib/workers.ts';

const N = Number(process.env.ACTIVITIES_N ?? 100);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-activities-'));
const dbUrl = `file:${path.join(dir, 'ssj.db')}`;
await migrate(dbUrl);
const db = createDb(dbUrl);
await seedDemo(db);
const capture = await startMailCapture({ port: 0 });
const deps = testDeps(db, createMailer({ host: null, port: 0, secure: false, from: 'ssj@bench' }, capture.port), dir);
const acts = createActivities(deps);

/** CPU (user + system, every thread of this process) and wall time spent in each activity. */
const spent = new Map<string, { n: number; cpu: number; ms: number }>();
async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const [c0, t0] = [process.cpuUsage(), performance.now()];
  try {
    return await fn();
  } finally {
    const c = process.cpuUsage(c0);
    const e = spent.get(name) ?? { n: 0, cpu: 0, ms: 0 };
    Object.assign(e, { n: e.n + 1, cpu: e.cpu + (c.user + c.system) / 1000, ms: e.ms + performance.now() - t0 });
    spent.set(name, e);
  }
}

const DAY = 86_400_000;
async function oneInspection(n: number) {
  const input = await benchInput(db, `act-${n}`, n);
  const problem = n % 3 === 0;
  const id = await timed('openInspection', () => acts.openInspection(input));
  const step = (stepKey: string, stage: StepRecord['stage'], nextStage: StepRecord['nextStage'], payload?: object) =>
    timed('recordStep', () => acts.recordStep({ inspectionId: id, stepKey, stage, nextStage, actor: 's', payload }));
  const deadline = async (kind: DeadlineKind) => {
    const dueAt = Date.now() + DAY;
    await timed('recordDeadline', () => acts.recordDeadline({ inspectionId: id, kind, dueAt, metAt: null }));
    return () =>
      timed('recordDeadline', () => acts.recordDeadline({ inspectionId: id, kind, dueAt, metAt: Date.now() }));
  };
  const recusalMet = await deadline('RECUSAL');
  for (const t of input.team) await step(`confirm:${t.id}`, 'RECUSAL', 'RECUSAL', { inspectorId: t.id });
  await step('recusalClosed', 'RECUSAL', 'FILING', { team: input.team });
  await recusalMet();
  const filing = await timed('prepareFiling', () => acts.prepareFiling(id));
  await timed('sendEmail', () => acts.sendEmail(filing));
  await step('filing', 'FILING', 'SCHEME', { to: filing.to });
  const schemeMet = await deadline('SCHEME');
  await step('scheme', 'SCHEME', 'SCHEME', { scheme: '按检查方案实施' });
  await step('date', 'SCHEME', 'INSPECTION', { date: '2026-12-01' });
  await schemeMet();
  const inspectionMet = await deadline('INSPECTION');
  const results = input.itemIds.map((itemId, k) => ({
    itemId,
    result: problem && k === 0 ? ('PROBLEM' as const) : ('COMPLIANT' as const),
  }));
  await timed('saveResults', () =>
    acts.saveResults(id, { endedOn: '2026-12-01', results, problems: '', enterpriseOpinion: '无', actor: 's' }),
  );
  await step('results', 'INSPECTION', 'FEEDBACK', { endedOn: '2026-12-01' });
  await inspectionMet();
  const cardMet = await deadline('FEEDBACK_CARD');
  await timed('dueDate', () => acts.dueDate('2026-12-01', 7));
  const publicationMet = await deadline('PUBLICATION');
  const followUpMet = problem ? await deadline('FOLLOW_UP') : null;
  const scan = storeScan(dir, `card-${n}.png`, PNG_BYTES, 'office');
  const card = await timed('saveFeedbackCard', () => acts.saveFeedbackCard(id, scan));
  await timed('sendEmail', () => acts.sendEmail(card));
  await step('feedbackCard', 'FEEDBACK', 'PUBLICATION', { fileName: scan.fileName });
  await cardMet();
  const publication = {
    platformEnteredOn: '2026-12-02',
    creditYongzhouOn: '2026-12-02',
    useOfResults: '归档',
    actor: 'p',
  };
  await timed('savePublication', () => acts.savePublication(id, publication, '2026-12-10'));
  await step('publication', 'PUBLICATION', problem ? 'FOLLOW_UP' : 'DONE', publication);
  await publicationMet();
  if (followUpMet) {
    const decision = {
      decision: 'PENALTY' as const,
      reasons: '违反矿山安全规程',
      publishedOn: '2026-12-05',
      actor: 'f',
    };
    await timed('saveFollowUp', () => acts.saveFollowUp(id, decision));
    await step('followUp', 'FOLLOW_UP', 'DONE', decision);
    await followUpMet();
  }
}

try {
  await oneInspection(0); // warm: first PDF loads the font, first queries compile
  spent.clear();
  const [c0, t0] = [process.cpuUsage(), performance.now()];
  for (let i = 1; i <= N; i++) await oneInspection(i);
  const c = process.cpuUsage(c0);
  const perInspection = (x: number) => (x / N).toFixed(1);
  const rows: [string, string][] = [...spent]
    .sort((a, b) => b[1].cpu - a[1].cpu)
    .map(([name, e]) => [
      `${name} (${perInspection(e.n)} calls)`,
      `${perInspection(e.cpu)} ms CPU, ${perInspection(e.ms)} ms wall`,
    ]);
  console.log(
    table([
      ['inspections, one at a time', String(N)],
      [
        'whole inspection, CPU / wall',
        `${perInspection((c.user + c.system) / 1000)} ms / ${perInspection(performance.now() - t0)} ms`,
      ],
      ...rows,
    ]),
  );
} finally {
  await capture.stop();
  await db.$disconnect();
  await deps.mailer.close();
}
