// bench/throughput: inspections driven end to end per second, beside a
// baseline workflow with the same number of Updates, no-op activities and
// no-op local activities, on the same server in the same run, and the CPU
// each used. Target: ≥ 0.7 of the baseline. A third half runs the inspection
// workflow with every activity a no-op that returns what the real one
// returned: it splits the gap into the workflow's own cost and the work its
// activities do (database, PDF, mail).
//   npm run bench:throughput        (THROUGHPUT_N=100 THROUGHPUT_CONCURRENCY=20;
//   BENCH_TEMPORAL_ADDRESS=host:port to use an external Temporal server,
//   BENCH_TEMPORAL_PID for its CPU figure)
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../src/activities/index.ts';
import { createMailer } from '../src/mail/transport.ts';
import { createWorker } from '../src/worker/index.ts';
import { testDeps } from '../test/support/deps.ts';
import { benchInput, driveInspection } from '../test/support/drive.ts';
import { testWorkerConverter } from '../test/support/payloadKeys.ts';
import { startBenchEnv } from '../test/support/privateStack.ts';
import { cpuSeconds, pool, serverLabel, table } from './lib/workers.ts';
import { baselineStep } from './workflows.ts';

const N = Number(process.env.THROUGHPUT_N ?? 100);
const C = Number(process.env.THROUGHPUT_CONCURRENCY ?? 20);

Runtime.install({ logger: new DefaultLogger('ERROR') });
const env = await startBenchEnv('throughput');
const connection = await NativeConnection.connect({ address: env.server.address });
const deps = testDeps(
  env.db,
  createMailer({ host: null, port: 0, secure: false, from: 'ssj@bench' }, env.mail.port),
  env.dataDir,
);
const workflowBundle = await bundleWorkflowCode({ workflowsPath: path.resolve(import.meta.dirname, 'workflows.ts') });
const activities = { ...createActivities(deps), noop: async () => undefined };
const worker = await createWorker({
  connection,
  namespace: 'default',
  taskQueue: env.taskQueue,
  deps,
  activities: timedActivities(activities),
  workflowBundle,
  dataConverter: testWorkerConverter(), // encrypted, as in production: the bench pays for the codec too
});
const running = worker.run();
// Workflow ids unique to this run: an external server keeps earlier runs' workflows.
const run = env.taskQueue;

/** Wall time spent in each activity type, to show where an inspection's time goes. */
const spent = new Map<string, { n: number; ms: number }>();
/** What each activity last returned, for the no-op half. */
const returned = new Map<string, unknown>();
function timedActivities<T extends Record<string, (...a: never[]) => Promise<unknown>>>(acts: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(acts))
    out[name] = async (...args: never[]) => {
      const t = performance.now();
      try {
        const result = await fn(...args);
        returned.set(name, result);
        return result;
      } finally {
        const e = spent.get(name) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t;
        spent.set(name, e);
      }
    };
  return out as T;
}

/** CPU of this process (worker, driver, SMTP listener) and of the server, per workflow, in ms. */
function cpuNow() {
  return {
    here: cpuSeconds(process.pid),
    server: cpuSeconds(env.server.pid ?? Number(process.env.BENCH_TEMPORAL_PID ?? 0)),
  };
}

/**
 * The inspection workflow on its own: a second worker whose activities do
 * nothing and return what the real ones returned in the shape run.
 */
async function workflowAlone<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const noops = Object.fromEntries(
    Object.keys(activities).map((k) => [k, async () => structuredClone(returned.get(k))]),
  );
  const taskQueue = `${env.taskQueue}-noop`;
  const w = await createWorker({
    connection,
    namespace: 'default',
    taskQueue,
    deps,
    activities: noops,
    workflowBundle,
  });
  const r = w.run();
  try {
    return await fn(taskQueue);
  } finally {
    w.shutdown();
    await r;
  }
}

async function timed(label: string, fn: (i: number) => Promise<void>) {
  const [t0, c0] = [performance.now(), cpuNow()];
  await pool(N, C, fn);
  const [s, c1] = [(performance.now() - t0) / 1000, cpuNow()];
  const perRun = (a: number, b: number) => (((b - a) * 1000) / N).toFixed(0);
  return { label, s, rate: N / s, cpu: `${perRun(c0.here, c1.here)} / ${perRun(c0.server, c1.server)}` };
}

try {
  // The shape of one inspection, counted from its own history.
  await driveInspection(env.client, env.taskQueue, await benchInput(env.db, `${run}-shape`, 1), env.dataDir, 1);
  const events = (await env.client.workflow.getHandle(`${run}-shape-1`).fetchHistory()).events ?? [];
  const shape = {
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
    localActivities: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
    updates: events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length,
  };
  const inspections = await timed('inspection (every stage, DB, PDF, mail)', async (i) => {
    await driveInspection(
      env.client,
      env.taskQueue,
      await benchInput(env.db, `${run}-tp`, i + 10),
      env.dataDir,
      i + 10,
    );
  });
  const alone = await workflowAlone((taskQueue) =>
    timed('inspection workflow alone (its activities no-ops)', async (i) => {
      await driveInspection(env.client, taskQueue, await benchInput(env.db, `${run}-wf`, i + 10), env.dataDir, i + 10);
    }),
  );
  const baseline = await timed('baseline (same Updates, no-op activities and local activities)', async (i) => {
    const h = await env.client.workflow.start('baseline', {
      taskQueue: env.taskQueue,
      workflowId: `${run}-baseline-${i}`,
      args: [shape],
    });
    for (let u = 0; u < shape.updates; u++) await h.executeUpdate(baselineStep);
    await h.result();
  });
  console.log(
    table([
      serverLabel(),
      ['workflows each, concurrency', `${N}, ${C}`],
      [
        'activities / local activities / Updates per inspection',
        `${shape.activities} / ${shape.localActivities} / ${shape.updates}`,
      ],
      [`${inspections.label}, per s`, inspections.rate.toFixed(2)],
      [`${baseline.label}, per s`, baseline.rate.toFixed(2)],
      ['ratio (target ≥ 0.7)', (inspections.rate / baseline.rate).toFixed(2)],
      [`${alone.label}, per s`, alone.rate.toFixed(2)],
      ['ratio of the workflow alone to the baseline', (alone.rate / baseline.rate).toFixed(2)],
      ['CPU ms per inspection: this process / server', inspections.cpu],
      ['CPU ms per inspection workflow alone: this process / server', alone.cpu],
      ['CPU ms per baseline workflow: this process / server', baseline.cpu],
    ]),
  );
  if (process.env.THROUGHPUT_PROFILE)
    for (const [name, e] of [...spent].sort((a, b) => b[1].ms - a[1].ms))
      console.log(`${name.padEnd(24)} ${String(e.n).padStart(6)} calls ${(e.ms / e.n).toFixed(1).padStart(8)} ms each`);
} finally {
  worker.shutdown();
  await running;
  await connection.close();
  await env.close();
}
