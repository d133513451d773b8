// The foundation end to end: a workflow on the real Temporal dev server runs
// an activity that writes through Prisma; and the time-skipping test server
// (the Java one from PyPI) runs the same workflow.
import fs from 'node:fs';
import type { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveTestServer, sdkExecutable } from '../../src/temporal/binary.ts';
import { ensureSearchAttributes } from '../../src/temporal/ensureSearchAttributes.ts';
import { createWorker } from '../../src/worker/index.ts';
import { freshSqlite, type TestDb } from '../support/db.ts';
import { testDeps } from '../support/deps.ts';
import { type MailHarness, startMailHarness } from '../support/mail.ts';
import { connectHarness, type TemporalHarness } from '../support/temporal.ts';

describe('smoke', () => {
  let t: TestDb;
  let h: TemporalHarness;
  let mail: MailHarness;
  beforeAll(async () => {
    [t, h, mail] = await Promise.all([freshSqlite(), connectHarness(), startMailHarness()]);
  });
  afterAll(async () => {
    await h?.close();
    await mail?.stop();
    await t?.drop();
  });

  const deps = () => testDeps(t.db, mail.mailer);

  it('runs a workflow on the real dev server that writes through Prisma', async () => {
    const worker = await h.startWorker(deps());
    const result = await worker.runUntil(
      h.client.workflow.execute('healthCheck', { taskQueue: h.taskQueue, workflowId: 'smoke-1', args: ['tester'] }),
    );
    const row = await t.db.auditLog.findUniqueOrThrow({ where: { id: result.auditId } });
    expect(row).toMatchObject({ actor: 'tester', action: 'system.healthCheck', subjectId: 'smoke-1' });
  });

  it('finds the custom search attributes registered on the dev server', async () => {
    expect(await ensureSearchAttributes(h.client.connection as Connection, 'default')).toEqual([]);
    const listed = await h.client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(listed.customAttributes ?? {})).toEqual(
      expect.arrayContaining(['SsjStage', 'SsjUnit', 'SsjDueDate', 'SsjOverdue']),
    );
  });

  it('runs on the time-skipping test server too', async () => {
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: sdkExecutable(resolveTestServer()) },
    });
    try {
      const worker = await createWorker({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue: 'ts',
        deps: deps(),
        workflowBundle: { code: fs.readFileSync(inject('workflowBundlePath'), 'utf8') },
      });
      const r = await worker.runUntil(
        env.client.workflow.execute('healthCheck', { taskQueue: 'ts', workflowId: 'smoke-ts', args: ['ts'] }),
      );
      expect(await t.db.auditLog.count({ where: { id: r.auditId, actor: 'ts' } })).toBe(1);
    } finally {
      await env.teardown();
    }
  });
});
