// ssj inspection start --origin COMPLAINT --basis TEXT --unit CODE --enterprise CREDIT_CODE
//                 --inspector CERT --inspector CERT --item CODE [--item CODE …] --from DAY --to DAY
// ssj inspection list [--overdue] [--unit CODE] [--stage STAGE]
//                 show <WORKFLOW_ID>
//                 step <WORKFLOW_ID> <STEP> --actor NAME [--json-args '{…}']
//                 upload-card <WORKFLOW_ID> <FILE> [FILE…] --actor NAME   (several photos: one PDF)
import fs from 'node:fs';
import { assignedInspectionInput } from '../../client/assigned.ts';
import { startAssignedInspection } from '../../client/start.ts';
import { isStepName, STEPS, type StepInput, StepInputError } from '../../client/steps.ts';
import { renderPdf } from '../../documents/pdfThread.ts';
import { ScanRejected, storeScans } from '../../documents/scans.ts';
import { PROVISIONAL_DUE, STEP } from '../../domain/glossary.ts';
import { ORIGIN_NAMES } from '../../domain/sectors.ts';
import { chinaDate, chinaDateTime } from '../../shared/chinaTime.ts';
import { timelineRow } from '../../web/inspectionLabels.ts';
import * as m from '../../workflows/inspection/messages.ts';
import { DEADLINE_NAMES, STAGE_NAMES } from '../../workflows/inspection/types.ts';
import { type Args, need, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

const USAGE = `ssj inspection start --origin ORIGIN --basis TEXT --unit CODE --enterprise CREDIT_CODE --inspector CERT …
                  --item CODE … --from DAY --to DAY       （开启第八条规定的非随机检查）
  ssj inspection list [--overdue] [--unit CODE] [--stage STAGE]   （进行中的检查；--overdue 只列逾期的）
  ssj inspection show <WORKFLOW_ID>                     （一项检查的阶段、期限和经过）
  ssj inspection step <WORKFLOW_ID> <STEP> --actor NAME [--json-args '{…}']   （办理一个步骤）
  ssj inspection upload-card <WORKFLOW_ID> <FILE> [FILE…] --actor NAME   （上传满意度反馈卡，多张照片合成一个 PDF）`;

/** The steps as their refusal messages name them. */
const STEP_WORDS: Record<keyof typeof STEPS, string> = {
  confirm: STEP.confirmNoConflict,
  declare: STEP.declareConflict,
  scheme: STEP.submitScheme,
  date: STEP.chooseDate,
  results: STEP.recordResults,
  publication: STEP.confirmPublication,
  followup: STEP.decideFollowUp,
};

/**
 * Open inspections as 我的待办 lists them: from the database's record (the stage each step wrote, the
 * earliest deadline not yet met), earliest due first; overdue when that deadline has passed.
 */
async function openInspections(ctx: CliContext, a: Args) {
  const now = new Date();
  const unit = a.string('unit');
  const stage = a.string('stage');
  const found = await ctx.db.inspection.findMany({
    where: {
      stage: stage ? { equals: stage, not: 'DONE' } : { not: 'DONE' },
      ...(unit ? { unit: { code: unit } } : {}),
      ...(a.flag('overdue') ? { nextDueAt: { lt: now } } : {}),
    },
    select: {
      workflowId: true,
      stage: true,
      nextDueAt: true,
      nextDueProvisional: true,
      unit: { select: { code: true, name: true } },
    },
    orderBy: [{ nextDueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  });
  return found.map((r) => ({
    workflowId: r.workflowId,
    stage: r.stage,
    unit: r.unit.code,
    unitName: r.unit.name,
    due: r.nextDueAt,
    provisional: r.nextDueProvisional,
    overdue: r.nextDueAt !== null && r.nextDueAt < now,
  }));
}

export async function inspection(ctx: CliContext, [sub, workflowId, ...rest]: string[], a: Args) {
  if (sub === 'start') return startAssigned(ctx, a); // checked against the rosters before Temporal is reached
  if (sub === 'list') {
    const rows = await openInspections(ctx, a);
    return ctx.print(
      rows
        .map(
          (r) =>
            `${r.overdue ? '逾期 ' : '     '}${r.workflowId}\t${r.unitName}\t${STAGE_NAMES[r.stage as keyof typeof STAGE_NAMES] ?? r.stage}\t期限 ${r.due ? chinaDate(r.due.getTime()) : '—'}${r.provisional ? PROVISIONAL_DUE : ''}`,
        )
        .join('\n') || '（没有进行中的检查）',
      rows,
    );
  }
  const client = await ctx.client();
  if (!workflowId) throw new UsageError(USAGE);
  const handle = client.workflow.getHandle(workflowId);
  if (sub === 'show') {
    const s = await handle.query(m.stateQuery);
    return ctx.print(
      [
        `阶段      ${STAGE_NAMES[s.stage]}`,
        `检查组    ${s.team.map((t) => `${t.name}${s.confirmed.includes(t.id) ? '（已确认无利害关系）' : ''}`).join('、')}`,
        ...s.deadlines.map(
          (d) =>
            `期限      ${DEADLINE_NAMES[d.kind]} ${d.dueDate ?? chinaDate(d.dueAt)}${d.status === 'MET' ? ' 已完成' : d.status === 'OVERDUE' ? ' 已逾期' : ''}${d.provisional ? PROVISIONAL_DUE : ''}`,
        ),
        ...s.history.map(
          (h) => `经过      ${chinaDateTime(h.at)} ${timelineRow(h, s.team).filter(Boolean).join('：')}（${h.actor}）`,
        ),
      ].join('\n'),
      s,
    );
  }
  if (sub === 'step') {
    const name = rest[0] ?? '';
    if (!isStepName(name))
      throw new UsageError(
        `STEP：应为以下之一：${Object.keys(STEPS)
          .map((k) => `${k}（${STEP_WORDS[k as keyof typeof STEPS]}）`)
          .join('、')}`,
      );
    const input = jsonArgs(a.string('json-args'));
    const actor = need(a, 'actor');
    const s = await STEPS[name].send(handle, input, { db: ctx.db, actor, items: [] }).catch((e: unknown) => {
      throw e instanceof StepInputError ? new UsageError(e.message) : e;
    });
    return ctx.print(`已办理；现处于“${STAGE_NAMES[s.stage]}”阶段`, s);
  }
  if (sub === 'upload-card') {
    if (!rest.length) throw new UsageError('FILE：请给出反馈卡扫描件或照片（多张照片合成一个 PDF）');
    for (const f of rest) if (!fs.existsSync(f)) throw new UsageError(`FILE：${f} 不存在`);
    const files = rest.map((f) => ({ filename: f, bytes: fs.readFileSync(f) }));
    const upload = await storeScans(ctx.config.dataDir, files, need(a, 'actor'), (photos) =>
      renderPdf({ kind: 'photos', data: photos }),
    ).catch((e: unknown) => {
      throw e instanceof ScanRejected ? new UsageError(e.message) : e;
    });
    const s = await handle.executeUpdate(m.uploadFeedbackCard, { args: [upload] });
    return ctx.print(
      `反馈卡已保存，正发送至区优化办邮箱 ${ctx.config.optimisationOfficeEmail}；现处于“${STAGE_NAMES[s.stage]}”阶段`,
      s,
    );
  }
  throw new UsageError(USAGE);
}

/** Art. 8: an inspection from a complaint, a report, an assignment, a campaign or a referral. */
/** --json-args: a JSON object of the step's fields (the actor comes from --actor, never from here). */
function jsonArgs(raw: string | undefined): StepInput {
  if (!raw) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    throw new UsageError(`--json-args：不是 JSON（${(e as Error).message}）`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError('--json-args：须为 JSON 对象 {…}');
  const { actor: _ignored, ...fields } = v as StepInput;
  return fields;
}

async function startAssigned(ctx: CliContext, a: Args) {
  const form = {
    origin: need(a, 'origin'),
    basis: need(a, 'basis'),
    unitCode: need(a, 'unit'),
    creditCode: need(a, 'enterprise'),
    inspectorCerts: a.strings('inspector'),
    itemCodes: a.strings('item'),
    from: need(a, 'from'),
    to: need(a, 'to'),
  };
  const input = await assignedInspectionInput(ctx.db, ctx.config.policy, form);
  const client = await ctx.client();
  await startAssignedInspection(client, ctx.config.taskQueue, input).catch((e: Error) => {
    if (e.name === 'WorkflowExecutionAlreadyStartedError')
      throw new Error(`这项检查已经开始（${input.workflowId}）：ssj inspection show ${input.workflowId}`);
    throw e;
  });
  return ctx.print(
    `已开始 ${ORIGIN_NAMES[input.origin]} 检查：${input.enterprise.name}，${input.team.map((t) => t.name).join('、')}（${input.workflowId}）`,
    { workflowId: input.workflowId },
  );
}
