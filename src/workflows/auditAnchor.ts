// Once a day (a Temporal Schedule, `audit-anchor`, made at start-up): mail
// the audit log's head to an address outside the database's reach, and file
// that it went (src/activities/anchor.ts says why).
import { workflowInfo } from '@temporalio/workflow';
import { chinaDate } from '../shared/chinaTime.ts';
import { db, mail } from './activities.ts';

export async function auditAnchor(): Promise<{ day: string; anchor: string | null }> {
  const day = chinaDate(Date.now());
  const message = await db.auditAnchorMail(day);
  if (!message) return { day, anchor: null };
  await mail.sendEmail(message);
  const anchor = /锚点：(\S+)/.exec(message.text)?.[1] ?? null;
  await db.appendAudit({
    key: `audit-anchor:${day}`,
    actor: 'system',
    action: 'audit.anchor',
    subjectType: 'audit',
    subjectId: day,
    details: { anchor, to: message.to, workflowId: workflowInfo().workflowId },
  });
  return { day, anchor };
}

export const AUDIT_ANCHOR_SCHEDULE = 'audit-anchor';
