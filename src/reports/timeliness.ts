// Deadlines kept, per unit, for a year: what /supervisor charts and
// `ssj report timeliness` prints, counted as the yearly report counts them
// (src/domain/timeliness.ts).
import type { Db } from '../db/client.ts';
import { type Tally, tally } from '../domain/timeliness.ts';
import { yearOf, yearWhere } from './year.ts';

export interface UnitTimeliness {
  unitId: number;
  unitCode: string;
  unit: string;
  tally: Tally;
}

/** Every unit (or one), with the tally of its inspections' deadlines in `year`. */
export async function timelinessByUnit(
  db: Db,
  year: number,
  now: Date,
  unitId: number | null = null,
): Promise<UnitTimeliness[]> {
  const units = await db.unit.findMany({ where: unitId === null ? {} : { id: unitId }, orderBy: { id: 'asc' } });
  const inspections = (
    await db.inspection.findMany({
      where: yearWhere(year, unitId),
      select: { unitId: true, windowStart: true, createdAt: true, deadlines: { select: { dueAt: true, metAt: true } } },
    })
  ).filter((i) => yearOf(i) === year);
  return units.map((u) => ({
    unitId: u.id,
    unitCode: u.code,
    unit: u.name,
    tally: tally(
      inspections.filter((i) => i.unitId === u.id).flatMap((i) => i.deadlines),
      now,
    ),
  }));
}
