// One long-lived worker thread that takes jobs and answers each: started on
// first use, keeping the process alive only while a job is out. If the
// thread dies, everything in flight fails (its callers retry) and the next
// job starts a new one. The thread's entry is a .mjs file that registers tsx
// (a thread does not inherit the loader that lets the main thread import
// TypeScript) and imports the .ts module that calls `serveJobs`.
import { parentPort, Worker } from 'node:worker_threads';

type Pending<R> = { resolve: (r: R) => void; reject: (e: Error) => void };
type Reply<R> = { id: number; result?: R; error?: string };

export class JobThread<J, R> {
  private thread: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<number, Pending<R>>();

  /** `label` starts every error message, e.g. "PDF". A job past `timeoutMs` stops the thread (and what was in it). */
  constructor(
    private readonly entry: URL,
    private readonly label: string,
    private readonly timeoutMs = 120_000,
  ) {}

  run(job: J): Promise<R> {
    this.thread ??= this.start();
    const id = ++this.seq;
    const w = this.thread;
    let timer: NodeJS.Timeout | undefined;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ id, job });
      timer = setTimeout(() => {
        this.fail(new Error(`${this.label}: took longer than ${this.timeoutMs / 1000} s`));
        void w.terminate();
      }, this.timeoutMs);
      timer.unref();
    }).finally(() => {
      clearTimeout(timer);
      if (this.pending.size === 0) w.unref();
    });
  }

  private start(): Worker {
    const w = new Worker(this.entry);
    w.unref();
    w.on('message', (m: Reply<R>) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!('error' in m)) p?.resolve(m.result as R);
      else p?.reject(new Error(`${this.label}: ${m.error}`));
    });
    w.on('error', (e) => this.fail(e));
    w.on('exit', () => this.fail(new Error(`${this.label}: the thread stopped`)));
    return w;
  }

  private fail(e: Error) {
    this.thread = null;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

/** Inside the thread: answer every job with `handle`'s result or its error message. */
export function serveJobs<J, R>(handle: (job: J) => Promise<R>): void {
  parentPort?.on('message', async (msg: { id: number; job: J }) => {
    try {
      parentPort?.postMessage({ id: msg.id, result: await handle(msg.job) });
    } catch (e) {
      // Libraries throw strings too (pdfkit: "Invalid JPEG."): an error is an error whatever its type.
      parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
}
