// Which inspections belong to a year, for every figure counted by year:
// by their window's start (or, without one, when they were opened), in
// China's calendar as the windows are written.

export function yearOf(i: { windowStart: Date | null; createdAt: Date }): number {
  return (i.windowStart ?? i.createdAt).getUTCFullYear();
}

/** A where-clause wide enough for the year (a margin for time zones); filter the rows with yearOf. */
export function yearWhere(year: number, unitId: number | null) {
  const from = new Date(Date.UTC(year - 1, 11, 1));
  return {
    ...(unitId === null ? {} : { unitId }),
    OR: [{ windowStart: { gte: from } }, { windowStart: null, createdAt: { gte: from } }],
  };
}
