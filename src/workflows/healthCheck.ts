// Proves the whole chain works — client → server → worker → activity →
// database — and leaves an audit entry saying so. `npm start` runs it once.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';

const { appendAudit } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });

export async function healthCheck(actor: string): Promise<{ auditId: number }> {
  const { workflowId, runId } = workflowInfo();
  const { id } = await appendAudit({
    key: `health:${runId}`,
    actor,
    action: 'system.healthCheck',
    subjectType: 'workflow',
    subjectId: workflowId,
  });
  return { auditId: id };
}
