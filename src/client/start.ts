// Starting workflows the one right way: business-key IDs and a reuse policy
// that refuses a second run, so a retried request never starts a second
// inspection, draw or plan. Used by the CLI, the console and the tests.
import type { Client } from '@temporalio/client';
import { type AnnualPlanInput, annualPlan, planWorkflowId } from '../workflows/annualPlan/workflow.ts';
import { type DrawRoundInput, drawRound, drawRoundWorkflowId } from '../workflows/drawRound/workflow.ts';
import type { InspectionInput } from '../workflows/inspection/types.ts';
import { inspection } from '../workflows/inspection/workflow.ts';

const ONCE = { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const };

export function startDrawRound(client: Client, taskQueue: string, input: DrawRoundInput) {
  return client.workflow.start(drawRound, {
    ...ONCE,
    taskQueue,
    workflowId: drawRoundWorkflowId(input.drawId),
    args: [input],
  });
}

export function startPlan(
  client: Client,
  taskQueue: string,
  unitCode: string,
  year: number,
  input: Omit<AnnualPlanInput, 'workflowId'>,
) {
  const workflowId = planWorkflowId(unitCode, year);
  return client.workflow.start(annualPlan, { ...ONCE, taskQueue, workflowId, args: [{ ...input, workflowId }] });
}

/** Art. 8 inspections (complaint, report, …): recorded and run like any other, never counted as random. */
export function startAssignedInspection(client: Client, taskQueue: string, input: InspectionInput) {
  if (input.origin === 'RANDOM') throw new Error('origin: random inspections are started by their draw round');
  return client.workflow.start(inspection, { ...ONCE, taskQueue, workflowId: input.workflowId, args: [input] });
}
