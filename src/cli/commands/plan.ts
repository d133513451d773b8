// ssj plan start|submit|review|show <UNIT> <YEAR>
import { startPlan } from '../../client/start.ts';
import { planState, planWorkflowId, reviewPlan, submitPlan } from '../../workflows/annualPlan/messages.ts';
import { type Args, need, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

export async function plan(ctx: CliContext, [sub, unitCode, yearText]: string[], a: Args) {
  if (!unitCode || !yearText) throw new UsageError('ssj plan start|submit|review|show <UNIT> <YEAR>');
  const year = Number(yearText);
  if (!Number.isInteger(year)) throw new UsageError(`YEAR: "${yearText}" must be a year, e.g. 2027`);
  const client = await ctx.client();
  const handle = client.workflow.getHandle(planWorkflowId(unitCode, year));
  if (sub === 'start') {
    const row = await ctx.db.annualPlan.findFirst({ where: { year, unit: { code: unitCode } } });
    if (!row)
      throw new UsageError(
        `no ${year} plan for unit ${unitCode}; units: ${(await ctx.db.unit.findMany()).map((u) => u.code).join(', ')}`,
      );
    await startPlan(client, ctx.config.taskQueue, unitCode, year, {
      planId: row.id,
      approvalDue: a.string('approval-due') ?? `${year - 1}-12-31`,
      policy: ctx.config.policy,
    });
    return ctx.print(`started ${planWorkflowId(unitCode, year)}`, { workflowId: planWorkflowId(unitCode, year) });
  }
  if (sub === 'submit') {
    const s = await handle.executeUpdate(submitPlan, { args: [{ actor: need(a, 'actor') }] });
    return ctx.print(`submitted; projected coverage ${((s.preview?.coverage ?? 0) * 100).toFixed(0)}%`, s);
  }
  if (sub === 'review') {
    const reasons = a.string('return');
    const decision = a.flag('approve') ? 'APPROVE' : reasons !== undefined ? 'RETURN' : undefined;
    if (!decision) throw new UsageError('ssj plan review <UNIT> <YEAR> --actor NAME (--approve | --return "reasons")');
    const s = await handle.executeUpdate(reviewPlan, { args: [{ actor: need(a, 'actor'), decision, reasons }] });
    return ctx.print(`plan is ${s.status}`, s);
  }
  if (sub === 'show') {
    const s = await handle.query(planState);
    const p = s.preview;
    return ctx.print(
      [
        `status     ${s.status}${s.returnReason ? ` (returned: ${s.returnReason})` : ''}`,
        p
          ? `coverage   ${(p.coverage * 100).toFixed(0)}% of ${p.inScope} enterprises; max expected load ${p.maxExpectedLoad.toFixed(2)}; over Art. 15 cap: ${p.overCap}`
          : '',
        ...s.rounds.map((r) => `round ${r.roundNo}    ${r.drawId} on ${r.drawDate}${r.started ? ' (started)' : ''}`),
        ...s.escalations.map((e) => `escalated  ${e.level} at ${new Date(e.at).toISOString()}`),
      ]
        .filter(Boolean)
        .join('\n'),
      s,
    );
  }
  throw new UsageError('ssj plan start|submit|review|show <UNIT> <YEAR>');
}
