// How long the server keeps a finished workflow's history. The embedded dev
// server creates its namespace with a day; an inspection's page, and anyone
// checking how it went, read that history long after it ends. Ten years, as
// the production namespace is created (docker-compose.yml).
import type { Connection } from '@temporalio/client';
import { msToTs, tsToMs } from '@temporalio/common/lib/time.js';

export const KEEP_HISTORIES_DAYS = 3650;

/** Raises the namespace's retention to ten years if it is shorter; true if it changed it. */
export async function keepHistories(
  connection: Pick<Connection, 'workflowService'>,
  namespace: string,
): Promise<boolean> {
  const ms = KEEP_HISTORIES_DAYS * 86_400_000;
  const described = await connection.workflowService.describeNamespace({ namespace });
  if (tsToMs(described.config?.workflowExecutionRetentionTtl) >= ms) return false;
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msToTs(ms) },
  });
  return true;
}
