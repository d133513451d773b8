import { allHandlersFinished, condition, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import type { PlanData, PlanStatus } from '../../activities/plan.ts';
import { endOfChinaDay } from '../../shared/chinaTime.ts';
import { SA } from '../../shared/searchAttributes.ts';
import { db, mail } from '../activities.ts';
import { startOnce } from '../children.ts';
import { escalation, watchDeadline } from '../deadlines.ts';
import { drawRound, drawRoundWorkflowId } from '../drawRound/workflow.ts';
import { PROBLEM_WORDS, payloadProblem, refuseUnencrypted } from '../payload.ts';
import { rejectStep } from '../stepRejected.ts';
import {
  type AnnualPlanInput,
  PLAN_STATUS_NAMES,
  type PlanHistoryEvent,
  type PlanState,
  planState,
  type ReviewPlan,
  reviewPlan,
  type SubmitPlan,
  submitPlan,
} from './messages.ts';

export * from './messages.ts';

function roundsOf(plan: PlanData): PlanState['rounds'] {
  return plan.rounds.map((r) => ({
    roundNo: r.roundNo,
    drawId: `D${plan.year}-${plan.unitCode}-${String(r.roundNo).padStart(2, '0')}`,
    drawDate: r.drawDate,
    started: false,
  }));
}

const status = (s: PlanState) => PLAN_STATUS_NAMES[s.status] ?? s.status;

/** A plain object of these fields, within the size limit, an actor's name and texts bounded. */
function requireShape(a: unknown, step: string, fields: string[]) {
  const p = payloadProblem(a, ['actor', ...fields]);
  if (p) rejectStep(step, p.field, PROBLEM_WORDS[p.problem].zh, PROBLEM_WORDS[p.problem].en);
  const x = a as { actor?: unknown; reasons?: unknown };
  if (typeof x.actor !== 'string' || x.actor.length > 100)
    rejectStep('操作人', 'actor', '请注明操作人（不超过 100 字）', 'say who takes the step (at most 100 characters)');
  if (x.reasons !== undefined && (typeof x.reasons !== 'string' || x.reasons.length > 2000))
    rejectStep('退回理由', 'reasons', '须为文字，不超过 2000 字', 'text of at most 2000 characters');
}

function validateSubmit(s: PlanState, a: SubmitPlan) {
  requireShape(a, '报送计划', []);
  if (s.status !== 'DRAFT' && s.status !== 'RETURNED')
    rejectStep(
      '报送计划',
      'submitPlan',
      `计划当前为“${status(s)}”，只有草拟或已退回的计划可以报送`,
      `the plan is ${s.status}, not DRAFT or RETURNED`,
    );
  if (!a?.actor?.trim()) rejectStep('操作人', 'actor', '请注明报送人', 'say who submits the plan');
}

function validateReview(s: PlanState, a: ReviewPlan) {
  requireShape(a, '审核计划', ['decision', 'reasons']);
  if (s.status !== 'SUBMITTED')
    rejectStep(
      '审核计划',
      'reviewPlan',
      `计划当前为“${status(s)}”，只有待审核的计划可以审核`,
      `the plan is ${s.status}, not SUBMITTED`,
    );
  if (!a?.actor?.trim()) rejectStep('操作人', 'actor', '请注明审核人（法规股）', 'say who reviews the plan (法规股)');
  if (a.decision !== 'APPROVE' && a.decision !== 'RETURN')
    rejectStep('审核意见', 'decision', '须为批准或退回', 'must be APPROVE or RETURN');
  if (a.decision === 'RETURN' && !a.reasons?.trim())
    rejectStep('退回理由', 'reasons', '退回须写明理由', 'say why the plan is returned');
}

export async function annualPlan(input: AnnualPlanInput): Promise<PlanState> {
  refuseUnencrypted(input);
  const s: PlanState = {
    status: 'DRAFT',
    preview: null,
    returnReason: null,
    deadline: null,
    rounds: [],
    history: [],
    escalations: [],
  };
  let seq = 0;
  const index: typeof upsertSearchAttributes = (pairs) => {
    if (input.searchAttributes !== false) upsertSearchAttributes(pairs);
  };
  const log = (event: PlanHistoryEvent, actor = 'system') => s.history.push({ ...event, at: Date.now(), actor });
  const setStatus = async (status: PlanStatus, actor: string, reason?: string) => {
    await db.setPlanStatus({ planId: input.planId, status, actor, stepKey: `${++seq}:${status}`, reason });
    s.status = status;
    log({ kind: 'status', status, ...(reason ? { reason } : {}) }, actor);
    index([{ key: SA.stage, value: `PLAN_${status}` }]);
  };

  setHandler(planState, () => s);
  setHandler(
    submitPlan,
    async (a) => {
      validateSubmit(s, a);
      s.preview = await db.planPreview(input.planId);
      await setStatus('SUBMITTED', a.actor);
      return s;
    },
    { validator: (a) => validateSubmit(s, a) },
  );
  setHandler(
    reviewPlan,
    async (a) => {
      validateReview(s, a);
      s.returnReason = a.decision === 'RETURN' ? (a.reasons ?? null) : null;
      await setStatus(a.decision === 'APPROVE' ? 'APPROVED' : 'RETURNED', a.actor, a.reasons);
      return s;
    },
    { validator: (a) => validateReview(s, a) },
  );

  const plan = await db.loadPlan(input.planId);
  s.status = plan.status;
  s.preview = await db.planPreview(input.planId);
  s.rounds = roundsOf(plan);
  index([
    { key: SA.unit, value: plan.unitCode },
    { key: SA.stage, value: `PLAN_${s.status}` },
  ]);

  const approved = () => s.status === 'APPROVED' || s.status === 'RUNNING' || s.status === 'CLOSED';
  const dueAt =
    input.approvalAfterMs !== undefined ? Date.now() + input.approvalAfterMs : endOfChinaDay(input.approvalDue);
  s.deadline = {
    kind: 'PLAN_APPROVAL',
    from: null,
    workingDays: null,
    dueAt,
    dueDate: input.approvalDue,
    provisional: false,
    status: 'OPEN',
  };
  const deadline = s.deadline;
  const pendingMail: Promise<unknown>[] = [];
  const watching = watchDeadline({
    deadline,
    version: () => 0,
    isDone: approved,
    remindBeforeMs: input.policy.remindBeforeMs,
    leaderAfterMs: input.policy.leaderAfterMs,
    fire: escalation(
      () => ({
        inspectionId: null,
        planId: input.planId,
        workflowId: input.workflowId,
        stage: 'PLAN',
        kind: 'PLAN_APPROVAL',
        dueAt,
      }),
      (level, letter) => {
        s.escalations.push({ level, at: Date.now() });
        log({ kind: 'escalation', level, to: letter.to });
        pendingMail.push(mail.sendEmail(letter));
        index([{ key: SA.overdue, value: level !== 'REMINDER' }]);
      },
    ),
  });

  await condition(approved);
  await watching;
  if (s.escalations.length) await db.resolveEscalations(input.workflowId, 'PLAN_APPROVAL');
  if (s.status === 'APPROVED') await setStatus('RUNNING', 'system');

  // Rounds may have been edited while the plan was a draft: run what was approved.
  const approvedPlan = await db.loadPlan(input.planId);
  s.rounds = roundsOf(approvedPlan);
  for (const [k, r] of approvedPlan.rounds.entries()) {
    const wait = endOfChinaDay(r.drawDate) - 86_400_000 + 1 - Date.now(); // start of the draw date, China time
    if (wait > 0) await sleep(wait);
    const info = s.rounds[k] as PlanState['rounds'][number];
    await startOnce(drawRound, drawRoundWorkflowId(info.drawId), {
      drawId: info.drawId,
      planRoundId: r.id,
      unitId: plan.unitId,
      unitCode: plan.unitCode,
      drawDate: r.drawDate,
      rule: r.rule,
      window: { start: r.windowStart, end: r.windowEnd },
      policy: input.policy,
    });
    info.started = true;
    log({ kind: 'roundStarted', roundNo: r.roundNo, drawId: info.drawId });
  }

  const last = approvedPlan.rounds.at(-1);
  if (last) {
    const wait = endOfChinaDay(last.windowEnd) - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await setStatus('CLOSED', 'system');
  await Promise.all(pendingMail);
  await condition(allHandlersFinished);
  return s;
}
