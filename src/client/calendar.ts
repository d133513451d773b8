// After a calendar import, every open inspection recomputes its provisional
// due dates (it is told by signal; the workflow asks the calendar again).
import type { Client } from '@temporalio/client';
import { calendarChanged } from '../workflows/inspection/messages.ts';

export async function notifyCalendarChanged(client: Client): Promise<number> {
  let n = 0;
  for await (const wf of client.workflow.list({
    query: "WorkflowType = 'inspection' AND ExecutionStatus = 'Running'",
  })) {
    await client.workflow.getHandle(wf.workflowId).signal(calendarChanged);
    n++;
  }
  return n;
}
