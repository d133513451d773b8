// `npm start`: the whole embedded stack on one machine — database (migrated
// and seeded), local mail capture, Temporal dev server, worker — with one
// clear line on any misconfiguration and a clean stop on Ctrl-C.
// With TEMPORAL_ADDRESS / SMTP_HOST / a PostgreSQL DATABASE_URL it uses
// those instead, which is how the production container runs.
import path from 'node:path';
import { Client } from '@temporalio/client';
import { ensureSchedules } from './client/schedules.ts';
import { type Config, ConfigError, loadConfig } from './config/index.ts';
import { createDb, type Db, migrate } from './db/client.ts';
import { PROJECT_ROOT, redact } from './db/provider.ts';
import { type MailCapture, startMailCapture } from './mail/capture.ts';
import { checkMailer, createMailer } from './mail/transport.ts';
import { type Lifecycle, markReady, quietTemporalLogs, runEntry } from './runtime/entry.ts';
import { type SeedSummary, seedDemo } from './seed/demo.ts';
import { DEMO_PASSWORD, seedDemoUsers } from './seed/demoUsers.ts';
import { startDemoWorkflows } from './seed/demoWorkflows.ts';
import type { PayloadKeys } from './temporal/codec.ts';
import { connectTemporal } from './temporal/connect.ts';
import { type DevServer, startDevServer } from './temporal/devServer.ts';
import { ensureSearchAttributes } from './temporal/ensureSearchAttributes.ts';
import { clientDataConverter, loadPayloadKeys, plainPolicy, workerDataConverter } from './temporal/payloadKeys.ts';
import { keepHistories } from './temporal/retention.ts';
import { buildServer } from './web/server.ts';
import { runWorker } from './worker/run.ts';

export async function openDatabase(config: Config, life: Lifecycle, seed: boolean) {
  try {
    const { applied } = await migrate(config.databaseUrl);
    const db = createDb(config.databaseUrl);
    life.onStop(() => db.$disconnect());
    const seeded: SeedSummary | null = seed ? await seedDemo(db) : null;
    return { db, applied, seeded };
  } catch (e) {
    throw new Error(
      `DATABASE_URL：打不开 ${redact(config.databaseUrl)}（${(e as Error).message.split('\n')[0]}）。请检查地址，以及数据库服务是否在运行。`,
    );
  }
}

async function startCapture(config: Config, dataDir: string, life: Lifecycle): Promise<MailCapture | undefined> {
  if (config.smtp.host) return undefined;
  const capture = await startMailCapture({ port: config.captureSmtpPort, dir: path.join(dataDir, 'mail') }).catch(
    () => {
      throw new ConfigError('MAIL_CAPTURE_PORT', `端口 ${config.captureSmtpPort} 已被占用：请设为一个空闲端口。`);
    },
  );
  life.onStop(() => capture.stop());
  return capture;
}

async function startTemporal(config: Config, dataDir: string, life: Lifecycle): Promise<DevServer | undefined> {
  if (config.temporalAddress) return undefined;
  const dev = await startDevServer({
    dbFile: path.join(dataDir, 'temporal.db'),
    port: config.temporalPort,
    uiPort: config.temporalUiPort,
    logFile: path.join(dataDir, 'temporal.log'),
    // The dev UI decodes payloads through the console (signed in as 系统管理员): src/web/routes/codec.ts.
    codecEndpoint: `http://127.0.0.1:${config.webPort}/codec`,
  });
  life.onStop(() => dev.stop());
  return dev;
}

function summary(parts: Record<string, string | null>): string {
  const rows = Object.entries(parts).filter(([, v]) => v !== null);
  return [`ssj is running`, ...rows.map(([k, v]) => `  ${k.padEnd(14)}${v}`), '  Ctrl-C to stop.'].join('\n');
}

