// bench/console: the staff console under a busy year. 10,000 open
// inspections spread over the district's units, 50 people signed in at once
// (staff, supervisors, 法规股, leaders), each opening the pages of a working
// day as fast as the console answers, for a minute: 我的待办, 督办, an
// inspection of their unit and the public page. Prints p50 and p95 per page.
// Target: p95 < 200 ms.
//   npm run bench:console   (CONSOLE_N=10000 inspections, CONSOLE_USERS=50,
//   CONSOLE_SECONDS=60 of page views per phase, CONSOLE_THINK_MS=0,3000: one
//   phase per pause a person takes between two pages; 0 is the console flat out)
// The console runs in this process and is reached over HTTP on loopback; the
// worker runs in its own process, the Temporal dev server in its own.
import type { AddressInfo } from 'node:net';
import bcrypt from 'bcryptjs';
import { startAssignedInspection } from '../src/client/start.ts';
import { buildServer } from '../src/web/server.ts';
import { SignInLimit } from '../src/web/session/signInLimit.ts';
import { inspectionOf } from '../test/support/drive.ts';
import { startBenchEnv } from '../test/support/privateStack.ts';
import { grid, percentile, pool, serverLabel, table, WorkerProcess } from './lib/workers.ts';

const N = Number(process.env.CONSOLE_N ?? 10_000);
const USERS = Number(process.env.CONSOLE_USERS ?? 50);
const SECONDS = Number(process.env.CONSOLE_SECONDS ?? 60);
const THINK_MS = (process.env.CONSOLE_THINK_MS ?? '0,3000').split(',').map(Number);
const PASSWORD = 'bench-console-2026';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const env = await startBenchEnv('console');
const worker = new WorkerProcess(env);
const db = env.db;
try {
  await worker.start();
  // Inspections of every unit, each with two of the unit's own inspectors.
  const units = await db.unit.findMany({ include: { inspectors: true }, orderBy: { id: 'asc' } });
  const staffed = units.filter((u) => u.inspectors.length >= 2);
  const enterprises = await db.enterprise.findMany({ orderBy: { id: 'asc' } });
  const items = await db.itemVersion.findMany({ where: { reviewState: 'PUBLISHED' }, orderBy: { id: 'asc' } });
  const inputOf = (i: number) =>
    inspectionOf(`${env.taskQueue}-${i}`, i, staffed[i % staffed.length] as (typeof staffed)[0], enterprises, items);
  const t0 = performance.now();
  await pool(N, 50, (i) => startAssignedInspection(env.client, env.taskQueue, inputOf(i)).then(() => undefined));
  for (;;) {
    if ((await db.deadlineRecord.count({ where: { kind: 'RECUSAL' } })) >= N) break;
    await sleep(1000);
  }
  const opened = (performance.now() - t0) / 1000;

  // The people: most of them staff, then supervisors, 法规股 and leaders, spread over the units.
  const hash = await bcrypt.hash(PASSWORD, 10);
  const roles = ['STAFF', 'STAFF', 'STAFF', 'SUPERVISOR', 'STAFF', 'LEGAL', 'STAFF', 'SUPERVISOR', 'LEADER', 'STAFF'];
  const people = await Promise.all(
    Array.from({ length: USERS }, (_, k) => {
      const role = roles[k % roles.length] as 'STAFF' | 'SUPERVISOR' | 'LEGAL' | 'LEADER';
      const unit = staffed[k % staffed.length] as (typeof staffed)[0];
      return db.user.create({
        data: {
          username: `bench${k}`,
          displayName: `压测用户${k}`,
          passwordHash: hash,
          role,
          unitId: role === 'STAFF' || role === 'SUPERVISOR' ? unit.id : null,
        },
      });
    }),
  );

  const app = await buildServer({
    db,
    client: env.client,
    config: { dataDir: env.dataDir, optimisationOfficeEmail: 'youhuaban@example.gov.cn' },
    signInLimit: new SignInLimit(Date.now, 10_000, 10_000),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  /** A signed-in person: their cookie, kept as the browser keeps it. */
  async function signIn(username: string): Promise<string> {
    const login = await fetch(`${base}/login`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? '';
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, username, password: PASSWORD }).toString(),
    });
    if (res.status !== 302) throw new Error(`${username}: sign-in answered ${res.status}`);
    return (res.headers.get('set-cookie') ?? cookie).split(';')[0] as string;
  }
  const sessions = await Promise.all(people.map((p) => signIn(p.username)));

  const failures: string[] = [];
  /** One phase: every person clicking through their pages for SECONDS, pausing `think` ms between two. */
  async function phase(think: number) {
    const latency: Record<string, number[]> = { '/tasks': [], '/supervisor': [], inspection: [], '/public': [] };
    async function view(page: string, url: string, cookie: string) {
      // A person reads a page before the next click (a random share of the pause, so clicks do not march in step).
      if (think) await sleep(think * (0.5 + Math.random()));
      const t = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      await res.arrayBuffer();
      (latency[page] as number[]).push(performance.now() - t);
      if (res.status !== 200) failures.push(`${url}: ${res.status}`);
    }
    const t1 = performance.now();
    const until = t1 + SECONDS * 1000;
    await pool(USERS, USERS, async (k) => {
      const p = people[k] as (typeof people)[0];
      const cookie = sessions[k] as string;
      const own = staffed.findIndex((u) => u.id === p.unitId);
      // Each person a working day's round of pages, again and again until the time is up.
      for (let r = 0; performance.now() < until; r++) {
        await view('/tasks', '/tasks', cookie);
        if (p.role !== 'STAFF') await view('/supervisor', '/supervisor', cookie);
        // An inspection of their own unit (bureau-wide roles: any), a different one each round.
        const i = ((k * 997 + r) * staffed.length + Math.max(0, own)) % N;
        await view('inspection', `/inspections/${encodeURIComponent(`${env.taskQueue}-${i}`)}`, cookie);
        await view('/public', '/public', cookie);
      }
    });
    const wall = (performance.now() - t1) / 1000;
    const views = Object.values(latency).reduce((n, xs) => n + xs.length, 0);
    return Object.entries(latency).map(([page, xs]) => [
      think ? `${think} ms` : 'none (flat out)',
      page,
      String(xs.length),
      (views / wall).toFixed(0),
      percentile(xs, 50).toFixed(0),
      percentile(xs, 95).toFixed(0),
    ]);
  }
  const rows: string[][] = [];
  for (const think of THINK_MS) rows.push(...(await phase(think)));
  await app.close();

  console.log(
    table([
      serverLabel(),
      ['open inspection workflows', N],
      ['all open (row + first deadline armed), s', opened.toFixed(0)],
      ['people signed in at once', USERS],
      ['page views answered other than 200', failures.length],
    ]),
  );
  console.log(
    grid(['pause between pages', 'page', 'views', 'views/s (all pages)', 'p50 ms', 'p95 ms (target < 200)'], rows),
  );
  if (failures.length) console.log(`first failures: ${failures.slice(0, 5).join('; ')}`);
} finally {
  await worker.stop().catch(() => undefined);
  await env.close();
}
