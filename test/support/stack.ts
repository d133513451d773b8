// The usual integration setup: a fresh SQLite database seeded with the demo
// district, an SMTP listener, a client on the shared dev server and a worker
// on its own task queue — started before the file's tests, stopped after.
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import type { ActivityDeps } from '../../src/activities/index.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { freshSqlite, type TestDb } from './db.ts';
import { testDeps } from './deps.ts';
import { type MailHarness, startMailHarness } from './mail.ts';
import { connectHarness, type TemporalHarness } from './temporal.ts';

export interface Stack {
  t: TestDb;
  h: TemporalHarness;
  mail: MailHarness;
  deps: ActivityDeps;
}

export function useStack(opts: { refuseMail?: () => string | null; worker?: boolean } = {}): Stack {
  const stack = {} as Stack;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    [stack.t, stack.h, stack.mail] = await Promise.all([
      freshSqlite(),
      connectHarness(),
      startMailHarness(opts.refuseMail),
    ]);
    await seedDemo(stack.t.db);
    stack.deps = testDeps(stack.t.db, stack.mail.mailer);
    if (opts.worker !== false) {
      worker = await stack.h.startWorker(stack.deps);
      running = worker.run();
    }
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await stack.h?.close();
    await stack.mail?.stop();
    await stack.t?.drop();
  });
  return stack;
}
