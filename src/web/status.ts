// Where things stand, at a glance: an inspection's stages as a stepper, and
// a due date as a badge coloured by how near it is (late, within three days,
// in time, done). Words come from the glossary.
import { STAGE, type Stage } from '../domain/glossary.ts';
import { chinaDate } from '../shared/chinaTime.ts';
import { type Html, html } from './view.ts';

const DAY = 86_400_000;
const ORDER = Object.keys(STAGE) as Stage[];

/** 回避确认 → … → 已办结, the current one marked; 后续处置 only when problems were found (Art. 18). */
export function stageStepper(stage: Stage, problemsFound: boolean): Html {
  const at = ORDER.indexOf(stage);
  const steps = ORDER.filter((s) => s !== 'FOLLOW_UP' || problemsFound || stage === 'FOLLOW_UP');
  return html`<ol class="stepper" aria-label="办理进度">${steps.map((s) => {
    const k = ORDER.indexOf(s);
    const cls = k < at || stage === 'DONE' ? 'done' : k === at ? 'current' : '';
    return k === at
      ? html`<li class="${cls}" aria-current="step">${STAGE[s]}</li>`
      : html`<li class="${cls}">${STAGE[s]}</li>`;
  })}</ol>`;
}

/** A due date with its urgency: 已逾期 N 天 / 还剩 N 天 / the date, or 已完成. */
export function dueBadge(dueAt: number | null, met: boolean, { withDate = true, now = Date.now() } = {}): Html {
  if (met) return html`<span class="badge done">已完成</span>`;
  if (dueAt === null) return html`—`;
  const date = withDate ? `${chinaDate(dueAt)} ` : '';
  if (dueAt < now)
    return html`${date}<span class="badge late">已逾期 ${Math.max(1, Math.ceil((now - dueAt) / DAY))} 天</span>`;
  const left = Math.ceil((dueAt - now) / DAY);
  if (left <= 3) return html`${date}<span class="badge soon">还剩 ${left} 天</span>`;
  return html`${date}<span class="badge ok">进行中</span>`;
}
