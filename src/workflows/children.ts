// Starting a child workflow exactly once: a plan starts its draw rounds, a
// round its inspections. The child outlives its parent (ABANDON), its ID is
// a business key that is never reused (REJECT_DUPLICATE), and a start that
// finds it already running (a retried task, a reset parent) goes on.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';

export async function startOnce<A>(
  workflow: (input: A) => Promise<unknown>,
  workflowId: string,
  input: A,
): Promise<void> {
  try {
    await startChild(workflow, {
      workflowId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [input],
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}
