// The annual plan workflow's contract: its input, its state (what the query
// returns), the Updates staff and 法规股 send, and its business key. Pure
// types and definitions: imported by the workflow, the console and the CLI.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PlanPreview, PlanStatus } from '../../activities/plan.ts';
import type { Deadline, DeadlinePolicy } from '../../domain/deadline.ts';
import { PLAN_STATUS } from '../../domain/glossary.ts';
import type { Level } from '../deadlines.ts';

export interface AnnualPlanInput {
  planId: number;
  workflowId: string;
  /** Art. 11: the plan for year N is due by the end of year N−1 (default `${year-1}-12-31`). */
  approvalDue: string;
  /** Tests: the approval deadline in ms from start instead of a date. */
  approvalAfterMs?: number;
  policy: DeadlinePolicy;
  /** false only on servers without custom search attributes (the Java time-skipping test server). */
  searchAttributes?: boolean;
}

export interface PlanState {
  status: PlanStatus;
  preview: PlanPreview | null;
  returnReason: string | null;
  deadline: Deadline | null;
  rounds: { roundNo: number; drawId: string; drawDate: string; started: boolean }[];
  history: PlanHistoryEntry[];
  escalations: { level: Level; at: number }[];
}

export interface SubmitPlan {
  actor: string;
}
export interface ReviewPlan {
  actor: string;
  decision: 'APPROVE' | 'RETURN';
  reasons?: string;
}

export const planState = defineQuery<PlanState>('state');
export const submitPlan = defineUpdate<PlanState, [SubmitPlan]>('submitPlan');
export const reviewPlan = defineUpdate<PlanState, [ReviewPlan]>('reviewPlan');

export function planWorkflowId(unitCode: string, year: number): string {
  return `plan:${unitCode}:${year}`;
}

/** What happened to a plan, typed (never parsed back from text). */
export type PlanHistoryEvent =
  | { kind: 'status'; status: PlanStatus; reason?: string }
  | { kind: 'roundStarted'; roundNo: number; drawId: string }
  | { kind: 'escalation'; level: Level; to: string };
export type PlanHistoryEntry = PlanHistoryEvent & { at: number; actor: string };

/** The plan's states as 法规股 and the units call them (the console shows these too). */
export const PLAN_STATUS_NAMES: Readonly<Record<PlanStatus, string>> = PLAN_STATUS;
