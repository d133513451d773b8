// Reminders and escalations. The record is written first, so an escalation
// is visible even while mail is down; the email follows through sendEmail.
import { chinaDate } from '../shared/chinaTime.ts';
import { DEADLINE_NAMES, type DeadlineKind, STAGE_NAMES, type Stage } from '../workflows/inspection/types.ts';
import type { ActivityDeps } from './deps.ts';
import type { OutgoingMail } from './mail.ts';

export interface EscalationRequest {
  /** Exactly one of inspectionId / planId. */
  inspectionId: number | null;
  planId?: number | null;
  workflowId: string;
  stage: Stage | 'PLAN';
  kind: DeadlineKind;
  level: 'REMINDER' | 'SUPERVISOR' | 'LEADER';
  dueAt: number;
}

export function escalationActivities({ db, config, now }: ActivityDeps) {
  async function recipientFor(r: EscalationRequest, unitEmail: string): Promise<string> {
    if (r.level === 'LEADER') return config.bureauLeaderEmail;
    if (r.level === 'SUPERVISOR' || r.inspectionId === null) return unitEmail;
    const members = await db.inspectionMember.findMany({
      where: { inspectionId: r.inspectionId, active: true, inspectorId: { not: null } },
      include: { inspector: true },
    });
    const emails = members.map((m) => m.inspector?.email).filter((e): e is string => Boolean(e));
    return emails.length ? emails.join(', ') : unitEmail;
  }

  /** Who and what the deadline is about, for the message. */
  async function subjectOf(r: EscalationRequest) {
    if (r.inspectionId !== null) {
      const i = await db.inspection.findUniqueOrThrow({
        where: { id: r.inspectionId },
        include: { unit: true, enterprise: true },
      });
      return { unit: i.unit, about: `${i.enterprise.name}（${i.enterprise.creditCode}）`, name: i.enterprise.name };
    }
    const p = await db.annualPlan.findUniqueOrThrow({ where: { id: r.planId as number }, include: { unit: true } });
    return { unit: p.unit, about: p.title, name: p.title };
  }

  async function raiseEscalation(r: EscalationRequest): Promise<OutgoingMail> {
    const subj = await subjectOf(r);
    const recipient = await recipientFor(r, subj.unit.supervisorEmail);
    const key = `${r.workflowId}:${r.kind}:${r.level}`;
    await db.escalation.upsert({
      where: { key },
      create: {
        key,
        inspectionId: r.inspectionId,
        planId: r.planId ?? null,
        deadline: r.kind,
        level: r.level,
        recipient,
        dueAt: new Date(r.dueAt),
        raisedAt: now(),
      },
      update: {},
    });
    const due = chinaDate(r.dueAt);
    const stage = r.stage === 'PLAN' ? '计划审定' : STAGE_NAMES[r.stage];
    const what = `${subj.name}的“${DEADLINE_NAMES[r.kind]}”（当前环节：${stage}）`;
    const subject =
      r.level === 'REMINDER'
        ? `【提醒】${what}将于${due}到期`
        : r.level === 'SUPERVISOR'
          ? `【逾期】${what}已于${due}逾期`
          : `【逾期上报】${what}逾期未办结`;
    const text = `${subject}\n\n单位：${subj.unit.name}\n事项：${subj.about}\n到期日：${due}\n流程编号：${r.workflowId}\n\n请登录 ssj 办理。`;
    return {
      key: `escalation.${r.inspectionId ?? `plan-${r.planId}`}.${r.kind}.${r.level}`.toLowerCase(),
      purpose: r.level === 'REMINDER' ? 'REMINDER' : 'ESCALATION',
      inspectionId: r.inspectionId,
      to: recipient,
      subject,
      text,
    };
  }

  async function resolveEscalations(workflowId: string, kind: DeadlineKind): Promise<void> {
    await db.escalation.updateMany({
      where: { key: { startsWith: `${workflowId}:${kind}:` }, resolvedAt: null },
      data: { resolvedAt: now() },
    });
  }

  return { raiseEscalation, resolveEscalations };
}
