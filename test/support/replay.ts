// Replay recorded histories against the current workflow code: any
// non-determinism (a changed step order, I/O in a workflow) fails here.
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
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

/**
 * With SSJ_RECORD_HISTORIES=<name>, keeps these histories in test/histories/ as
 * `<workflow type>-<name>.binpb` (protobuf History, payloads encrypted under the
 * test key), for histories.test.ts to replay on every later build.
 */
export async function recordHistories(client: Client, workflowIds: string[]): Promise<void> {
  const name = process.env.SSJ_RECORD_HISTORIES;
  if (!name) return;
  for (const workflowId of workflowIds) {
    const handle = client.workflow.getHandle(workflowId);
    const type = (await handle.describe()).type;
    const bytes = proto.temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish();
    fs.writeFileSync(path.resolve(import.meta.dirname, '../histories', `${type}-${name}.binpb`), bytes);
  }
}
