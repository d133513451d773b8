// Reminders and escalations. The record is written first, so an escalation
// is visible even while mail is down; the email follows through sendEmail.
import { chinaDate } from '../shared/chinaTime.ts';
import { type DeadlineKind, STAGE_NAMES, type Stage } from '../workflows/inspection/types.ts';
import type { ActivityDeps } from './deps.ts';
import type { OutgoingMail } from './mail.ts';

export interface EscalationRequest {
  inspectionId: number;
  workflowId: string;
  stage: Stage;
  kind: DeadlineKind;
  level: 'REMINDER' | 'SUPERVISOR' | 'LEADER';
  dueAt: number;
}

const KIND_NAMES: Record<DeadlineKind, string> = {
  RECUSAL: '回避确认',
  SCHEME: '检查方案与检查日期',
  INSPECTION: '实施检查',
  FEEDBACK_CARD: '满意度反馈卡报送',
  PUBLICATION: '结果录入与公示（七个工作日）',
  FOLLOW_UP: '违法行为后续处置',
};

export function escalationActivities({ db, config, now }: ActivityDeps) {
  async function recipientFor(r: EscalationRequest, unitEmail: string): Promise<string> {
    if (r.level === 'LEADER') return config.bureauLeaderEmail;
    if (r.level === 'SUPERVISOR') return unitEmail;
    const members = await db.inspectionMember.findMany({
      where: { inspectionId: r.inspectionId, active: true, inspectorId: { not: null } },
      include: { inspector: true },
    });
    const emails = members.map((m) => m.inspector?.email).filter((e): e is string => Boolean(e));
    return emails.length ? emails.join(', ') : unitEmail;
  }

  async function raiseEscalation(r: EscalationRequest): Promise<OutgoingMail> {
    const i = await db.inspection.findUniqueOrThrow({
      where: { id: r.inspectionId },
      include: { unit: true, enterprise: true },
    });
    const recipient = await recipientFor(r, i.unit.supervisorEmail);
    const key = `${r.workflowId}:${r.kind}:${r.level}`;
    await db.escalation.upsert({
      where: { key },
      create: {
        key,
        inspectionId: r.inspectionId,
        deadline: r.kind,
        level: r.level,
        recipient,
        dueAt: new Date(r.dueAt),
        raisedAt: now(),
      },
      update: {},
    });
    const due = chinaDate(r.dueAt);
    const what = `${i.enterprise.name}的“${KIND_NAMES[r.kind]}”（当前环节：${STAGE_NAMES[r.stage]}）`;
    const subject =
      r.level === 'REMINDER'
        ? `【提醒】${what}将于${due}到期`
        : r.level === 'SUPERVISOR'
          ? `【逾期】${what}已于${due}逾期`
          : `【逾期上报】${what}逾期未办结`;
    const text = `${subject}\n\n检查单位：${i.unit.name}\n检查对象：${i.enterprise.name}（${i.enterprise.creditCode}）\n到期日：${due}\n流程编号：${r.workflowId}\n\n请登录 ssj 办理。`;
    return {
      key: `escalation.${r.inspectionId}.${r.kind}.${r.level}`.toLowerCase(),
      purpose: r.level === 'REMINDER' ? 'REMINDER' : 'ESCALATION',
      inspectionId: r.inspectionId,
      to: recipient,
      subject,
      text,
    };
  }

  async function resolveEscalations(inspectionId: number, kind: DeadlineKind): Promise<void> {
    await db.escalation.updateMany({
      where: { inspectionId, deadline: kind, resolvedAt: null },
      data: { resolvedAt: now() },
    });
  }

  return { raiseEscalation, resolveEscalations };
}
