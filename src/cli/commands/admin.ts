// ssj calendar import <YEAR> <FILE.json> [--source TEXT] [--actor NAME] · ssj calendar notify · ssj audit verify|export
import fs from 'node:fs';
import { auditCsv, filtered } from '../../audit/export.ts';
import { auditKey, checkAudit, parseAnchor } from '../../audit/seal.ts';
import { type CalendarRow, importCalendarYear } from '../../calendar/import.ts';
import { notifyCalendarChanged } from '../../client/calendar.ts';
import { type Args, actorOrLogin, UsageError, yearOf } from '../args.ts';
import type { CliContext } from '../context.ts';

export async function calendar(ctx: CliContext, [sub, yearText, file]: string[], a: Args) {
  if (sub === 'notify') return notify(ctx, '');
  if (sub !== 'import' || !yearText || !file)
    throw new UsageError(
      [
        'ssj calendar import <YEAR> <FILE.json> [--source TEXT] [--actor NAME]   （导入当年官方节假日安排）',
        '  JSON：[{"date":"2027-10-01","kind":"HOLIDAY","name":"国庆节"}, …]（kind：HOLIDAY 放假，WORKDAY 调休上班）',
        'ssj calendar notify   （通知进行中的检查按节假日安排重算期限）',
      ].join('\n  '),
    );
  const year = yearOf(yearText);
  if (!fs.existsSync(file)) throw new UsageError(`FILE：${file} 不存在`);
  let rows: CalendarRow[];
  try {
    rows = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`FILE：${file} 不是有效的 JSON（${(e as Error).message}）`);
  }
  if (!Array.isArray(rows))
    throw new UsageError('FILE：应为 JSON 数组，每项为 {"date":"…","kind":"HOLIDAY|WORKDAY","name":"…"}');
  const n = await importCalendarYear(ctx.db, year, rows, {
    source: a.string('source') ?? `从 ${file} 导入`,
    actor: actorOrLogin(a),
  });
  return notify(ctx, `已导入 ${year} 年节假日安排 ${n} 天；`);
}

/** Tell every open inspection to recompute its provisional due dates; a failure is said, never swallowed. */
async function notify(ctx: CliContext, done: string) {
  try {
    const told = await notifyCalendarChanged(await ctx.client());
    ctx.print(`${done}已通知 ${told} 项进行中的检查重算期限`, { notified: told });
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    throw new Error(
      `${done}${done ? '但' : ''}未能通知进行中的检查重算期限（${why}）；Temporal 恢复后请运行 ssj calendar notify`,
    );
  }
}

export async function audit(ctx: CliContext, [sub, file]: string[], a: Args) {
  if (sub !== 'verify' && !(sub === 'export' && file))
    throw new UsageError(
      [
        'ssj audit verify [--anchor N:HASH …]   （核对审计日志的哈希链，及已公布的锚点）',
        'ssj audit export <FILE.csv> [--action PREFIX] [--subject TEXT]   （导出审计日志及校验值，供审计人员核对）',
      ].join('\n  '),
    );
  const rows = await ctx.db.auditLog.findMany({ orderBy: { id: 'asc' } });
  if (sub === 'export' && file) {
    // For an auditor: the same CSV as the console's, checkable without ssj.
    const picked = filtered(rows, { action: a.string('action'), subject: a.string('subject') });
    fs.writeFileSync(file, auditCsv(picked));
    return ctx.print(`已写入 ${file}：共 ${rows.length} 条日志，导出其中 ${picked.length} 条`, {
      file,
      entries: picked.length,
    });
  }
  const anchors = a.strings('anchor').map((t) => {
    const x = parseAnchor(t);
    if (!x) throw new UsageError(`--anchor：“${t}”应为 条目编号:校验值，如锚点邮件所示（例如 128:3f9a…）`);
    return x;
  });
  const check = checkAudit(rows, auditKey(), anchors);
  const sealing = check.keyed
    ? check.unsealed
      ? `；其中 ${check.unsealed} 条早于启用密钥封印`
      : '；每条均有密钥封印'
    : '；未设置 SSJ_AUDIT_KEY，未核对密钥封印（改动内容后重算校验值的篡改查不出来）';
  ctx.print(
    check.broken
      ? `审计链在第 ${check.broken.id} 条断开：${check.broken.reason}`
      : `审计链完整：共 ${rows.length} 条${sealing}${anchors.length ? `；${anchors.length} 个已公布的锚点与日志相符` : ''}`,
    check,
  );
  if (check.broken) process.exitCode = 2;
}
