// ssj draw list | run <DRAW_ID> --actor NAME [--witness TEXT] | verify <DRAW_ID>

import { verifyStoredDraw } from '../../records/draws.ts';
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
    const s = await handle.executeUpdate(runDrawUpdate, {
      args: [{ actor: need(a, 'actor'), witness: a.string('witness') }],
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
