// ssj plan start|submit|review|show <UNIT> <YEAR>
import { WorkflowNotFoundError } from '@temporalio/client';
import { startPlan } from '../../client/start.ts';
import { ESCALATION_LEVEL, nameOf, PLAN_STATUS } from '../../domain/glossary.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import { planState, planWorkflowId, reviewPlan, submitPlan } from '../../workflows/annualPlan/messages.ts';
import { type Args, need, UsageError, yearOf } from '../args.ts';
import type { CliContext } from '../context.ts';
import { unitByCode } from '../units.ts';

const USAGE = 'ssj plan start|submit|review|show <UNIT> <YEAR>   （年度检查计划：启动、报法规股审核、审核、查看）';

export async function plan(ctx: CliContext, [sub, unitCode, yearText]: string[], a: Args) {
  if (!unitCode || !yearText) throw new UsageError(USAGE);
  const year = yearOf(yearText);
  const client = await ctx.client();
  const handle = client.workflow.getHandle(planWorkflowId(unitCode, year));
  /** A plan whose workflow was never started says how to start it. */
  const started = (e: unknown): never => {
    if (e instanceof WorkflowNotFoundError)
      throw new Error(`${unitCode} ${year} 年度检查计划的流程尚未启动：ssj plan start ${unitCode} ${year}`);
    throw e;
  };
  if (sub === 'start') {
    const unit = await unitByCode(ctx, unitCode, 'UNIT');
    const row = await ctx.db.annualPlan.findFirst({ where: { year, unitId: unit.id } });
    if (!row) {
      const years = (await ctx.db.annualPlan.findMany({ where: { unitId: unit.id }, orderBy: { year: 'asc' } })).map(
        (p) => p.year,
      );
      throw new UsageError(
        `${unit.name}没有 ${year} 年度检查计划${years.length ? `；该单位已有的计划：${years.join('、')} 年` : '；该单位还没有任何年度计划'}`,
      );
    }
    await startPlan(client, ctx.config.taskQueue, unitCode, year, {
      planId: row.id,
      approvalDue: a.string('approval-due') ?? `${year - 1}-12-31`,
      policy: ctx.config.policy,
    });
    return ctx.print(
      `已启动${unit.name} ${year} 年度检查计划的流程；编制完成后报审：ssj plan submit ${unitCode} ${year} --actor 姓名`,
      { workflowId: planWorkflowId(unitCode, year) },
    );
  }
  if (sub === 'submit') {
    const s = await handle.executeUpdate(submitPlan, { args: [{ actor: need(a, 'actor') }] }).catch(started);
    return ctx.print(`计划已提交法规股审核；预计覆盖率 ${((s.preview?.coverage ?? 0) * 100).toFixed(0)}%`, s);
  }
  if (sub === 'review') {
    const reasons = a.string('return');
    const decision = a.flag('approve') ? 'APPROVE' : reasons !== undefined ? 'RETURN' : undefined;
    if (!decision)
      throw new UsageError(
        'ssj plan review <UNIT> <YEAR> --actor NAME (--approve | --return "退回理由")   （批准，或写明理由退回）',
      );
    const s = await handle
      .executeUpdate(reviewPlan, { args: [{ actor: need(a, 'actor'), decision, reasons }] })
      .catch(started);
    return ctx.print(`计划状态：${statusText(s.status, s.returnReason)}`, s);
  }
  if (sub === 'show') {
    const s = await handle.query(planState).catch(started);
    const p = s.preview;
    return ctx.print(
      [
        `状态      ${statusText(s.status, s.returnReason)}`,
        p
          ? `预估      范围内企业 ${p.inScope} 家；预计全年至少检查一次的比例 ${(p.coverage * 100).toFixed(0)}%；单个企业预计最多 ${p.maxExpectedLoad.toFixed(2)} 次；超过第十五条 4 次上限的企业 ${p.overCap} 家`
          : '',
        ...s.rounds.map(
          (r) => `第 ${r.roundNo} 轮    ${r.drawId}，抽取日期 ${r.drawDate}${r.started ? '（已开始抽取）' : ''}`,
        ),
        ...s.escalations.map((e) => `提醒上报  ${nameOf(ESCALATION_LEVEL, e.level)}，${chinaDateTime(e.at)}`),
      ]
        .filter(Boolean)
        .join('\n'),
      s,
    );
  }
  throw new UsageError(USAGE);
}

const statusText = (status: string, returnReason: string | null) =>
  `${nameOf(PLAN_STATUS, status)}${returnReason ? `（退回理由：${returnReason}）` : ''}`;
