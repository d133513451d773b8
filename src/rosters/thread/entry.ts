// The roster parsing thread: reads the file and checks every row, then posts
// the records and problems back. It runs in a worker thread with its own heap
// limit (src/rosters/thread/run.ts), so a file that is slow or huge to read
// holds up neither the console nor the Temporal worker, and cannot take their
// memory. Only data comes in: the file's bytes, its name, the units and today.
import { parentPort, workerData } from 'node:worker_threads';
import { RowChecker } from '../check.ts';
import { ENTERPRISES, INSPECTORS, ITEMS, type Layout, type ParseContext } from '../layouts.ts';
import { TableError, tableRows } from '../table.ts';

export interface ParseJob {
  kind: 'enterprises' | 'inspectors' | 'items';
  fileName: string;
  bytes: Uint8Array;
  ctx: ParseContext;
}

const LAYOUTS = { enterprises: ENTERPRISES, inspectors: INSPECTORS, items: ITEMS } as Record<
  ParseJob['kind'],
  Layout<unknown>
>;

async function run(job: ParseJob) {
  const checker = new RowChecker(LAYOUTS[job.kind], job.ctx);
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  for await (const cells of tableRows(job.fileName, bytes)) {
    checker.push(cells);
    if (checker.hopeless) break; // a wrong header is the one thing to say
  }
  return checker.finish();
}

/** Records per message: the main thread reads each in a few ms, between the requests it serves. */
const PAGE = 2_000;

run(workerData as ParseJob).then(
  ({ records, ...rest }) => {
    // Each page leaves this thread's heap as it is sent.
    while (records.length) parentPort?.postMessage({ page: records.splice(0, PAGE) });
    parentPort?.postMessage({ ok: true, checked: { ...rest, records: [] } });
  },
  (e: unknown) =>
    parentPort?.postMessage(
      e instanceof TableError
        ? { ok: false, tableError: e.message }
        : { ok: false, crash: String((e as Error)?.stack ?? e) },
    ),
);
