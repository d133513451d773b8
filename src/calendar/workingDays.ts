// Working-day arithmetic on the official Chinese calendar (Art. 17's
// "七个工作日"). Pure and clock-free: safe in workflows and activities alike.
// Dates are 'YYYY-MM-DD' strings in China's calendar, computed in UTC so no
// time zone can shift a day.

export interface WorkCalendar {
  /** Public holidays that fall on what would be a working day (and the days around them). */
  holidays: Readonly<Record<string, string>>;
  /** 调休 make-up working days, usually weekends. */
  workdays: Readonly<Record<string, string>>;
  /** Years whose official schedule is known. Outside them: Mon–Fri, provisional. */
  publishedYears: readonly number[];
}

export interface DueDate {
  date: string;
  /** True when any day counted lies in a year whose schedule is not yet published. */
  provisional: boolean;
}

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDay(day: string): number {
  const m = ISO.exec(day);
  if (!m) throw new Error(`date "${day}" must be YYYY-MM-DD`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatDay(t) !== day) throw new Error(`date "${day}" does not exist`);
  return t;
}

export function formatDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return formatDay(parseDay(day) + n * DAY_MS);
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

export function isPublishedYear(cal: WorkCalendar, year: number): boolean {
  return cal.publishedYears.includes(year);
}

export function isWorkingDay(cal: WorkCalendar, day: string): boolean {
  if (cal.workdays[day] !== undefined) return true;
  if (cal.holidays[day] !== undefined) return false;
  const dow = new Date(parseDay(day)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The n-th working day after `start` (start itself not counted; n ≥ 1).
 * "Within 7 working days after the inspection ends" → addWorkingDays(end, 7).
 */
export function addWorkingDays(cal: WorkCalendar, start: string, n: number): DueDate {
  if (!Number.isInteger(n) || n < 1) throw new Error(`working days "${n}" must be a whole number ≥ 1`);
  let day = start;
  let counted = 0;
  let provisional = false;
  while (counted < n) {
    day = addDays(day, 1);
    if (!isPublishedYear(cal, yearOf(day))) provisional = true;
    if (isWorkingDay(cal, day)) counted++;
  }
  return { date: day, provisional };
}

/** Working days strictly after `from` up to and including `to` (0 if to ≤ from). */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let t = parseDay(from) + DAY_MS, end = parseDay(to); t <= end; t += DAY_MS) {
    if (isWorkingDay(cal, formatDay(t))) n++;
  }
  return n;
}
