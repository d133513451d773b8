// What the inspection page shows staff instead of the codes the workflow and
// the database keep: its timeline's steps, and its emails' purposes and states.
import type { EmailMessage } from '../db/client.ts';
import { ORIGIN_NAMES } from '../domain/sectors.ts';
import { chinaDateTime } from '../shared/chinaTime.ts';
import { DEADLINE_NAMES, type DeadlineKind, type InspectionState, LEVEL_NAMES } from '../workflows/inspection/types.ts';

const STEP_NAMES: Record<string, string> = {
  opened: '开启检查',
  recusalClosed: '回避确认完成',
  filing: '登记备案，发送区优化办',
  scheme: '提交检查方案',
  date: '确定检查日期',
  results: '录入检查结果',
  feedbackCard: '上传满意度反馈卡',
  publication: '结果公示',
  followUp: '后续处置',
  teamChanged: '检查组调整（同批抽取的回避）',
  calendarChanged: '节假日安排更新，重算期限',
};

const MODE_NAMES: Record<string, string> = { REPLACEMENT: '随机替补', SWAP: '组间对调', EXPERT: '专家替补' };

type Entry = InspectionState['history'][number];

/** A timeline entry's step and note, in words: "confirm:12" is "确认无回避情形（彭敏）". */
export function timelineRow(h: Entry, team: InspectionState['team']): [step: string, note: string] {
  const [step = '', a = '', b = ''] = h.action.split(':');
  const who = (id: string) => team.find((t) => String(t.id) === id)?.name ?? `执法人员 #${id}`;
  if (step === 'confirm') return [`确认无回避情形（${who(a)}）`, h.detail ?? ''];
  if (step === 'recusal') {
    const [mode = '', ...reason] = (h.detail ?? '').split(': ');
    return [`申请回避（${who(a)}）`, `${MODE_NAMES[mode] ?? mode}：${reason.join(': ')}`];
  }
  if (step === 'escalation')
    return [
      `${LEVEL_NAMES[b as keyof typeof LEVEL_NAMES] ?? b}：${DEADLINE_NAMES[a as DeadlineKind] ?? a}`,
      h.detail ?? '',
    ];
  if (step === 'opened') return [STEP_NAMES.opened as string, ORIGIN_NAMES[h.detail as never] ?? h.detail ?? ''];
  if (step === 'calendarChanged') return [STEP_NAMES.calendarChanged as string, calendarNote(h.detail ?? '')];
  return [STEP_NAMES[step] ?? h.action, h.detail ?? ''];
}

/** "PUBLICATION due 2027-10-08 (provisional)" → "结果公示 到期 2027-10-08（暂定）". */
function calendarNote(detail: string): string {
  const m = /^(\w+) due (\S+)( \(provisional\))?$/.exec(detail);
  if (!m) return detail;
  return `${DEADLINE_NAMES[m[1] as DeadlineKind] ?? m[1]} 到期 ${m[2]}${m[3] ? '（暂定）' : ''}`;
}

const PURPOSE_NAMES: Record<string, string> = {
  FILING: '登记备案表',
  FEEDBACK_CARD: '满意度反馈卡扫描件',
  REMINDER: '到期提醒',
  ESCALATION: '逾期上报',
};

export const emailPurpose = (p: string) => PURPOSE_NAMES[p] ?? p;

/** Sent, or still being tried (and why): mail is retried until it goes, never dropped. */
export function emailState(e: Pick<EmailMessage, 'status' | 'sentAt' | 'attempts' | 'lastError'>): string {
  if (e.status === 'SENT') return `已发送${e.sentAt ? `（${chinaDateTime(e.sentAt.getTime())}）` : ''}`;
  if (e.attempts === 0) return '待发送';
  return `发送中，已尝试 ${e.attempts} 次${e.lastError ? `：${e.lastError}` : ''}（自动重试）`;
}
