// ssj inspection start --origin COMPLAINT --basis TEXT --unit CODE --enterprise CREDIT_CODE
//                 --inspector CERT --inspector CERT --item CODE [--item CODE …] --from DAY --to DAY
// ssj inspection list [--overdue] [--unit CODE] [--stage STAGE]
//                 show <WORKFLOW_ID>
//                 step <WORKFLOW_ID> <STEP> --actor NAME [--json-args '{…}']
//                 upload-card <WORKFLOW_ID> <FILE> --actor NAME
import fs from 'node:fs';
import { assignedInspectionInput } from '../../client/assigned.ts';
import { startAssignedInspection } from '../../client/start.ts';
import { storeScan } from '../../documents/scans.ts';
import { ORIGIN_NAMES } from '../../domain/sectors.ts';
import { chinaDate } from '../../shared/chinaTime.ts';
import * as m from '../../workflows/inspection/messages.ts';
import { STAGE_NAMES } from '../../workflows/inspection/types.ts';
import { type Args, need, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

const STEPS = m.STEP_UPDATES;

function query(a: Args): string {
  const parts = ["WorkflowType = 'inspection'", "ExecutionStatus = 'Running'"];
  if (a.flag('overdue')) parts.push('SsjOverdue = true');
  const unit = a.string('unit');
  if (unit) parts.push(`SsjUnit = '${unit.replace(/'/g, '')}'`);
  const stage = a.string('stage');
  if (stage) parts.push(`SsjStage = '${stage.replace(/'/g, '')}'`);
  return parts.join(' AND ');
}

export async function inspection(ctx: CliContext, [sub, workflowId, ...rest]: string[], a: Args) {
  if (sub === 'start') return startAssigned(ctx, a); // checked against the rosters before Temporal is reached
  const client = await ctx.client();
  if (sub === 'list') {
    const rows: { workflowId: string; stage: unknown; unit: unknown; due: unknown; overdue: unknown }[] = [];
    for await (const wf of client.workflow.list({ query: query(a) })) {
      const sa = wf.searchAttributes as Record<string, unknown[]>;
      rows.push({
        workflowId: wf.workflowId,
        stage: sa.SsjStage?.[0],
        unit: sa.SsjUnit?.[0],
        due: sa.SsjDueDate?.[0],
        overdue: sa.SsjOverdue?.[0],
      });
    }
    return ctx.print(
      rows
        .map(
          (r) =>
            `${r.overdue ? '逾期 ' : '     '}${r.workflowId}\t${r.unit}\t${r.stage}\tdue ${r.due ? chinaDate(new Date(String(r.due)).getTime()) : '-'}`,
        )
        .join('\n') || '(none)',
      rows,
    );
  }
  if (!workflowId) throw new UsageError('ssj inspection start|list|show|step|upload-card …');
  const handle = client.workflow.getHandle(workflowId);
  if (sub === 'show') {
    const s = await handle.query(m.stateQuery);
    return ctx.print(
      [
        `stage      ${s.stage} ${STAGE_NAMES[s.stage]}`,
        `team       ${s.team.map((t) => `${t.name}${s.confirmed.includes(t.id) ? '✓' : ''}`).join('、')}`,
        ...s.deadlines.map(
          (d) =>
            `deadline   ${d.kind} ${d.dueDate ?? new Date(d.dueAt).toISOString()} ${d.status}${d.provisional ? ' (provisional)' : ''}`,
        ),
        ...s.history.map(
          (h) =>
            `history    ${new Date(h.at).toISOString()} ${h.action} by ${h.actor}${h.detail ? ` — ${h.detail}` : ''}`,
        ),
      ].join('\n'),
      s,
    );
  }
  if (sub === 'step') {
    const name = rest[0] as keyof typeof STEPS;
    const def = STEPS[name];
    if (!def) throw new UsageError(`STEP: one of ${Object.keys(STEPS).join(', ')}`);
    let extra: object = {};
    const raw = a.string('json-args');
    if (raw) {
      try {
        extra = JSON.parse(raw);
      } catch (e) {
        throw new UsageError(`--json-args: not JSON (${(e as Error).message})`);
      }
    }
    const s = await handle.executeUpdate(def as typeof m.submitScheme, {
      args: [{ ...extra, actor: need(a, 'actor') } as never],
    });
    return ctx.print(`done; stage is now ${s.stage} ${STAGE_NAMES[s.stage]}`, s);
  }
  if (sub === 'upload-card') {
    const file = rest[0];
    if (!file || !fs.existsSync(file)) throw new UsageError(`FILE: ${file ?? '(missing)'} does not exist`);
    const upload = storeScan(ctx.config.dataDir, file, fs.readFileSync(file), need(a, 'actor'));
    const s = await handle.executeUpdate(m.uploadFeedbackCard, { args: [upload] });
    return ctx.print(
      `feedback card stored (${upload.sha256.slice(0, 12)}…); emailing it to ${ctx.config.optimisationOfficeEmail}; stage ${s.stage}`,
      s,
    );
  }
  throw new UsageError('ssj inspection start|list|show|step|upload-card …');
}

/** Art. 8: an inspection from a complaint, a report, an assignment, a campaign or a referral. */
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
