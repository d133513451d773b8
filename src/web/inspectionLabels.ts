// What the inspection page shows staff instead of the codes the workflow and
// the database keep: its timeline's steps, and its emails' purposes and states.
import type { EmailMessage } from '../db/client.ts';
import {
  DEADLINE_KIND,
  EMAIL_PURPOSE,
  ESCALATION_LEVEL,
  nameOf,
  ORIGIN,
  PROVISIONAL_DUE,
  RECUSAL_MODE,
  TIMELINE_STEP,
} from '../domain/glossary.ts';
import { chinaDateTime } from '../shared/chinaTime.ts';
import type { InspectionState } from '../workflows/inspection/types.ts';

type Entry = InspectionState['history'][number];

/** A timeline entry's step and note, in words: a confirmation by inspector 12 is "确认无回避情形（彭敏）". */
export function timelineRow(h: Entry, team: InspectionState['team']): [step: string, note: string] {
  const who = (id: number) => team.find((t) => t.id === id)?.name ?? `已不在检查组的执法人员（编号 ${id}）`;
  switch (h.kind) {
    case 'opened':
      return [TIMELINE_STEP.opened, h.drawId ? `${ORIGIN.RANDOM}（抽取记录 ${h.drawId}）` : nameOf(ORIGIN, h.origin)];
    case 'confirm':
      return [`${TIMELINE_STEP.confirm}（${who(h.inspectorId)}）`, ''];
    case 'recusal':
      return [`${TIMELINE_STEP.recusal}（${who(h.inspectorId)}）`, `${nameOf(RECUSAL_MODE, h.mode)}：${h.reason}`];
    case 'escalation':
      return [`${nameOf(ESCALATION_LEVEL, h.level)}：${nameOf(DEADLINE_KIND, h.deadline)}`, `发送至 ${h.to}`];
    case 'calendarChanged':
      return [
        TIMELINE_STEP.calendarChanged,
        `${nameOf(DEADLINE_KIND, h.deadline)} 到期 ${h.dueDate}${h.provisional ? PROVISIONAL_DUE : ''}`,
      ];
    default:
      return [nameOf(TIMELINE_STEP, h.kind), ''];
  }
}

export const emailPurpose = (p: string) => nameOf(EMAIL_PURPOSE, p);

/** Sent, or still being tried (and why): mail is retried until it goes, never dropped. */
export function emailState(e: Pick<EmailMessage, 'status' | 'sentAt' | 'attempts' | 'lastError'>): string {
  if (e.status === 'SENT') return `已发送${e.sentAt ? `（${chinaDateTime(e.sentAt.getTime())}）` : ''}`;
  if (e.attempts === 0) return '待发送';
  return `发送中，已尝试 ${e.attempts} 次${e.lastError ? `：${e.lastError}` : ''}（自动重试）`;
}
