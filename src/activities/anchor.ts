// The audit log's daily anchor: its newest entry's number and hash, mailed to
// an address outside the database's reach (SSJ_AUDIT_ANCHOR_EMAIL), so that
// deleting the newest entries — which leaves no broken link — is found by
// `ssj audit verify --anchor N:HASH`. Filed in the log itself once mailed.
import type { ActivityDeps } from './deps.ts';
import type { OutgoingMail } from './mail.ts';

export function anchorActivities({ db, config }: ActivityDeps) {
  /** The anchor email for a China day (one per day: its Message-ID is the day's), or null for an empty log. */
  async function auditAnchorMail(day: string): Promise<OutgoingMail | null> {
    const head = await db.auditLog.findFirst({ orderBy: { id: 'desc' } });
    if (!head) return null;
    const anchor = `${head.id}:${head.hash}`;
    return {
      key: `audit-anchor.${day}`,
      purpose: 'AUDIT_ANCHOR',
      to: config.auditAnchorEmail,
      subject: `【审计锚点】${day} 审计日志第 ${head.id} 条`,
      text: [
        '审计日志锚点（请保存本邮件，不要转发给系统管理员以外的人）：',
        '',
        `  日期：${day}`,
        `  最新条目：第 ${head.id} 条`,
        `  校验值：${head.hash}`,
        `  锚点：${anchor}`,
        '',
        `核对：ssj audit verify --anchor ${anchor}`,
        '日志中若已没有这一条或它的校验值不同，说明此后有记录被删除或改动。',
        '',
        '冷水滩区应急管理局 双随机、一公开系统',
      ].join('\n'),
    };
  }
  return { auditAnchorMail };
}
