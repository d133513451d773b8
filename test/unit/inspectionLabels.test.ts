// The inspection page's timeline and mail table in words, not codes.
import { describe, expect, it } from 'vitest';
import { emailPurpose, emailState, timelineRow } from '../../src/web/inspectionLabels.ts';

const team = [{ kind: 'INSPECTOR' as const, id: 12, name: '彭敏' }];
const at = Date.UTC(2026, 10, 26, 2, 0);
const row = (action: string, detail?: string) =>
  timelineRow({ at, stage: 'RECUSAL', action, actor: 'x', detail }, team);

describe('timelineRow', () => {
  it('names each kind of step, its person and its note', () => {
    expect(row('opened', 'COMPLAINT')).toEqual(['开启检查', '投诉']);
    expect(row('opened', 'D2026-FMG-01')).toEqual(['开启检查', 'D2026-FMG-01']);
    expect(row('confirm:12')).toEqual(['确认无回避情形（彭敏）', '']);
    expect(row('recusal:7', 'SWAP: 配偶在该企业任职')).toEqual([
      '申请回避（执法人员 #7）',
      '组间对调：配偶在该企业任职',
    ]);
    expect(row('escalation:PUBLICATION:SUPERVISOR', 'lead@x')).toEqual([
      '上报股室负责人：结果录入与公示（七个工作日）',
      'lead@x',
    ]);
    expect(row('calendarChanged', 'PUBLICATION due 2027-10-08 (provisional)')).toEqual([
      '节假日安排更新，重算期限',
      '结果录入与公示（七个工作日） 到期 2027-10-08（暂定）',
    ]);
    expect(row('filing', 'to 优化办')).toEqual(['登记备案，发送区优化办', 'to 优化办']);
    expect(row('somethingNew')).toEqual(['somethingNew', '']); // a step added later shows as itself, not blank
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
