// Replay recorded histories against the current workflow code: any
// non-determinism (a changed step order, I/O in a workflow) fails here.
import fs from 'node:fs';
import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { expect, inject } from 'vitest';
import { testWorkerConverter } from './payloadKeys.ts';

export async function expectReplays(client: Client, workflowIds: string[]): Promise<void> {
  const histories = await Promise.all(
    workflowIds.map(async (workflowId) => ({
      workflowId,
      history: await client.workflow.getHandle(workflowId).fetchHistory(),
    })),
  );
  const code = fs.readFileSync(inject('workflowBundlePath'), 'utf8');
  let n = 0;
  for await (const r of Worker.runReplayHistories(
    { workflowBundle: { code }, dataConverter: testWorkerConverter() },
    histories,
  )) {
    expect(r.error, `${r.workflowId} replays`).toBeUndefined();
    n++;
  }
  expect(n).toBe(workflowIds.length);
}
