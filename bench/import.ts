// bench/import: a roster import through the running console, as staff do it
// (HTTP upload, signed in as 法规股), at 1k, 10k and 100k rows, .xlsx and
// .csv; and a zip bomb. For each: time per row, peak RSS growth of the
// console process (the parsing thread included), and the latency of the
// public page fetched every 25 ms by another process during the import.
// Targets (issue 17): time per row within 2× from 1k to 100k; under 300 MiB
// RSS growth at 100k; console p99 under 200 ms; the bomb refused within 2 s
// with under 100 MiB of growth.
//   npm run bench:import            (IMPORT_SIZES=1000,10000,100000)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { createDb, migrate } from '../src/db/client.ts';
import { makeCreditCode } from '../src/domain/creditCode.ts';
import { SECTOR_NAMES } from '../src/domain/sectors.ts';
import { ENTERPRISES } from '../src/rosters/layouts.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../src/seed/demoUsers.ts';
import { buildServer } from '../src/web/server.ts';
import { zipBomb } from '../test/support/zipBomb.ts';
import { grid, percentile } from './lib/workers.ts';

const SIZES = (process.env.IMPORT_SIZES ?? '1000,10000,100000').split(',').map(Number);
let base = '';

const TOWNS = ['梅湾街道', '菱角山街道', '珊瑚街道', '肖家园街道', '凤凰街道', '高溪市镇', '黄阳司镇', '普利桥镇'];
const SECTORS = Object.values(SECTOR_NAMES);
function rows(n: number, offset: number): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const k = offset + i;
    const org8 = String(10_000_000 + k).slice(-8);
    return [
      makeCreditCode('431103', org8),
      `冷水滩区测试企业${k}有限公司`,
      SECTORS[k % SECTORS.length] as string,
      '',
      TOWNS[k % TOWNS.length] as string,
      `冷水滩区某路 ${k} 号`,
      '正常',
      'ABCD'[k % 4] as string,
      '否',
      '否',
      k % 17 === 0 ? '是' : '否',
      `联系人${k % 100}`,
      `138${String(k).padStart(8, '0')}`,
    ];
  });
}

async function xlsx(all: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名录');
  for (const r of all) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sign in as 法规股 and return a cookie jar and the upload form's CSRF token. */
async function signIn() {
  const jar = new Map<string, string>();
  let cookie = '';
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  };
  const form = await fetch(`${base}/login`);
  keep(form);
  const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const login = await fetch(`${base}/login`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username: 'fagui', password: DEMO_PASSWORD }),
    redirect: 'manual',
  });
  keep(login);
  if (process.env.BENCH_DEBUG) console.log('login', login.status, login.headers.get('location'), [...jar.keys()]);
  const page = await fetch(`${base}/rosters/enterprises`, { headers: { cookie } });
  keep(page);
  const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  return { cookie, token };
}

/** Another process fetches the public page every 25 ms until told to stop; resolves to its latencies. */
function startPoller() {
  const script = `
    const lat = []; let stop = false;
    process.stdin.on('data', () => { stop = true; });
    (async () => {
      while (!stop) {
        const t = performance.now();
        await fetch(process.argv[1]).then((r) => r.arrayBuffer());
        lat.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 25));
      }
      process.stdout.write(JSON.stringify(lat));
      process.exit(0);
    })();`;
  const child = spawn(process.execPath, ['-e', script, `${base}/public`], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const done = new Promise<number[]>((resolve) => child.on('exit', () => resolve(JSON.parse(out || '[]'))));
  return {
    stop: () => {
      child.stdin.write('x');
      return done;
    },
  };
}

async function upload(fileName: string, bytes: Buffer) {
  const { cookie, token } = await signIn();
  const body = new FormData();
  body.append('_csrf', token);
  body.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const m0 = process.memoryUsage();
  const top = { heapUsed: 0, external: 0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    top.heapUsed = Math.max(top.heapUsed, m.heapUsed - m0.heapUsed);
    top.external = Math.max(top.external, m.external - m0.external);
  }, 10);
  const poller = startPoller();
  await new Promise((r) => setTimeout(r, 300)); // the poller's first requests, before the import
  const t0 = performance.now();
  const res = await fetch(`${base}/rosters/enterprises/import`, { method: 'POST', headers: { cookie }, body });
  const text = await res.text();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  if (process.env.BENCH_DEBUG)
    console.error(
      'main heap +',
      (top.heapUsed / 2 ** 20).toFixed(0),
      'MiB, external +',
      (top.external / 2 ** 20).toFixed(0),
    );
  const latencies = await poller.stop();
  if (process.env.BENCH_DEBUG) console.log(text.slice(0, 3000));
  const outcome = text.match(/已导入 \d+ 行|整批未导入|超过[^<]*|不是[^<]*/)?.[0] ?? `HTTP ${res.status}`;
  return {
    ms,
    growthMiB: (peak - rss0) / 1024 / 1024,
    p99: percentile(latencies, 99),
    n: latencies.length,
    outcome,
    pageBytes: Buffer.byteLength(text),
  };
}

