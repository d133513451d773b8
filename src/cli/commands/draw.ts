// ssj draw list | run <DRAW_ID> --actor NAME [--witness TEXT] | verify <DRAW_ID>

import type { WorkflowHandle } from '@temporalio/client';
import { verifyStoredDraw } from '../../records/draws.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import { drawRoundState, drawRoundWorkflowId, runDrawUpdate } from '../../workflows/drawRound.ts';
import { type Args, need, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

export async function draw(ctx: CliContext, [sub, drawId]: string[], a: Args) {
  if (sub === 'list') {
    const rows = await ctx.db.drawRecord.findMany({ orderBy: { createdAt: 'asc' } });
    return ctx.print(
      rows
        .map(
          (r) =>
            `${r.id}\t${r.kind}\t${r.createdAt.toISOString()}\t${r.supersedesId ? `supersedes ${r.supersedesId}` : ''}`,
        )
        .join('\n') || '(no draws yet)',
      rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        createdAt: r.createdAt,
        supersedes: r.supersedesId,
        inputDigest: r.inputDigest,
      })),
    );
  }
  if (!drawId) throw new UsageError('ssj draw list | run <DRAW_ID> --actor NAME [--witness TEXT] | verify <DRAW_ID>');
  if (sub === 'run') {
    const handle = (await ctx.client()).workflow.getHandle(drawRoundWorkflowId(drawId));
    const args = { actor: need(a, 'actor'), witness: a.string('witness') };
    const s = await handle.executeUpdate(runDrawUpdate, { args: [args] }).catch(async (e: unknown) => {
      throw (await alreadyDrawn(handle, drawId)) ?? e;
    });
    return ctx.print(
      [
        `drawn ${s.drawId} (digest ${s.inputDigest})`,
        ...s.inspections.map((i) => `  ${i.enterprise.name}: ${i.team.map((t) => t.name).join('、')}`),
      ].join('\n'),
      s,
    );
  }
  if (sub === 'show') {
    const s = await (await ctx.client()).workflow.getHandle(drawRoundWorkflowId(drawId)).query(drawRoundState);
    return ctx.print(`${s.drawId}: ${s.stage}; seed commitment ${s.seedCommitment}`, s);
  }
  if (sub === 'verify') {
    const results = await verifyStoredDraw(ctx.db, drawId);
    const ok = results.every((r) => r.ok);
    ctx.print(
      results
        .map(
          (r) =>
            `${r.ok ? 'ok  ' : 'FAIL'} ${r.drawId} ${r.kind}${r.problems.length ? `: ${r.problems.join('; ')}` : ''}`,
        )
        .join('\n'),
      { ok, results },
    );
    if (!ok) process.exitCode = 2;
    return;
  }
  throw new UsageError(
    'ssj draw list | run <DRAW_ID> --actor NAME [--witness TEXT] | show <DRAW_ID> | verify <DRAW_ID>',
  );
}

/**
 * A round that has drawn closes its workflow, and the server then refuses the
 * Update with "workflow execution already completed". Say what that means to
 * 法规股: it was drawn, when, and how to check it.
 */
async function alreadyDrawn(handle: WorkflowHandle, drawId: string): Promise<Error | null> {
  const d = await handle.describe().catch(() => null);
  if (d?.status.name !== 'COMPLETED') return null;
  const closed = d.closeTime ? `（${chinaDateTime(d.closeTime.getTime())} 结束）` : '';
  return new Error(
    `本轮 ${drawId} 已抽取${closed}，不能再次抽取；复核抽取结果：ssj draw verify ${drawId}` +
      `（the draw has already run; check it with ssj draw verify ${drawId}）`,
  );
}
