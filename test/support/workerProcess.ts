// A worker in its own process, so a test can kill it with SIGKILL.
// Configured entirely by environment variables (see workerEnv in crash.test.ts).
import fs from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createDb } from '../../src/db/client.ts';
import { createMailer } from '../../src/mail/transport.ts';
import { createWorker } from '../../src/worker/index.ts';
import { testDeps } from './deps.ts';
import { testWorkerConverter } from './payloadKeys.ts';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} must be set`);
  return v;
}
Runtime.install({ logger: new DefaultLogger('ERROR') });
const db = createDb(need('DATABASE_URL'));
const mailer = createMailer(
  { host: null, port: 0, secure: false, from: 'ssj@test.local' },
  Number(need('CAPTURE_PORT')),
);
const connection = await NativeConnection.connect({ address: need('TEMPORAL_ADDRESS') });
const worker = await createWorker({
  connection,
  namespace: 'default',
  taskQueue: need('TASK_QUEUE'),
  deps: testDeps(db, mailer, need('DATA_DIR')),
  workflowBundle: { code: fs.readFileSync(need('BUNDLE_PATH'), 'utf8') },
  stickyQueueScheduleToStartTimeout: '1s',
  dataConverter: testWorkerConverter(),
});
process.stdout.write('ready\n');
await worker.run();
