// Run a worker until the process is asked to stop: shared by `npm start`
// and the worker-only container.
import type { DataConverter } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import type { ActivityDeps } from '../activities/index.ts';
import type { Lifecycle } from '../runtime/entry.ts';
import { createWorker } from './index.ts';

export async function runWorker(
  life: Lifecycle,
  o: {
    connection: NativeConnection;
    namespace: string;
    taskQueue: string;
    deps: ActivityDeps;
    dataConverter: DataConverter;
  },
): Promise<void> {
  const worker = await createWorker(o);
  const running = worker.run();
  life.onStop(async () => {
    worker.shutdown();
    await running.catch(() => undefined);
  });
  running.catch((e: Error) => {
    console.error(`ssj: worker stopped: ${e.message}`);
    process.exit(1);
  });
}
