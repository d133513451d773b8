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
    super(`calendar import rejected, nothing stored:\n${problems.join('\n')}`);
    this.name = 'CalendarImportError';
  }
}

export function checkRows(year: number, rows: CalendarRow[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const where = `row ${i + 1}`;
    try {
      parseDay(r.date);
    } catch (e) {
      problems.push(`${where} date: ${(e as Error).message}`);
      return;
    }
    if (Number(r.date.slice(0, 4)) !== year) problems.push(`${where} date: ${r.date} is not in ${year}`);
    if (r.kind !== 'WORKDAY' && r.kind !== 'HOLIDAY')
      problems.push(`${where} kind: "${r.kind}" must be WORKDAY or HOLIDAY`);
    if (!r.name?.trim()) problems.push(`${where} name: give the holiday's name, e.g. 国庆节`);
    if (seen.has(r.date)) problems.push(`${where} date: ${r.date} appears twice`);
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
