// Due dates on the official calendar (package + database overrides).
import { officialCalendar } from '../calendar/officialCalendar.ts';
import { addWorkingDays, type DueDate } from '../calendar/workingDays.ts';
import type { ActivityDeps } from './deps.ts';

export function calendarActivities({ db }: ActivityDeps) {
  async function dueDate(from: string, workingDays: number): Promise<DueDate> {
    return addWorkingDays(await officialCalendar(db), from, workingDays);
  }
  return { dueDate };
}
