// ssj report yearly <YEAR> <FILE.pdf|FILE.html> [--unit CODE]   (the bureau when no unit)
import fs from 'node:fs';
import { findCjkFont } from '../../documents/fonts.ts';
import { buildYearlyReport } from '../../reports/yearly.ts';
import { renderYearlyReportHtml } from '../../reports/yearlyHtml.ts';
import { renderYearlyReportPdf } from '../../reports/yearlyPdf.ts';
import { type Args, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

const USAGE = 'ssj report yearly <YEAR> <FILE.pdf|FILE.html> [--unit CODE]';

export async function report(ctx: CliContext, [sub, yearText, file]: string[], args: Args) {
  const year = Number(yearText);
  const format = file?.match(/\.(pdf|html)$/)?.[1];
  if (sub !== 'yearly' || !Number.isInteger(year) || !file || !format) throw new UsageError(USAGE);
  const code = args.string('unit');
  const unit = code ? await ctx.db.unit.findUnique({ where: { code } }) : null;
  if (code && !unit) {
    const known = (await ctx.db.unit.findMany()).map((u) => u.code).join(', ');
    throw new UsageError(`--unit: no unit "${code}"; known units: ${known}`);
  }
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
