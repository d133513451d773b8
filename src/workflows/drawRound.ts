// One draw round of a plan (Art. 13): commit a seed, wait for 法规股 to run
// the draw (with an optional witness string), record it, and start one
// inspection per drawn enterprise. Workflow IDs are business keys, so a
// retry never starts a second inspection.

import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  ParentClosePolicy,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import type { DrawnInspection } from '../activities/draw.ts';
import type { DrawRule } from '../draw/rule.ts';
import { drawing } from './activities.ts';
import type { DeadlinePolicy } from './inspection/types.ts';
import { inspection, inspectionWorkflowId } from './inspection.ts';
import { rejectStep } from './stepRejected.ts';

export interface DrawRoundInput {
  drawId: string;
  planRoundId: number | null;
  unitId: number;
  unitCode: string;
  drawDate: string;
  rule: DrawRule;
  window: { start: string; end: string };
  policy: DeadlinePolicy;
}

export interface DrawRoundState {
  drawId: string;
  stage: 'COMMITTING' | 'AWAITING_DRAW' | 'DRAWING' | 'DRAWN';
  seedCommitment: string | null;
  inputDigest: string | null;
  inspections: { workflowId: string; enterprise: DrawnInspection['enterprise']; team: DrawnInspection['team'] }[];
  lastError: string | null;
}

export interface RunDrawArgs {
  actor: string;
  /** Entropy a witness adds after the roster is frozen (e.g. dice rolled in the room). */
  witness?: string;
}

export const drawRoundState = defineQuery<DrawRoundState>('state');
export const runDrawUpdate = defineUpdate<DrawRoundState, [RunDrawArgs]>('runDraw');

export function drawRoundWorkflowId(drawId: string): string {
  return `draw:${drawId}`;
}

/** A draw round's stages as staff call them (the console shows these too). */
export const DRAW_STAGE_NAMES: Record<DrawRoundState['stage'], string> = {
  COMMITTING: '正在公布种子承诺',
  AWAITING_DRAW: '待抽取',
  DRAWING: '正在抽取',
  DRAWN: '已抽取',
};

function validateRun(s: DrawRoundState, a: RunDrawArgs) {
  if (s.stage !== 'AWAITING_DRAW')
    rejectStep(
      '抽取',
      'runDraw',
      `本轮当前为“${DRAW_STAGE_NAMES[s.stage]}”，只有“待抽取”时可以抽取`,
      `the draw is ${s.stage}, not AWAITING_DRAW`,
    );
  if (typeof a?.actor !== 'string' || !a.actor.trim())
    rejectStep('操作人', 'actor', '请注明抽取人（法规股）', 'say who runs the draw (法规股)');
  if (a.witness !== undefined && (typeof a.witness !== 'string' || a.witness.length > 200))
    rejectStep('见证随机串', 'witness', '不超过 200 字', 'at most 200 characters');
}

export async function drawRound(input: DrawRoundInput): Promise<DrawRoundState> {
  const s: DrawRoundState = {
    drawId: input.drawId,
    stage: 'COMMITTING',
    seedCommitment: null,
    inputDigest: null,
    inspections: [],
    lastError: null,
  };
  setHandler(drawRoundState, () => s);
  let drawn: DrawnInspection[] = [];

  setHandler(
    runDrawUpdate,
    async (a) => {
      validateRun(s, a);
      s.stage = 'DRAWING';
      try {
        const result = await drawing.performDraw({
          drawId: input.drawId,
          planRoundId: input.planRoundId,
          drawDate: input.drawDate,
          rule: input.rule,
          witness: a.witness ?? '',
          actor: a.actor,
        });
        s.inputDigest = result.inputDigest;
        drawn = result.inspections;
        s.inspections = result.inspections.map((x) => ({
          workflowId: inspectionWorkflowId(input.drawId, x.enterprise.creditCode),
          enterprise: x.enterprise,
          team: x.team,
        }));
        s.stage = 'DRAWN';
        s.lastError = null;
        return s;
      } catch (e) {
        // An infeasible rule draws nothing; 法规股 may fix the roster and run again.
        s.stage = 'AWAITING_DRAW';
        s.lastError = (e as { cause?: Error }).cause?.message ?? String(e);
        throw ApplicationFailure.nonRetryable(s.lastError, 'DrawFailed');
      }
    },
    { validator: (a) => validateRun(s, a) },
  );

  s.seedCommitment = await drawing.commitSeed(input.drawId, 'system');
  s.stage = 'AWAITING_DRAW';
  await condition(() => s.stage === 'DRAWN');

  for (const x of drawn) {
    const workflowId = inspectionWorkflowId(input.drawId, x.enterprise.creditCode);
    try {
      await startChild(inspection, {
        workflowId,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [
          {
            workflowId,
            origin: 'RANDOM',
            unitId: input.unitId,
            unitCode: input.unitCode,
            enterprise: x.enterprise,
            drawId: input.drawId,
            team: x.team,
            itemIds: x.itemIds,
            window: input.window,
            policy: input.policy,
          },
        ],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }
  await condition(allHandlersFinished);
  return s;
}
