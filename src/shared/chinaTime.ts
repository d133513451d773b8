// Dates as the bureau means them: calendar days in China (UTC+8, no DST).
// Pure, so workflows may use it.

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The China calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a China calendar day, as epoch ms. */
export function endOfChinaDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d + 1) - CST_OFFSET_MS - 1;
}

/** "YYYY-MM-DD HH:mm" in China time, for people to read. */
export function chinaDateTime(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