runEntry(async (life) => {
  const t0 = Date.now();
  const config = loadConfig();
  const keys = loadPayloadKeys(config); // before anything starts: a bad key stops here, by name
  quietTemporalLogs();
  const dataDir = path.resolve(PROJECT_ROOT, config.dataDir);
  const { db, applied, seeded } = await openDatabase(config, life, config.demoSeed);
  const capture = await startCapture(config, dataDir, life);
  const mailer = createMailer(config.smtp, capture?.port ?? config.captureSmtpPort);
  await checkMailer(mailer, config.smtp);
  const dev = await startTemporal(config, dataDir, life);
  const address = config.temporalAddress ?? (dev as DevServer).address;
  const { health, client } = await startWorkerAndCheck(config, address, db, mailer, life, keys);
  await ensureSchedules(client, config.taskQueue);
  const demo = seeded ? await startDemoWorkflows(client, db, config) : null;
  const users = seeded ? await seedDemoUsers(db) : [];
  // A production database starts with no accounts: say how to make the first one, or nobody can sign in.
  const noAccounts = !users.length && (await db.user.count()) === 0;
  const web = await buildServer({
    db,
    client,
    config,
    sessionSecret: config.sessionSecret,
    trustProxy: config.trustProxy,
    payloadKeys: keys,
    codecOrigins: config.codecOrigins,
    starting: config,
  });
  const url = await web.listen({ port: config.webPort, host: config.webHost }).catch((e: Error) => {
    throw new ConfigError(
      'PORT',
      `无法在 ${config.webHost}:${config.webPort} 上监听（${e.message}）：请把 PORT 设为一个空闲端口。`,
    );
  });
  life.onStop(() => web.close());
  const rel = (p: string) => path.relative(process.cwd(), path.join(dataDir, p));
  console.log(
    summary({
      'started in': `${((Date.now() - t0) / 1000).toFixed(1)} s`,
      database: `${redact(config.databaseUrl)}${applied.length ? ` (migrated: ${applied.join(', ')})` : ''}`,
      'demo data': seeded
        ? `${seeded.seeded ? 'seeded' : 'present'}: ${seeded.units} units, ${seeded.enterprises} enterprises, ${seeded.inspectors} inspectors, ${seeded.experts} experts, ${seeded.items} items, ${seeded.plans} plans`
        : null,
      temporal: `${address}${dev ? ` (embedded dev server, state in ${rel('temporal.db')})` : ''}`,
      'temporal UI': dev ? dev.uiUrl : null,
      mail: capture
        ? `captured on 127.0.0.1:${capture.port}, saved as .eml in ${rel('mail')}/`
        : `SMTP ${config.smtp.host}:${config.smtp.port}`,
      '优化办 mailbox': config.optimisationOfficeEmail,
      console: `${url}  (public page: ${url}/public)`,
      'demo users': users.length ? `${users.map((u) => u.username).join(', ')} — password ${DEMO_PASSWORD}` : null,
      accounts: noAccounts
        ? 'none yet — make the first administrator: npm run ssj -- user add admin --name 系统管理员 --role ADMIN'
        : null,
      worker: `task queue "${config.taskQueue}", health check passed (audit #${health.auditId})`,
    }),
  );
  if (demo)
    console.log(
      [
        '',
        'Try it (in another terminal):',
        `  a draw session: sign in as fagui and as yhb.observer (two browsers), open /draws/${demo.demoDrawId}`,
        `  npm run ssj -- draw show ${demo.demoDrawId}`,
        '  npm run ssj -- inspection list --unit FMG',
        '  npm run ssj -- plan show FMG 2027',
        '  npm run ssj -- help',
      ].join('\n'),
    );
  markReady();
});

async function startWorkerAndCheck(
  config: Config,
  address: string,
  db: Db,
  mailer: ReturnType<typeof createMailer>,
  life: Lifecycle,
  keys: PayloadKeys,
): Promise<{ health: { auditId: number }; client: Client }> {
  const { connection, nativeConnection } = await connectTemporal(address);
  life.onStop(async () => {
    await nativeConnection.close();
    await connection.close();
  });
  // An external cluster may not know our search attributes yet (the dev server was started with them).
  if (config.temporalAddress) await ensureSearchAttributes(connection, config.temporalNamespace);
  // The embedded server's own namespace keeps histories a day unless told otherwise (a cluster's is its operator's).
  else await keepHistories(connection, config.temporalNamespace);
  await runWorker(life, {
    connection: nativeConnection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    deps: { db, mailer, config, now: () => new Date() },
    dataConverter: workerDataConverter(keys, plainPolicy('worker')),
  });
  const client = new Client({
    connection,
    namespace: config.temporalNamespace,
    dataConverter: clientDataConverter(keys, plainPolicy('client')),
  });
  const health = await client.workflow.execute('healthCheck', {
    taskQueue: config.taskQueue,
    workflowId: `health:${new Date().toISOString()}`,
    args: ['ssj-start'],
  });
  return { health, client };
}
