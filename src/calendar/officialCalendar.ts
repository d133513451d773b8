// The official calendar = the maintained `chinese-days` package, then the
// overrides staff import into the database (each year's schedule is
// announced by the State Council late in the year before, often after the
// package we ship was released).
import { createRequire } from 'node:module';
import type { Db } from '../db/client.ts';
import type { WorkCalendar } from './workingDays.ts';

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let packageData: PackageData | undefined;

function loadPackage(): PackageData {
  if (!packageData) {
    const require = createRequire(import.meta.url);
    packageData = require('chinese-days/dist/chinese-days.json') as PackageData;
  }
  return packageData;
}

/** The calendar as the package alone knows it. */
export function packageCalendar(): WorkCalendar {
  const { holidays, workdays } = loadPackage();
  const years = new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))));
  return { holidays, workdays, publishedYears: [...years].sort() };
}

export interface CalendarOverride {
  date: string;
  kind: 'WORKDAY' | 'HOLIDAY';
  name: string;
}

/** Package data with database overrides applied on top (overrides win). */
export function mergeCalendar(base: WorkCalendar, overrides: CalendarOverride[], extraYears: number[]): WorkCalendar {
  const holidays = { ...base.holidays };
  const workdays = { ...base.workdays };
  for (const o of overrides) {
    delete holidays[o.date];
    delete workdays[o.date];
    (o.kind === 'HOLIDAY' ? holidays : workdays)[o.date] = o.name;
  }
  const years = new Set([...base.publishedYears, ...extraYears]);
  return { holidays, workdays, publishedYears: [...years].sort() };
}

export async function officialCalendar(db: Db): Promise<WorkCalendar> {
  const [days, years] = await Promise.all([db.calendarDay.findMany(), db.calendarYear.findMany()]);
  return mergeCalendar(
    packageCalendar(),
    days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
    years.map((y) => y.year),
  );
}
