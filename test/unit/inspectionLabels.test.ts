// The inspection page's timeline and mail table in words, not codes.
import { describe, expect, it } from 'vitest';
import { emailPurpose, emailState, timelineRow } from '../../src/web/inspectionLabels.ts';
import type { HistoryEvent } from '../../src/workflows/inspection/types.ts';

const team = [{ kind: 'INSPECTOR' as const, id: 12, name: '彭敏' }];
const at = Date.UTC(2026, 10, 26, 2, 0);
const row = (event: HistoryEvent) => timelineRow({ ...event, at, stage: 'RECUSAL', actor: 'x' }, team);

describe('timelineRow', () => {
  it('names each kind of step, its person and its note', () => {
    expect(row({ kind: 'opened', origin: 'COMPLAINT', drawId: null })).toEqual(['开启检查', '投诉']);
    expect(row({ kind: 'opened', origin: 'RANDOM', drawId: 'D2026-FMG-01' })).toEqual([
      '开启检查',
      '双随机抽查（抽取记录 D2026-FMG-01）',
    ]);
    expect(row({ kind: 'confirm', inspectorId: 12 })).toEqual(['确认无回避情形（彭敏）', '']);
    expect(row({ kind: 'recusal', inspectorId: 7, mode: 'SWAP', reason: '配偶在该企业任职' })).toEqual([
      '申请回避（已不在检查组的执法人员（编号 7））',
      '与其他执法检查人员交换被检查对象：配偶在该企业任职',
    ]);
    expect(row({ kind: 'escalation', deadline: 'PUBLICATION', level: 'SUPERVISOR', to: 'lead@x' })).toEqual([
      '上报股室负责人：结果录入与公示（七个工作日）',
      '发送至 lead@x',
    ]);
    expect(row({ kind: 'calendarChanged', deadline: 'PUBLICATION', dueDate: '2027-10-08', provisional: true })).toEqual(
      ['节假日安排更新，重算期限', '结果录入与公示（七个工作日） 到期 2027-10-08（暂定：当年节假日安排尚未公布）'],
    );
    expect(row({ kind: 'filing' })).toEqual(['登记备案，发送区优化办', '']);
    // A kind this code does not know (a newer worker's) shows as unknown, not as a blank row.
    expect(row({ kind: 'somethingNew' } as never)).toEqual(['未知（somethingNew）', '']);
  });
});

describe('emailState', () => {
  it('says sent, waiting, or retrying and why', () => {
    expect(emailPurpose('FEEDBACK_CARD')).toBe('满意度反馈卡扫描件');
    expect(emailState({ status: 'SENT', sentAt: new Date(at), attempts: 1, lastError: null })).toBe(
      '已发送（2026-11-26 10:00）',
    );
    expect(emailState({ status: 'PENDING', sentAt: null, attempts: 0, lastError: null })).toBe('待发送');
    expect(emailState({ status: 'PENDING', sentAt: null, attempts: 3, lastError: '451 mailbox busy' })).toBe(
      '发送中，已尝试 3 次：451 mailbox busy（自动重试）',
    );
  });
});
