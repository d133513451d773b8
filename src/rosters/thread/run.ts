// Run the roster parsing thread (entry.ts) and wait for its answer, bounded
// in time and heap. The thread's code is bundled once per process by esbuild
// (already used for the console's scripts) and started from memory, so the
// same code runs under tsx, vitest and compiled JavaScript.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { Checked } from '../check.ts';
import { LIMIT_WORDS, PARSE_HEAP_MB, PARSE_TIMEOUT_MS } from '../limits.ts';
import { TableError } from '../table.ts';
import type { ParseJob } from './entry.ts';

let bundle: Promise<string> | null = null;

function threadCode(): Promise<string> {
  const ext = path.extname(import.meta.filename); // .ts from source, .js once compiled
  bundle ??= build({
    entryPoints: [path.join(import.meta.dirname, `entry${ext}`)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'error',
  }).then((out) => out.outputFiles[0]?.text ?? '');
  return bundle;
}

type Answer =
  | { page: unknown[] }
  | { ok: true; checked: Checked<unknown> }
  | { ok: false; tableError?: string; crash?: string };

/** Parse and check a roster file off the main thread. Throws TableError for a file it refuses. */
export async function parseOffThread(job: ParseJob): Promise<Checked<unknown>> {
  const code = await threadCode();
  // A copy the thread owns: the caller's Buffer may be a slice of a shared pool.
  const bytes = new Uint8Array(job.bytes);
  const worker = new Worker(code, {
    eval: true,
    workerData: { ...job, bytes },
    transferList: [bytes.buffer],
    resourceLimits: { maxOldGenerationSizeMb: PARSE_HEAP_MB },
    stdout: false,
    stderr: false,
  });
  const records: unknown[] = [];
  try {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TableError(LIMIT_WORDS.timedOut(job.fileName))), PARSE_TIMEOUT_MS);
      worker.on('message', (m: Answer) => {
        if ('page' in m) {
          for (const r of m.page) records.push(r);
          return;
        }
        clearTimeout(timer);
        resolve(m);
      });
      worker.once('error', (e: Error & { code?: string }) => {
        clearTimeout(timer);
        reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new TableError(LIMIT_WORDS.outOfMemory(job.fileName)) : e);
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`roster parsing thread exited with code ${code}`));
      });
    });
    if ('page' in answer) throw new Error('roster parsing thread: unexpected page');
    if (answer.ok) return { ...answer.checked, records };
    if (answer.tableError) throw new TableError(answer.tableError);
    throw new Error(`roster parsing thread failed: ${answer.crash}`);
  } finally {
    await worker.terminate();
  }
}
