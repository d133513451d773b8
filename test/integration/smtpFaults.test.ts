// SMTP down (nothing listening) and SMTP slow (the "250" held past the
// activity's heartbeat timeout): the filing email is retried with backoff
// while the server is away and delivered once when it returns; a slow server
// is waited for, not abandoned and sent again.
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssignedInspection } from '../../src/client/start.ts';
import { type MailCapture, startMailCapture } from '../../src/mail/capture.ts';
import { createMailer } from '../../src/mail/transport.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { testDeps } from '../support/deps.ts';
import { demoInput, eventually } from '../support/inspection.ts';
import { freePort } from '../support/privateStack.ts';
import { useStack } from '../support/stack.ts';

describe('SMTP down, then slow', () => {
  const stack = useStack({ worker: false });
  let port: number;
  let capture: MailCapture | undefined;
  let worker: Worker;
  let running: Promise<void>;
  let slowMs = 0;

  beforeAll(async () => {
    port = await freePort();
    const mailer = createMailer({ host: null, port: 0, secure: false, from: 'ssj@test.local' }, port);
    worker = await stack.h.startWorker(testDeps(stack.t.db, mailer));
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await capture?.stop();
  });

  async function confirmTeam(id: string) {
    const input = await demoInput(stack.t.db, id);
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    for (const x of input.team)
      await handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: x.id, actor: x.name }] });
    return stack.t.db.inspection.findUniqueOrThrow({ where: { workflowId: id } });
  }
  const filingRow = (inspectionId: number) =>
    stack.t.db.emailMessage.findUniqueOrThrow({ where: { messageId: `<filing.${inspectionId}@ssj.lstyjj>` } });
  const deliveries = (inspectionId: number) =>
    (capture?.messages ?? []).filter((x) => x.raw.toString().includes(`<filing.${inspectionId}@ssj.lstyjj>`)).length;

  it('retries while nothing listens, and delivers once when the server is back', async () => {
    const row = await confirmTeam('smtp-down');
    const failing = await eventually(async () => {
      const e = await filingRow(row.id);
      expect(e.attempts).toBeGreaterThanOrEqual(2); // retried, with backoff
      return e;
    }, 30_000);
    expect(failing.status).toBe('PENDING');
    expect(failing.lastError).toMatch(/ECONNREFUSED|connect/i);
    capture = await startMailCapture({ port, delayMs: () => slowMs });
    await eventually(async () => expect((await filingRow(row.id)).status).toBe('SENT'), 60_000);
    expect(deliveries(row.id)).toBe(1);
  }, 120_000);

  it('waits for a server that takes 13 s to answer, heartbeating, and sends once', async () => {
    slowMs = 13_000; // past the 10 s heartbeat timeout: only heartbeats keep the attempt alive
    const row = await confirmTeam('smtp-slow');
    await eventually(async () => expect((await filingRow(row.id)).status).toBe('SENT'), 60_000);
    const e = await filingRow(row.id);
    expect(e.attempts).toBe(1);
    expect(deliveries(row.id)).toBe(1);
  }, 120_000);
});
