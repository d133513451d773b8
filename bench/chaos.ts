// bench/chaos: SIGKILL the worker at random moments while 200 inspections run
// through every stage (and restart the Temporal dev server once, on its
// persisted file). Afterwards every inspection must end exactly as an
// undisturbed run of the same kind, each filing and feedback-card email must
// have reached the SMTP listener exactly once, and each publication be
// recorded once. Prints a table; exits 1 on any difference.
//   npm run bench:chaos            (CHAOS_INSPECTIONS=200 CHAOS_CONCURRENCY=20 CHAOS_SERVER_RESTART=1)
import { isDeepStrictEqual } from 'node:util';
import { benchInput, driveInspection, endState } from '../test/support/drive.ts';
import { startBenchEnv } from '../test/support/privateStack.ts';
import { pool, table, WorkerProcess } from './lib/workers.ts';

const N = Number(process.env.CHAOS_INSPECTIONS ?? 200);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 20);
const RESTART_SERVER = process.env.CHAOS_SERVER_RESTART !== '0';
const REF = 12; // undisturbed reference runs: n mod 12 keeps n mod 3 (whether a problem is found)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const env = await startBenchEnv('chaos');
const worker = new WorkerProcess(env);
const retries = { n: 0 };
const problems: string[] = [];
try {
  await worker.start();
  const reference = [];
  await pool(REF, REF, async (n) => {
    await driveInspection(env.client, env.taskQueue, await benchInput(env.db, 'ref', n), env.dataDir, n);
  });
  for (let n = 0; n < REF; n++) reference.push(await endState(env.db, `ref-${n}`));

  const started = Date.now();
  let driving = true;
  let serverRestarts = 0;
  const chaos = (async () => {
    while (driving) {
      await sleep(1000 + Math.random() * 3000);
      if (!driving) break;
      await worker.kill();
      if (RESTART_SERVER && serverRestarts === 0 && Date.now() - started > 15_000) {
        await env.restartServer(); // same file, same port: clients and workers reconnect
        serverRestarts++;
      }
      await worker.start();
    }
  })();
  await pool(N, CONCURRENCY, async (n) => {
    await driveInspection(env.client, env.taskQueue, await benchInput(env.db, 'chaos', n), env.dataDir, n, retries);
  });
  driving = false;
  await chaos;
  const seconds = (Date.now() - started) / 1000;
  await sleep(1000); // the last SMTP sessions close

  let sameEnd = 0;
  for (let n = 0; n < N; n++) {
    const got = await endState(env.db, `chaos-${n}`);
    if (isDeepStrictEqual(got, reference[n % REF])) sameEnd++;
    else problems.push(`chaos-${n}: ${JSON.stringify(got)} ≠ ${JSON.stringify(reference[n % REF])}`);
  }
  const ids = await env.db.inspection.findMany({
    where: { workflowId: { startsWith: 'chaos-' } },
    select: { id: true },
  });
  const delivered = new Map<string, number>();
  for (const msg of env.mail.messages) {
    const id = msg.raw.toString('utf8').match(/^Message-ID:\s*(<[^>]+>)/im)?.[1] ?? '?';
    delivered.set(id, (delivered.get(id) ?? 0) + 1);
  }
  const expected = ids.flatMap(({ id }) => [`<filing.${id}@ssj.lstyjj>`, `<feedback-card.${id}@ssj.lstyjj>`]);
  const once = expected.filter((id) => delivered.get(id) === 1).length;
  const duplicates = [...delivered.values()].filter((c) => c > 1).length;
  const missing = expected.filter((id) => !delivered.has(id)).length;
  const publications = await env.db.publication.count({
    where: { inspection: { workflowId: { startsWith: 'chaos-' } } },
  });
  if (once !== expected.length) problems.push(`emails: ${once}/${expected.length} delivered exactly once`);
  if (duplicates) problems.push(`emails: ${duplicates} Message-IDs delivered more than once`);
  if (publications !== N) problems.push(`publications: ${publications}, expected ${N}`);
  if (ids.length !== N) problems.push(`inspections: ${ids.length} rows, expected ${N}`);

  console.log(
    table([
      ['inspections driven through every stage', N],
      ['concurrently', CONCURRENCY],
      ['worker SIGKILLs', worker.kills],
      ['dev-server restarts (same file)', serverRestarts],
      ['steps retried by the driver', retries.n],
      ['wall time, s', seconds.toFixed(0)],
      ['end state = undisturbed run', `${sameEnd}/${N}`],
      ['emails delivered exactly once', `${once}/${expected.length}`],
      ['emails missing', missing],
      ['Message-IDs delivered twice or more', duplicates],
      ['publications recorded', `${publications}/${N}`],
    ]),
  );
  for (const p of problems.slice(0, 20)) console.error(`FAIL ${p}`);
  console.log(problems.length ? `chaos: ${problems.length} problem(s)` : 'chaos: nothing lost, nothing twice');
} finally {
  await worker.stop().catch(() => undefined);
  await env.close();
}
process.exit(problems.length ? 1 : 0);
