// The Art. 17 deadline: 7 working days on the official calendar.
import { describe, expect, it } from 'vitest';
import { mergeCalendar, packageCalendar } from '../../src/calendar/officialCalendar.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../src/calendar/workingDays.ts';

const cal = packageCalendar();

describe('official working days', () => {
  it('knows 调休 make-up days and holidays', () => {
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true); // Saturday, 国庆调休上班
    expect(isWorkingDay(cal, '2026-10-05')).toBe(false); // Monday, 国庆
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // Saturday, 春节调休上班
    expect(isWorkingDay(cal, '2026-10-11')).toBe(false); // ordinary Sunday
  });

  it('crosses 中秋 + 国庆 2026 with the 10-10 make-up Saturday', () => {
    // ends Wed 09-23: 24 (1), 25–27 中秋, 28 (2), 29 (3), 30 (4), 10-01..07 国庆, 08 (5), 09 (6), 10 Sat 调休 (7)
    expect(addWorkingDays(cal, '2026-09-23', 7)).toEqual({ date: '2026-10-10', provisional: false });
  });

  it('crosses 春节 2026 with the 02-14 and 02-28 make-up Saturdays', () => {
    // ends Thu 02-12: 13 (1), 14 Sat 调休 (2), 15–23 春节, 24 (3), 25 (4), 26 (5), 27 (6), 28 Sat 调休 (7)
    expect(addWorkingDays(cal, '2026-02-12', 7)).toEqual({ date: '2026-02-28', provisional: false });
  });

  it('counts plain weeks Mon–Fri', () => {
    expect(addWorkingDays(cal, '2026-11-20', 7).date).toBe('2026-12-01'); // Fri → Tue after next
    expect(workingDaysBetween(cal, '2026-11-20', '2026-12-01')).toBe(7);
  });

  it('marks a due date in an unpublished year provisional, and firm once overrides arrive', () => {
    // 2027's schedule is not in the package: Mon–Fri, provisional.
    const before = addWorkingDays(cal, '2027-09-29', 7);
    expect(before).toEqual({ date: '2027-10-08', provisional: true });
    // The State Council publishes 2027: 10-01..10-07 off (as an override import would store).
    const holidays = ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
      date: `2027-10-${d}`,
      kind: 'HOLIDAY' as const,
      name: '国庆节',
    }));
    const after = addWorkingDays(
      mergeCalendar(cal, [...holidays, { date: '2027-10-09', kind: 'WORKDAY', name: '国庆节调休' }], [2027]),
      '2027-09-29',
      7,
    );
    // 09-30 (1), 10-01..07 off, 08 (2), 09 Sat 调休 (3), 11 (4), 12 (5), 13 (6), 14 (7)
    expect(after).toEqual({ date: '2027-10-14', provisional: false });
  });

  it('rejects malformed input', () => {
    expect(() => addWorkingDays(cal, '2026-02-30', 7)).toThrow(/does not exist/);
    expect(() => addWorkingDays(cal, '2026-02-03', 0)).toThrow(/≥ 1/);
  });
});
