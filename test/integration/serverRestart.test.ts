// The Temporal dev server restarted mid-run on its persisted file: the worker
// and the client reconnect, the inspections in flight continue and end
// exactly as an undisturbed one does. (bench/chaos does this under load.)
import fs from 'node:fs';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/mail/transport.ts';
import { createWorker } from '../../src/worker/index.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { testDeps } from '../support/deps.ts';
import { benchInput, driveInspection, endState } from '../support/drive.ts';
import { testWorkerConverter } from '../support/payloadKeys.ts';
import { type BenchEnv, startBenchEnv } from '../support/privateStack.ts';

describe('Temporal dev server restarted mid-run', () => {
  let env: BenchEnv;
  let worker: Worker;
  let running: Promise<void>;
  let connection: NativeConnection;

  beforeAll(async () => {
    env = await startBenchEnv('restart');
    connection = await NativeConnection.connect({ address: env.server.address });
    const mailer = createMailer({ host: null, port: 0, secure: false, from: 'ssj@test.local' }, env.mail.port);
    worker = await createWorker({
      connection,
      namespace: 'default',
      taskQueue: env.taskQueue,
      deps: testDeps(env.db, mailer, env.dataDir),
      workflowBundle: { code: fs.readFileSync(env.bundlePath, 'utf8') },
      dataConverter: testWorkerConverter(),
    });
    running = worker.run();
  }, 120_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await env?.close();
  });

  it('continues every inspection after the restart', async () => {
    await driveInspection(env.client, env.taskQueue, await benchInput(env.db, 'calm', 0), env.dataDir, 0);
    const calm = await endState(env.db, 'calm-0');

    const inputs = await Promise.all([1, 2, 3].map((n) => benchInput(env.db, 'restart', n * 3)));
    const runs = inputs.map((input, k) => driveInspection(env.client, env.taskQueue, input, env.dataDir, (k + 1) * 3));
    // Restart once every inspection is past its filing, with later steps still to come.
    for (const input of inputs)
      await expect
        .poll(async () => (await env.client.workflow.getHandle(input.workflowId).query(m.stateQuery)).stage, {
          timeout: 60_000,
        })
        .not.toBe('RECUSAL');
    await env.restartServer();
    await Promise.all(runs);
    for (const input of inputs) expect(await endState(env.db, input.workflowId)).toEqual(calm);
    // Delivered once each: filing and feedback card per inspection.
    const ids = env.mail.messages.map((x) => x.raw.toString().match(/^Message-ID:\s*(<[^>]+>)/im)?.[1]);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  }, 240_000);
});
