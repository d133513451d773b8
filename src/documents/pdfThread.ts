// Render a PDF on a thread of its own, so the CPU it takes (font subsetting,
// layout) never blocks this process's event loop. One long-lived thread,
// started on first use and not keeping the process alive.
import { Worker } from 'node:worker_threads';
import type { YearlyReport } from '../reports/yearly.ts';
import type { FeedbackCardData } from './feedbackCardPdf.ts';
import type { FilingFormData } from './filingForm.ts';
import type { CjkFont } from './fonts.ts';
import type { SchemeData } from './scheme.ts';

export type PdfJob =
  | { kind: 'filing'; data: FilingFormData; font: CjkFont }
  | { kind: 'feedbackCard'; data: FeedbackCardData; font: CjkFont }
  | { kind: 'scheme'; data: SchemeData; font: CjkFont }
  | { kind: 'yearlyReport'; data: YearlyReport; font: CjkFont };

type Pending = { resolve: (b: Buffer) => void; reject: (e: Error) => void };
let thread: Worker | null = null;
let seq = 0;
const pending = new Map<number, Pending>();

function start(): Worker {
  const w = new Worker(new URL('./pdfWorker.mjs', import.meta.url));
  w.unref();
  w.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.pdf) p?.resolve(Buffer.from(m.pdf));
    else p?.reject(new Error(`PDF: ${m.error}`));
  });
  w.on('error', (e) => fail(e));
  w.on('exit', () => fail(new Error('PDF: the rendering thread stopped')));
  return w;
}

/** Everything in flight fails (and is retried by its caller); the next job starts a new thread. */
function fail(e: Error) {
  thread = null;
  for (const p of pending.values()) p.reject(e);
  pending.clear();
}

export function renderPdf(job: PdfJob): Promise<Buffer> {
  thread ??= start();
  const id = ++seq;
  const w = thread;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref(); // while a job is out, the thread keeps the process alive
    w.postMessage({ id, job });
  }).finally(() => {
    if (pending.size === 0) w.unref();
  });
}
