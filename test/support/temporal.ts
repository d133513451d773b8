// A client and a worker on the shared dev server, each test on its own task
// queue so tests never steal each other's tasks.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { ActivityDeps } from '../../src/activities/index.ts';
import { createWorker } from '../../src/worker/index.ts';
import { testClientConverter, testWorkerConverter } from './payloadKeys.ts';

let runtimeInstalled = false;

export interface TemporalHarness {
  client: Client;
  nativeConnection: NativeConnection;
  taskQueue: string;
  startWorker(deps: ActivityDeps, activities?: object): Promise<Worker>;
  close(): Promise<void>;
}

export async function connectHarness(): Promise<TemporalHarness> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const address = inject('temporalAddress');
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const client = new Client({ connection, dataConverter: testClientConverter() });
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  const code = fs.readFileSync(inject('workflowBundlePath'), 'utf8');
  return {
    client,
    nativeConnection,
    taskQueue,
    startWorker: (deps, activities) =>
      createWorker({
        connection: nativeConnection,
        namespace: 'default',
        taskQueue,
        deps,
        activities,
        workflowBundle: { code },
        dataConverter: testWorkerConverter(),
      }),
    close: async () => {
      await nativeConnection.close();
      await connection.close();
    },
  };
}