type Case = { label: string; rows: string; bytes: Buffer; name: string; n: number };

async function makeCase(spec: string): Promise<Case> {
  const [format, size] = spec.split(':') as [string, string];
  const n = Number(size);
  if (format === 'bomb') {
    const bytes = await zipBomb(2 * 1024 * 1024 * 1024);
    return { label: 'zip bomb (2 GiB)', rows: '—', bytes, name: '炸弹.xlsx', n: 0 };
  }
  if (format === 'bad') {
    // Every row bad (a broken check digit): the problems are counted, the first hundred listed.
    const bad = rows(n, 0).map((r) => [
      `${(r[0] as string).slice(0, 17)}${r[0]?.endsWith('0') ? '1' : '0'}`,
      ...r.slice(1),
    ]);
    const bytes = Buffer.from(stringify([ENTERPRISES.headers, ...bad]), 'utf8');
    return { label: 'csv, every row bad', rows: n.toLocaleString('en'), bytes, name: '坏名录.csv', n };
  }
  const all = [ENTERPRISES.headers, ...rows(n, 1_000)];
  const bytes = format === 'csv' ? Buffer.from(stringify(all), 'utf8') : await xlsx(all);
  return { label: format, rows: n.toLocaleString('en'), bytes, name: `名录-${n}.${format}`, n };
}

/** A fresh database with the demo district, and the console on a free port. */
async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-import-'));
  const dbUrl = `file:${path.join(dir, 'ssj.db')}`;
  await migrate(dbUrl);
  const db = createDb(dbUrl);
  await seedDemo(db);
  await seedDemoUsers(db);
  // The console's roster and public pages never call Temporal: a client that would connect lazily suffices.
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = await buildServer({ db, client, config: { dataDir: dir, optimisationOfficeEmail: 'yhb@bench' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return async () => {
    await app.close();
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** One case in this process, on a fresh database: prints one JSON line. */
async function runCase(spec: string) {
  const teardown = await setup();
  const c = await makeCase(spec);
  // Warm up (the parsing thread's bundle is built once per process): the table measures the import itself.
  await upload('预热.csv', Buffer.from(stringify([ENTERPRISES.headers, ...rows(10, 0)]), 'utf8'));
  const r = await upload(c.name, c.bytes);
  const cells = [
    c.label,
    c.rows,
    (c.bytes.length / 1024 / 1024).toFixed(1),
    (r.ms / 1000).toFixed(2),
    c.n ? ((r.ms * 1000) / c.n).toFixed(0) : '—',
    r.growthMiB.toFixed(0),
    r.p99.toFixed(0),
    String(r.n),
    spec.startsWith('bad') ? `${r.outcome}（${(r.pageBytes / 1024).toFixed(0)} KiB 页面）` : r.outcome.slice(0, 24),
  ];
  console.log(JSON.stringify({ spec, cells, usPerRow: c.n ? (r.ms * 1000) / c.n : null }));
  await teardown();
}

if (process.argv[2]) {
  await runCase(process.argv[2]);
} else {
  // Each case in a process of its own, so one case's heap does not hide the next one's growth.
  const specs = [...SIZES.map((n) => `csv:${n}`), ...SIZES.map((n) => `xlsx:${n}`), `bad:${SIZES.at(-1)}`, 'bomb:0'];
  const results: { spec: string; cells: string[]; usPerRow: number | null }[] = [];
  for (const spec of specs) {
    const child = spawn(process.execPath, [...process.execArgv, import.meta.filename, spec], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const line = out.trim().split('\n').at(-1) ?? '';
    results.push(JSON.parse(line));
  }
  console.log(
    grid(
      ['format', 'rows', 'file MiB', 'import s', 'µs/row', 'RSS growth MiB', 'console p99 ms', 'polls', 'outcome'],
      results.map((r) => r.cells),
    ),
  );
  for (const format of ['csv', 'xlsx']) {
    const at = (n: number | undefined) => results.find((r) => r.spec === `${format}:${n}`)?.usPerRow as number;
    console.log(
      `${format}: time per row at ${SIZES.at(-1)} rows is ${(at(SIZES.at(-1)) / at(SIZES[0])).toFixed(2)}× that at ${SIZES[0]}`,
    );
  }
}
