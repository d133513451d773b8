// A private stack for a bench script: its own Temporal dev server persisted
// to a file, a migrated and seeded SQLite database, an SMTP listener, and the
// workflow bundle on disk (for worker processes). Nothing shared with tests.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createDb, type Db, migrate } from '../../src/db/client.ts';
import { type MailCapture, startMailCapture } from '../../src/mail/capture.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { type DevServer, startDevServer } from '../../src/temporal/devServer.ts';
import { ensureSearchAttributes } from '../../src/temporal/ensureSearchAttributes.ts';
import { bundleWorkflows } from '../../src/worker/index.ts';
import { testClientConverter } from './payloadKeys.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface BenchEnv {
  dir: string;
  dataDir: string;
  server: DevServer;
  /** Restart the dev server on the same file and port (its state survives). */
  restartServer(): Promise<void>;
  client: Client;
  dbUrl: string;
  db: Db;
  mail: MailCapture;
  bundlePath: string;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startBenchEnv(name: string): Promise<BenchEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ssj-${name}-`));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  const serverOpts = {
    dbFile: path.join(dir, 'temporal.db'),
    port: await freePort(),
    uiPort: await freePort(),
    logFile: path.join(dir, 'temporal.log'),
    pragmas: ['journal_mode=WAL', 'synchronous=NORMAL'],
  };
  // BENCH_TEMPORAL_ADDRESS: an external server (e.g. Temporal on PostgreSQL) instead of a private dev server.
  const external = process.env.BENCH_TEMPORAL_ADDRESS;
  const env = {
    server: external
      ? { address: external, uiUrl: '', cliPath: '', stop: async () => undefined }
      : await startDevServer(serverOpts),
  } as BenchEnv;
  const connection = await Connection.connect({ address: env.server.address });
  // A full server starts without our search attributes (the dev server gets them as flags).
  if (external) await ensureSearchAttributes(connection, 'default');
  const dbUrl = `file:${path.join(dir, 'ssj.db')}`;
  await migrate(dbUrl);
  const db = createDb(dbUrl);
  await seedDemo(db);
  const bundlePath = path.join(dir, 'workflows.js');
  fs.writeFileSync(bundlePath, (await bundleWorkflows()).code);
  return Object.assign(env, {
    dir,
    dataDir,
    client: new Client({ connection, dataConverter: testClientConverter() }),
    dbUrl,
    db,
    mail: await startMailCapture({ port: 0 }),
    bundlePath,
    taskQueue: `${name}-${randomBytes(3).toString('hex')}`,
    async restartServer() {
      if (external) throw new Error('BENCH_TEMPORAL_ADDRESS: an external server is not restarted by the bench');
      await env.server.stop();
      env.server = await startDevServer(serverOpts);
    },
    async close() {
      await connection.close();
      await env.mail.stop();
      await db.$disconnect();
      await env.server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}
