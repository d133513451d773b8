// ssj report yearly <YEAR> <FILE.pdf|FILE.html> [--unit CODE]   (the bureau when no unit)
// ssj report timeliness <YEAR> [--unit CODE]                     deadlines kept, per unit
import fs from 'node:fs';
import { findCjkFont } from '../../documents/fonts.ts';
import { ON_TIME_DEFINITION, rateText } from '../../domain/timeliness.ts';
import { timelinessByUnit } from '../../reports/timeliness.ts';
import { buildYearlyReport } from '../../reports/yearly.ts';
import { renderYearlyReportHtml } from '../../reports/yearlyHtml.ts';
import { renderYearlyReportPdf } from '../../reports/yearlyPdf.ts';
import { type Args, UsageError, yearOf } from '../args.ts';
import type { CliContext } from '../context.ts';
import { unitByCode } from '../units.ts';

const USAGE = [
  'ssj report yearly <YEAR> <FILE.pdf|FILE.html> [--unit CODE]   （年度报告；不写 --unit 为全局）',
  'ssj report timeliness <YEAR> [--unit CODE]   （各单位期限执行情况）',
].join('\n  ');

async function unitOf(ctx: CliContext, args: Args) {
  const code = args.string('unit');
  return code ? unitByCode(ctx, code) : null;
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
  if ((sub !== 'yearly' && sub !== 'timeliness') || !yearText) throw new UsageError(USAGE);
  const year = yearOf(yearText);
  if (sub === 'timeliness') return timeliness(ctx, year, args);
  const format = file?.match(/\.(pdf|html)$/)?.[1];
  if (!file) throw new UsageError(USAGE);
  if (!format) throw new UsageError(`FILE：“${file}”应以 .pdf 或 .html 结尾`);
  const unit = await unitOf(ctx, args);
  const r = await buildYearlyReport(ctx.db, year, unit?.id ?? null);
  if (format === 'pdf') {
    const font = findCjkFont();
    if (!font)
      throw new UsageError(
        'SSJ_CJK_FONT：没有安装中文字体，无法生成 PDF：请安装（apt-get install fonts-noto-cjk）或用 SSJ_CJK_FONT 指定字体文件，也可改为写 .html',
      );
    fs.writeFileSync(file, await renderYearlyReportPdf(r, font));
  } else fs.writeFileSync(file, renderYearlyReportHtml(r));
  const planned = r.sectors.reduce((n, s) => n + s.planned, 0);
  const done = r.sectors.reduce((n, s) => n + s.done, 0);
  ctx.print(`已写入 ${file}：${r.scope} ${year} 年，双随机抽查完成 ${done}/${planned} 次`, {
    file,
    year,
    scope: r.scope,
    planned,
    done,
  });
}
