// The console's schedule form: one day per line, problems named by line.
import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../src/web/routes/calendar.ts';

describe('parseSchedule', () => {
  it('reads 休 and 班 lines, skips blank ones and keeps each row’s line number', () => {
    const r = parseSchedule('2027-10-01 休 国庆节\n\n  2027-10-09   班 国庆节 调休\r\n');
    expect(r.rows).toEqual([
      { date: '2027-10-01', kind: 'HOLIDAY', name: '国庆节' },
      { date: '2027-10-09', kind: 'WORKDAY', name: '国庆节 调休' },
    ]);
    expect(r.lines).toEqual([1, 3]);
    expect(r.problems).toEqual([]);
  });

  it('names the line of an unknown kind', () => {
    expect(parseSchedule('2027-10-01 休 国庆节\n2027-10-02 放 国庆节').problems).toEqual([
      '第 2 行 类型: "放" 应为 休 或 班',
    ]);
  });
});
