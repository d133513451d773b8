// ssj draw — a draw session from the command line (docs/draw.md, section 1):
//   list | show <ID> | setup | commit | freeze | reveal | close | beacon | verify | export, and `secret`,
//   which makes a participant's secret and commitment on this machine without contacting anything.
import fs from 'node:fs';
import type { UpdateDefinition, WorkflowHandle } from '@temporalio/client';
import { newSecret, nextStepText, participantsOf, roundHandle } from '../../client/drawSession.ts';
import { DRAW_RECORD_KIND, nameOf } from '../../domain/glossary.ts';
import { exportDraw, verifyStoredDraw } from '../../records/draws.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import { SA } from '../../shared/searchAttributes.ts';
import * as m from '../../workflows/drawRound/messages.ts';
import { type Args, need, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

const USAGE = `ssj draw list                                      （进行中的抽取会及其下一步，和已完成的抽取）
  ssj draw show <ID>                                 （一轮抽取会的进度）
  ssj draw setup <ID> --actor NAME --participant USER [--participant USER …] --source TEXT --kind LOTTERY|DICE
                --count N --max M [--available-at ISO]   （设定抽取会：公开开奖须写明开奖时间；至少一位见证人参加）
  ssj draw secret <ID> <USER> [--session N]          （在参与人自己的电脑上生成密钥及其承诺值）
  ssj draw commit <ID> --participant USER --commitment HEX   （提交承诺值）
  ssj draw freeze <ID> --actor NAME                  （冻结名录并公布校验值）
  ssj draw reveal <ID> --participant USER --secret HEX   （揭示密钥）
  ssj draw close <ID> --actor NAME                   （结束揭示）
  ssj draw beacon <ID> --participant USER --value "03 11 17 22 28 31 + 09"   （录入公开随机数：两位参与人分别录入，须一致）
  ssj draw abandon <ID> --actor NAME                 （放弃本次抽取会，仅限冻结前，例如有人不能到场）
  ssj draw verify <ID>                               （复核抽取结果）
  ssj draw export <ID> <FILE.json>                   （导出完整抽取记录）`;

function describe(s: m.DrawRoundState): string {
  const lines = [`${s.drawId}（第 ${s.session} 次抽取会）：${m.DRAW_STAGE_NAMES[s.stage]}`];
  if (s.beacon)
    lines.push(
      `  公开随机源：${s.beacon.source}${s.beacon.availableAt ? `（${chinaDateTime(Date.parse(s.beacon.availableAt))} 公布）` : ''}`,
    );
  for (const p of s.participants)
    lines.push(
      `  ${p.name}（${p.participant}）：${p.commitment ? `承诺值 ${p.commitment}` : '未提交承诺值'}${p.secret ? '，已揭示' : p.withheld ? '，未揭示（已记录）' : ''}`,
    );
  if (s.inputDigest)
    lines.push(`  名录冻结：${s.frozenAt ? chinaDateTime(Date.parse(s.frozenAt)) : ''}，校验值 ${s.inputDigest}`);
  if (s.beaconValue) lines.push(`  公开随机数：${s.beaconValue}`);
  else if (s.beaconEntries.length)
    lines.push(
      `  公开随机数：${s.beaconEntries.map((e) => `${e.participant} 录入 ${e.canonical}`).join('；')}（待另一位参与人核对录入）`,
    );
  for (const i of s.inspections) lines.push(`  ${i.enterprise.name}：${i.team.map((t) => t.name).join('、')}`);
  const next = nextStepText(s);
  if (next) lines.push(`  下一步：${next}`);
  if (s.lastError) lines.push(`  注意：${s.lastError}`);
  return lines.join('\n');
}

/** Open rounds from the server's index (no query: a round whose worker is away does not hold this up), and draws made. */
async function list(ctx: CliContext) {
  const client = await ctx.client();
  const open: { drawId: string; stage: string; waitingOn: string[] }[] = [];
  for await (const wf of client.workflow.list({
    query: "WorkflowType = 'drawRound' AND ExecutionStatus = 'Running'",
  })) {
    open.push({
      drawId: wf.workflowId.replace(/^draw:/, ''),
      stage: wf.typedSearchAttributes.get(SA.stage) ?? 'SETUP',
      waitingOn: wf.typedSearchAttributes.get(SA.waitingOn) ?? [],
    });
  }
  const rows = await ctx.db.drawRecord.findMany({ where: { kind: 'INITIAL' }, orderBy: { createdAt: 'asc' } });
  const lines = [
    ...open.map(
      (r) =>
        `${r.drawId}\t${m.DRAW_STAGE_NAMES[r.stage as m.DrawStage] ?? r.stage}\t${r.waitingOn.length ? `等待：${r.waitingOn.join('、')}` : '等待法规股'}`,
    ),
    ...rows.map((r) => `${r.id}\t已抽取 ${chinaDateTime(r.createdAt.getTime())}\t${r.algorithmVersion}`),
  ];
  ctx.print(lines.join('\n') || '（还没有抽取轮次）', {
    open,
    drawn: rows.map((r) => ({ id: r.id, createdAt: r.createdAt, algorithmVersion: r.algorithmVersion })),
  });
}

/** Send one step; a round that has drawn says so in words instead of "workflow execution already completed". */
async function step<A>(ctx: CliContext, drawId: string, update: UpdateDefinition<m.DrawRoundState, [A]>, args: A) {
  const handle = roundHandle(await ctx.client(), drawId);
  const s = await handle.executeUpdate(update, { args: [args] }).catch(async (e: unknown) => {
    throw (await alreadyDrawn(handle, drawId)) ?? e;
  });
  ctx.print(describe(s), s);
}

/** `--participant` may repeat for set-up; commit and reveal take exactly one. */
function oneParticipant(a: Args): string {
  const [who, ...more] = a.strings('participant');
  if (!who || more.length) throw new UsageError('--participant：一个参与人的登录用户名，例如 --participant fagui');
  return who;
}

export async function draw(ctx: CliContext, [sub, drawId, extra]: string[], a: Args) {
  if (sub === 'list') return list(ctx);
  if (!drawId) throw new UsageError(USAGE);
  switch (sub) {
    case 'show':
      return ctx.print(describe(await roundHandle(await ctx.client(), drawId).query(m.drawRoundState)), null);
    case 'setup': {
      const participants = await participantsOf(ctx.db, a.strings('participant'));
      const availableAt = a.string('available-at');
      if (availableAt && Number.isNaN(Date.parse(availableAt)))
        throw new UsageError('--available-at：开奖时间，例如 2027-03-30T21:15+08:00');
      const beacon = {
        kind: need(a, 'kind') as 'LOTTERY' | 'DICE',
        source: need(a, 'source'),
        availableAt: availableAt ? new Date(availableAt).toISOString() : null,
        count: Number(need(a, 'count')),
        max: Number(need(a, 'max')),
      };
      return step(ctx, drawId, m.setupSession, { actor: need(a, 'actor'), participants, beacon });
    }
    case 'secret': {
      if (!extra)
        throw new UsageError('ssj draw secret <ID> <USER> [--session N]   （在参与人自己的电脑上生成密钥及其承诺值）');
      const session = Number(a.string('session') ?? '1');
      const made = newSecret(drawId, session, extra);
      return ctx.print(
        [
          `密钥（请抄写或保存，揭示时输入；不要给任何人看）：${made.secret}`,
          `承诺值（现在提交）：${made.commitment}`,
        ].join('\n'),
        { drawId, session, participant: extra, ...made },
      );
    }
    case 'commit': {
      // The session the commitment was made for (ssj draw secret … --session N); the round refuses another.
      const session = Number(
        a.string('session') ?? (await roundHandle(await ctx.client(), drawId).query(m.drawRoundState)).session,
      );
      return step(ctx, drawId, m.commitSecret, {
        participant: oneParticipant(a),
        commitment: need(a, 'commitment').trim().toLowerCase(),
        session,
      });
    }
    case 'freeze':
      return step(ctx, drawId, m.freezeRound, { actor: need(a, 'actor') });
    case 'reveal':
      return step(ctx, drawId, m.revealSecret, { participant: oneParticipant(a), secret: need(a, 'secret') });
    case 'close':
      return step(ctx, drawId, m.closeReveals, { actor: need(a, 'actor') });
    case 'beacon':
      return step(ctx, drawId, m.enterBeacon, { participant: oneParticipant(a), value: need(a, 'value') });
    case 'abandon':
      return step(ctx, drawId, m.abandonSession, { actor: need(a, 'actor') });
    case 'verify':
      return verify(ctx, drawId);
    case 'export': {
      if (!extra) throw new UsageError('ssj draw export <ID> <FILE.json>   （导出完整抽取记录）');
      const x = await exportDraw(ctx.db, drawId);
      if (!x) throw new Error(`${drawId}：还没有抽取记录（ssj draw show ${drawId} 查看进度）`);
      fs.writeFileSync(extra, `${JSON.stringify(x, null, 2)}\n`);
      return ctx.print(`已导出 ${drawId} 的完整抽取记录（${x.records.length} 条）到 ${extra}`, { file: extra });
    }
    default:
      throw new UsageError(USAGE);
  }
}

async function verify(ctx: CliContext, drawId: string) {
  const results = await verifyStoredDraw(ctx.db, drawId);
  const ok = results.every((r) => r.ok);
  ctx.print(
    results
      .map(
        (r) =>
          `${r.ok ? '一致  ' : '不一致'} ${r.drawId} ${nameOf(DRAW_RECORD_KIND, r.kind)}${r.problems.length ? `：${r.problems.join('；')}` : ''}`,
      )
      .join('\n'),
    { ok, results },
  );
  if (!ok) process.exitCode = 2;
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
  return new Error(`本轮 ${drawId} 已抽取${closed}，不能再操作；复核抽取结果：ssj draw verify ${drawId}`);
}
