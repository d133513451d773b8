// A worker-only process, for scaling out (docker compose --scale worker=N):
// no migration, no seeding, no dev server — the app container does those.
import { loadConfig } from '../config/index.ts';
import { createDb } from '../db/client.ts';
import { checkMailer, createMailer } from '../mail/transport.ts';
import { markReady, quietTemporalLogs, runEntry } from '../runtime/entry.ts';
import { connectTemporal } from '../temporal/connect.ts';
import { loadPayloadKeys, plainPolicy, workerDataConverter } from '../temporal/payloadKeys.ts';
import { runWorker } from './run.ts';

runEntry(async (life) => {
  const config = loadConfig();
  quietTemporalLogs();
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS: a worker-only process needs the cluster address.');
  const keys = loadPayloadKeys(config);
  const db = createDb(config.databaseUrl);
  life.onStop(() => db.$disconnect());
  const mailer = createMailer(config.smtp, config.captureSmtpPort);
  await checkMailer(mailer, config.smtp);
  const { connection, nativeConnection } = await connectTemporal(config.temporalAddress);
  life.onStop(async () => {
    await nativeConnection.close();
    await connection.close();
  });
  await runWorker(life, {
    connection: nativeConnection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    deps: { db, mailer, config, now: () => new Date() },
    dataConverter: workerDataConverter(keys, plainPolicy('worker')),
  });
  markReady();
  console.log(`ssj worker: task queue "${config.taskQueue}" on ${config.temporalAddress}`);
});
