// bench/scale: 10,000 concurrently open inspections (a province's year) on
// one worker process. Prints the worker's and the server's resident memory,
// the time to list overdue inspections (the console's query), and p50/p99 of
// a staff Update. Targets: worker RSS < 1 GiB, Update p99 < 200 ms, overdue
// list < 1 s.
//   npm run bench:scale   (SCALE_N=10000; BENCH_TEMPORAL_ADDRESS for an external server,
//   BENCH_TEMPORAL_PID for its memory: .tools/temporal-server/server.pid)
import { startAssignedInspection } from '../src/client/start.ts';
import * as m from '../src/workflows/inspection/messages.ts';
import { benchInput } from '../test/support/drive.ts';
import { startBenchEnv } from '../test/support/privateStack.ts';
import { percentile, pool, rssMiB, serverLabel, table, WorkerProcess } from './lib/workers.ts';

const N = Number(process.env.SCALE_N ?? 10_000);
const OVERDUE_EVERY = 100; // 1% get a two-second recusal deadline and slip
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const env = await startBenchEnv('scale');
const worker = new WorkerProcess(env);
// Peak as well as final: resident memory rises and falls with garbage collection.
let peakRss = 0;
let sampler: ReturnType<typeof setInterval> | undefined;
try {
  await worker.start();
  sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMiB(worker.pid));
  }, 500);
  const template = await Promise.all(Array.from({ length: 60 }, (_, k) => benchInput(env.db, 'scale', k)));
  const t0 = performance.now();
  await pool(N, 50, async (i) => {
    const base = template[i % template.length] as (typeof template)[0];
    const slips = i % OVERDUE_EVERY === 0;
    await startAssignedInspection(env.client, env.taskQueue, {
      ...base,
      workflowId: `${env.taskQueue}-${i}`,
      policy: slips ? { ...base.policy, recusal: { afterMs: 2000 }, remindBeforeMs: 0 } : base.policy,
    });
  });
  const started = (performance.now() - t0) / 1000;
  // Open = its row written and its first deadline armed.
  for (;;) {
    const armed = await env.db.deadlineRecord.count({ where: { kind: 'RECUSAL' } });
    if (armed >= N) break;
    await sleep(1000);
  }
  const open = (performance.now() - t0) / 1000;
  const overdueExpected = Math.ceil(N / OVERDUE_EVERY);
  // Wait for the slipped ones to be marked overdue in visibility.
  const query = "WorkflowType = 'inspection' AND ExecutionStatus = 'Running' AND SsjOverdue = true";
  for (let k = 0; k < 120; k++) {
    if ((await env.client.workflow.count(query)).count >= overdueExpected) break;
    await sleep(1000);
  }
  const listTimes: number[] = [];
  let listed = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    listed = 0;
    for await (const _ of env.client.workflow.list({ query })) listed++;
    listTimes.push(performance.now() - t);
  }
  // A staff Update on workflows that have been idle (most evicted from the worker's cache): one clerk at a
  // time, then a busy office of ten at once, each on inspections not touched before.
  async function updates(first: number, count: number, concurrency: number): Promise<number[]> {
    const latencies: number[] = [];
    await pool(count, concurrency, async (k) => {
      const i = (first + k) * Math.floor(N / 600) + 1;
      const base = template[i % template.length] as (typeof template)[0];
      const who = base.team[0] as (typeof base.team)[0];
      const t = performance.now();
      await env.client.workflow
        .getHandle(`${env.taskQueue}-${i}`)
        .executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: who.id, actor: who.name }] });
      latencies.push(performance.now() - t);
    });
    return latencies;
  }
  const one = await updates(0, 100, 1);
  const ten = await updates(100, 500, 10);
  console.log(
    table([
      serverLabel(),
      ['open inspection workflows', N],
      ['all started, s', started.toFixed(0)],
      ['all open (row + first deadline armed), s', open.toFixed(0)],
      [
        'worker RSS at the end / peak sampled every 0.5 s, MiB (target < 1024)',
        `${rssMiB(worker.pid).toFixed(0)} / ${Math.max(peakRss, rssMiB(worker.pid)).toFixed(0)}`,
      ],
      ['server RSS, MiB', rssMiB(env.server.pid ?? Number(process.env.BENCH_TEMPORAL_PID ?? 0)).toFixed(0)],
      [`overdue list (${listed} rows), median ms (target < 1000)`, percentile(listTimes, 50).toFixed(0)],
      [
        'staff Update, one at a time: p50 / p99 ms (target p99 < 200)',
        `${percentile(one, 50).toFixed(0)} / ${percentile(one, 99).toFixed(0)}`,
      ],
      [
        'staff Update, ten at once: p50 / p99 ms',
        `${percentile(ten, 50).toFixed(0)} / ${percentile(ten, 99).toFixed(0)}`,
      ],
    ]),
  );
} finally {
  clearInterval(sampler);
  await worker.stop().catch(() => undefined);
  await env.close();
}
