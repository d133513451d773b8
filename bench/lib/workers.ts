// Worker processes for bench scripts (test/support/workerProcess.ts), so a
// script can SIGKILL one at any moment and start another.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchEnv } from '../../test/support/privateStack.ts';

export class WorkerProcess {
  private child: ChildProcess | undefined;
  kills = 0;

  constructor(private readonly env: BenchEnv) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/support/workerProcess.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: this.env.dbUrl,
        TEMPORAL_ADDRESS: this.env.server.address,
        TASK_QUEUE: this.env.taskQueue,
        CAPTURE_PORT: String(this.env.mail.port),
        BUNDLE_PATH: this.env.bundlePath,
        DATA_DIR: this.env.dataDir,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`worker exited ${code} before it was ready`)));
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** SIGKILL: no shutdown, no flushing — a power cut. */
  async kill(): Promise<void> {
    const dying = this.child;
    if (!dying || dying.exitCode !== null) return;
    const gone = new Promise((r) => dying.once('exit', r));
    dying.kill('SIGKILL');
    await gone;
    this.kills++;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await gone;
  }
}

/** Resident memory of a process, in MiB (Linux /proc). */
export function rssMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** CPU time a process has used so far (all its threads), in seconds (Linux /proc; clock ticks of 1/100 s). */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  // Fields after the command name, which is in parentheses and may hold spaces.
  const after = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(after[11]) + Number(after[12])) / 100;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

/** Run `fn` over 0…n−1 with at most `limit` at a time. */
export async function pool(n: number, limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n) await fn(next++);
  });
  await Promise.all(lanes);
}

export function table(rows: [string, string | number][]): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  const v = Math.max(...rows.map(([, x]) => String(x).length));
  return [
    `| ${'measure'.padEnd(w)} | ${'value'.padStart(v)} |`,
    `|${'-'.repeat(w + 2)}|${'-'.repeat(v + 2)}|`,
    ...rows.map(([k, x]) => `| ${k.padEnd(w)} | ${String(x).padStart(v)} |`),
  ].join('\n');
}

/** Which Temporal server a bench ran against, for its table. */
export function serverLabel(): [string, string] {
  const external = process.env.BENCH_TEMPORAL_ADDRESS;
  return ['server', external ? `external ${external}` : 'dev server (SQLite file, WAL)'];
}

/** A Markdown table with a header row; numbers-looking cells right-aligned. */
export function grid(headers: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const w = headers.map((h, k) => Math.max(width(h), ...rows.map((r) => width(r[k] ?? ''))));
  const pad = (s: string, k: number) => {
    const gap = ' '.repeat((w[k] as number) - width(s));
    return /^[\d.,—-]+$/.test(s) ? gap + s : s + gap;
  };
  return [
    `| ${headers.map(pad).join(' | ')} |`,
    `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`,
    ...rows.map((r) => `| ${r.map(pad).join(' | ')} |`),
  ].join('\n');
}
