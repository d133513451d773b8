// Where things stand, at a glance: an inspection's stages as a stepper, and
// a due date as a badge coloured by how near it is (late, within three days,
// in time, done). Words come from the glossary.
import { STAGE, type Stage } from '../domain/glossary.ts';
import { chinaDate } from '../shared/chinaTime.ts';
import { esc } from '../shared/escape.ts';

const DAY = 86_400_000;
const ORDER = Object.keys(STAGE) as Stage[];

/** 回避确认 → … → 已办结, the current one marked; 后续处置 only when problems were found (Art. 18). */
export function stageStepper(stage: Stage, problemsFound: boolean): string {
  const at = ORDER.indexOf(stage);
  const steps = ORDER.filter((s) => s !== 'FOLLOW_UP' || problemsFound || stage === 'FOLLOW_UP');
  return `<ol class="stepper" aria-label="办理进度">${steps
    .map((s) => {
      const k = ORDER.indexOf(s);
      const cls = k < at || stage === 'DONE' ? 'done' : k === at ? 'current' : '';
      return `<li class="${cls}"${k === at ? ' aria-current="step"' : ''}>${esc(STAGE[s])}</li>`;
    })
    .join('')}</ol>`;
}

/** A due date with its urgency: 已逾期 N 天 / 还剩 N 天 / the date, or 已完成. */
export function dueBadge(dueAt: number | null, met: boolean, { withDate = true, now = Date.now() } = {}): string {
  if (met) return '<span class="badge done">已完成</span>';
  if (dueAt === null) return '—';
  const date = withDate ? esc(chinaDate(dueAt)) : '';
  if (dueAt < now)
    return `${date} <span class="badge late">已逾期 ${Math.max(1, Math.ceil((now - dueAt) / DAY))} 天</span>`.trim();
  const left = Math.ceil((dueAt - now) / DAY);
  if (left <= 3) return `${date} <span class="badge soon">还剩 ${left} 天</span>`.trim();
  return `${date} <span class="badge ok">进行中</span>`.trim();
}
