import path from 'node:path';
import { startBenchEnv } from './test/support/privateStack.ts';
import { benchInput, driveInspection } from './test/support/drive.ts';
import { createActivities } from './src/activities/index.ts';
import { createMailer } from './src/mail/transport.ts';
import { createWorker } from './src/worker/index.ts';
import { testDeps } from './test/support/deps.ts';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
Runtime.install({ logger: new DefaultLogger('ERROR') });
const env = await startBenchEnv('hist');
const connection = await NativeConnection.connect({ address: env.server.address });
const deps = testDeps(env.db, createMailer({ host: null, port: 0, secure: false, from: 'ssj@bench' }, env.mail.port), env.dataDir);
const worker = await createWorker({ connection, namespace: 'default', taskQueue: env.taskQueue, deps, activities: createActivities(deps) });
const running = worker.run();
const n = 3;
try {
  const t = driveInspection(env.client, env.taskQueue, await benchInput(env.db, 'history', n), env.dataDir, n);
  await Promise.race([t, new Promise((r) => setTimeout(r, 15000))]);
  const h = await env.client.workflow.getHandle(`history-${n}`).fetchHistory();
  h.events?.forEach((e, i) => { const k = Object.keys(e).find((k) => k.endsWith('EventAttributes')) ?? '?'; let extra = ''; if (k === 'markerRecordedEventAttributes') extra = JSON.stringify(Object.keys(e.markerRecordedEventAttributes?.details ?? {})); if (k==='activityTaskScheduledEventAttributes') extra = e.activityTaskScheduledEventAttributes?.activityType?.name ?? ''; if (k==='upsertWorkflowSearchAttributesEventAttributes') extra = Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).join(','); console.log(String(e.eventId), k.replace('EventAttributes',''), extra); });
} catch (e) { console.log('ERR', e); }
worker.shutdown(); await running; await connection.close(); await env.close();
