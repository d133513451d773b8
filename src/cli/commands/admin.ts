// ssj calendar import <YEAR> <FILE.json> [--source TEXT] [--actor NAME] · ssj calendar notify · ssj audit verify|export
import fs from 'node:fs';
import { auditCsv, filtered } from '../../audit/export.ts';
import { auditKey, checkAudit, parseAnchor } from '../../audit/seal.ts';
import { type CalendarRow, importCalendarYear } from '../../calendar/import.ts';
import { notifyCalendarChanged } from '../../client/calendar.ts';
import { type Args, actorOrLogin, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

export async function calendar(ctx: CliContext, [sub, yearText, file]: string[], a: Args) {
  if (sub === 'notify') return notify(ctx, 'told');
  if (sub !== 'import' || !yearText || !file)
    throw new UsageError(
      'ssj calendar import <YEAR> <FILE.json>   (JSON: [{"date":"2027-10-01","kind":"HOLIDAY","name":"国庆节"}, …])   ·   ssj calendar notify',
    );
  let rows: CalendarRow[];
  try {
    rows = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`FILE: ${file} is not readable JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(rows)) throw new UsageError('FILE: must hold a JSON array of {date, kind, name}');
  const n = await importCalendarYear(ctx.db, Number(yearText), rows, {
    source: a.string('source') ?? `imported from ${file}`,
    actor: actorOrLogin(a),
  });
  return notify(ctx, `imported ${n} days for ${yearText};`);
}

/** Tell every open inspection to recompute its provisional due dates; a failure is said, never swallowed. */
async function notify(ctx: CliContext, done: string) {
  try {
    const told = await notifyCalendarChanged(await ctx.client());
    ctx.print(`${done} ${told} open inspections recomputing their due dates`, { notified: told });
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    throw new Error(
      `${done} but open inspections were not told (${why}); run \`ssj calendar notify\` when Temporal is up`,
    );
  }
}

export async function audit(ctx: CliContext, [sub, file]: string[], a: Args) {
  const rows = await ctx.db.auditLog.findMany({ orderBy: { id: 'asc' } });
  if (sub === 'export' && file) {
    // For an auditor: the same CSV as the console's, checkable without ssj.
    const picked = filtered(rows, { action: a.string('action'), subject: a.string('subject') });
    fs.writeFileSync(file, auditCsv(picked));
    return ctx.print(`wrote ${picked.length} of ${rows.length} entries to ${file}`, { file, entries: picked.length });
  }
  if (sub !== 'verify')
    throw new UsageError('ssj audit verify [--anchor N:HASH …] | export <FILE.csv> [--action PREFIX] [--subject TEXT]');
  const anchors = a.strings('anchor').map((t) => {
    const x = parseAnchor(t);
    if (!x) throw new UsageError(`--anchor: "${t}" 应为 条目编号:校验值，如锚点邮件所示（例如 128:3f9a…）`);
    return x;
  });
  const check = checkAudit(rows, auditKey(), anchors);
  const sealing = check.keyed
    ? check.unsealed
      ? `; ${check.unsealed} entries from before sealing began`
      : '; every entry sealed'
    : '; no SSJ_AUDIT_KEY: seals not checked (an edit with recomputed hashes would not show)';
  ctx.print(
    check.broken
      ? `BROKEN at entry ${check.broken.id}: ${check.broken.reason}`
      : `audit log intact: ${rows.length} entries${sealing}${anchors.length ? `; ${anchors.length} anchor(s) found as published` : ''}`,
    check,
  );
  if (check.broken) process.exitCode = 2;
}
