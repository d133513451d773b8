// ssj report yearly <YEAR> <FILE.pdf|FILE.html> [--unit CODE]   (the bureau when no unit)
// ssj report timeliness <YEAR> [--unit CODE]                     deadlines kept, per unit
import fs from 'node:fs';
import { findCjkFont } from '../../documents/fonts.ts';
import { ON_TIME_DEFINITION, rateText } from '../../domain/timeliness.ts';
import { timelinessByUnit } from '../../reports/timeliness.ts';
import { buildYearlyReport } from '../../reports/yearly.ts';
import { renderYearlyReportHtml } from '../../reports/yearlyHtml.ts';
import { renderYearlyReportPdf } from '../../reports/yearlyPdf.ts';
import { type Args, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

const USAGE =
  'ssj report yearly <YEAR> <FILE.pdf|FILE.html> [--unit CODE] | ssj report timeliness <YEAR> [--unit CODE]';

async function unitOf(ctx: CliContext, args: Args) {
  const code = args.string('unit');
  const unit = code ? await ctx.db.unit.findUnique({ where: { code } }) : null;
  if (code && !unit) {
    const known = (await ctx.db.unit.findMany()).map((u) => u.code).join(', ');
    throw new UsageError(`--unit: no unit "${code}"; known units: ${known}`);
  }
  return unit;
}

/** Per unit: the on-time rate and its parts, counted as /supervisor and the yearly report count them. */
async function timeliness(ctx: CliContext, year: number, args: Args) {
  const unit = await unitOf(ctx, args);
  const rows = await timelinessByUnit(ctx.db, year, new Date(), unit?.id ?? null);
  const lines = rows.map(
    ({ unit: name, tally: t }) =>
      `${name}  及时率 ${rateText(t)}；按期 ${t.onTime}，逾期完成 ${t.late}，逾期未完成 ${t.overdue}，未到期 ${t.open}`,
  );
  ctx.print([`${year} 年各单位期限执行情况`, ...lines, ON_TIME_DEFINITION].join('\n'), { year, units: rows });
}

export async function report(ctx: CliContext, [sub, yearText, file]: string[], args: Args) {
  const year = Number(yearText);
  if (sub === 'timeliness' && Number.isInteger(year)) return timeliness(ctx, year, args);
  const format = file?.match(/\.(pdf|html)$/)?.[1];
  if (sub !== 'yearly' || !Number.isInteger(year) || !file || !format) throw new UsageError(USAGE);
  const unit = await unitOf(ctx, args);
  const r = await buildYearlyReport(ctx.db, year, unit?.id ?? null);
  if (format === 'pdf') {
    const font = findCjkFont();
    if (!font)
      throw new UsageError('SSJ_CJK_FONT: no CJK font installed (apt-get install fonts-noto-cjk), or write .html');
    fs.writeFileSync(file, await renderYearlyReportPdf(r, font));
  } else fs.writeFileSync(file, renderYearlyReportHtml(r));
  const planned = r.sectors.reduce((n, s) => n + s.planned, 0);
  const done = r.sectors.reduce((n, s) => n + s.done, 0);
  ctx.print(`wrote ${file}: ${r.scope} ${year}, ${done}/${planned} random inspections done`, {
    file,
    year,
    scope: r.scope,
    planned,
    done,
  });
}
