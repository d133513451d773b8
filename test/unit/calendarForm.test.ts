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
      '第 2 行「类型」：“放”应为 休 或 班',
    ]);
  });

  it('names every bad line in one pass, each once, in line order', () => {
    const text = '2027-02-30 休 春节\n2027-10-02 放 国庆节\n\n2026-10-09 班\n2027-02-30 休 春节';
    expect(parseSchedule(text, 2027).problems).toEqual([
      '第 1 行「日期」：“2027-02-30”不是真实存在的日期，请按“年-月-日”填写',
      '第 2 行「类型」：“放”应为 休 或 班',
      '第 4 行「日期」：2026-10-09 不在 2027 年',
      '第 4 行「名称」：请写明节日名称，如 国庆节',
      '第 5 行「日期」：“2027-02-30”不是真实存在的日期，请按“年-月-日”填写',
    ]);
  });
});
