// What "on time" means, once: /supervisor, the yearly report (HTML and PDF)
// and `ssj report timeliness` all count deadlines with these functions, so
// no two of them can disagree. Pure: a deadline's record (DeadlineRecord) and
// the moment of counting.

export interface DeadlineFacts {
  dueAt: Date;
  metAt: Date | null;
}

/** Met by its due moment; met after it; past it and not met; not yet due. */
export type Outcome = 'ON_TIME' | 'LATE' | 'OVERDUE' | 'OPEN';

export function outcome(d: DeadlineFacts, now: Date): Outcome {
  if (d.metAt) return d.metAt <= d.dueAt ? 'ON_TIME' : 'LATE';
  return d.dueAt < now ? 'OVERDUE' : 'OPEN';
}

export interface Tally {
  onTime: number;
  late: number;
  overdue: number;
  open: number;
  /** The deadlines that count for the rate: met (on time or late) or past due. */
  due: number;
}

export function tally(deadlines: readonly DeadlineFacts[], now: Date): Tally {
  const t = { onTime: 0, late: 0, overdue: 0, open: 0 };
  for (const d of deadlines) {
    const o = outcome(d, now);
    if (o === 'ON_TIME') t.onTime++;
    else if (o === 'LATE') t.late++;
    else if (o === 'OVERDUE') t.overdue++;
    else t.open++;
  }
  return { ...t, due: t.onTime + t.late + t.overdue };
}

export const addTallies = (xs: readonly Tally[]): Tally =>
  xs.reduce(
    (a, b) => ({
      onTime: a.onTime + b.onTime,
      late: a.late + b.late,
      overdue: a.overdue + b.overdue,
      open: a.open + b.open,
      due: a.due + b.due,
    }),
    { onTime: 0, late: 0, overdue: 0, open: 0, due: 0 },
  );

/** The on-time rate as a reader sees it: "67%（2/3）", or 暂无 when nothing has come due. */
export const rateText = (t: Pick<Tally, 'onTime' | 'due'>) =>
  t.due ? `${Math.round((100 * t.onTime) / t.due)}%（${t.onTime}/${t.due}）` : '暂无';

export const ON_TIME_DEFINITION =
  '及时率：按期完成的期限（在到期当日结束前完成）占应完成期限（已完成的，加上已过期仍未完成的）的比例；尚未到期的不计。督办页、年度报告和命令行使用同一口径。';
