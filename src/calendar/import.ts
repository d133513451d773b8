// Import a year's official holiday schedule (国务院办公厅 announces it late in
// the year before) as database overrides, and mark the year published. Bad
// rows are reported and nothing is stored.
import { createHash } from 'node:crypto';
import { changeWithAudit } from '../activities/audit.ts';
import type { Db } from '../db/client.ts';
import { parseDay } from './workingDays.ts';

export interface CalendarRow {
  date: string;
  kind: 'WORKDAY' | 'HOLIDAY';
  name: string;
}

export class CalendarImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`节假日安排未导入，什么也没有保存；请修改后重新导入：\n${problems.join('\n')}`);
    this.name = 'CalendarImportError';
  }
}

export function checkRows(year: number, rows: CalendarRow[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const where = `第 ${i + 1} 条`;
    try {
      parseDay(r.date);
    } catch {
      problems.push(`${where}「日期」：“${r.date}”不是真实存在的日期，请按“年-月-日”填写`);
      return;
    }
    if (Number(r.date.slice(0, 4)) !== year) problems.push(`${where}「日期」：${r.date} 不在 ${year} 年`);
    if (r.kind !== 'WORKDAY' && r.kind !== 'HOLIDAY')
      problems.push(`${where}「类型」：“${r.kind}”应为 WORKDAY（调休上班）或 HOLIDAY（放假）`);
    if (!r.name?.trim()) problems.push(`${where}「名称」：请写明节日名称，如 国庆节`);
    if (seen.has(r.date)) problems.push(`${where}「日期」：${r.date} 出现了两次`);
    seen.add(r.date);
  });
  return problems;
}

/**
 * Store a year's schedule, replacing any earlier import of that year, with an
 * audit entry naming who imported it: every open deadline may move with it.
 */
export async function importCalendarYear(
  db: Db,
  year: number,
  rows: CalendarRow[],
  by: { source: string; actor: string },
): Promise<number> {
  const problems = checkRows(year, rows);
  if (problems.length) throw new CalendarImportError(problems);
  const { source, actor } = by;
  const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  const entry = {
    actor,
    action: 'calendar.import',
    subjectType: 'calendarYear',
    subjectId: String(year),
    details: { days: rows.length, source, sha256: digest },
  };
  await changeWithAudit(db, entry, async (tx) => {
    await tx.calendarDay.deleteMany({ where: { date: { startsWith: `${year}-` } } });
    for (const r of rows) await tx.calendarDay.create({ data: { ...r, source } });
    await tx.calendarYear.upsert({
      where: { year },
      create: { year, source },
      update: { source, publishedAt: new Date() },
    });
  });
  return rows.length;
}
