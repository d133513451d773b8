// Sending mail exactly once. Each message has a stable Message-ID and a row
// in EmailMessage; a retried or replayed send finds the row SENT (or the
// Message-ID in the local sent journal, written the moment the server says
// "250") and does nothing. Only a crash inside the server's own acceptance —
// after it took the message, before we read its 250 — can still repeat a
// send; the repeat carries the same Message-ID, so mail clients and the
// 优化办 mailbox thread it as one message.
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { SentJournal } from '../mail/sentJournal.ts';
import type { ActivityDeps } from './deps.ts';
import { withHeartbeat } from './heartbeat.ts';

export interface OutgoingMail {
  /** Stable id, e.g. "feedback-card.42": the Message-ID is <id@ssj.lstyjj>. */
  key: string;
  purpose: 'FILING' | 'FEEDBACK_CARD' | 'REMINDER' | 'ESCALATION' | 'AUDIT_ANCHOR';
  inspectionId?: number | null;
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; path?: string; content?: string; contentType: string }[];
}

export const messageIdOf = (key: string) => `<${key}@ssj.lstyjj>`;

export function mailActivities({ db, mailer, config, now }: ActivityDeps) {
  const journal = new SentJournal(config.dataDir);
  // Heartbeat from the first statement: a send stuck behind a database lock
  // must not time out and be retried while it is still going to send.
  const sendEmail = (m: OutgoingMail) => withHeartbeat(() => send(m));

  async function send(m: OutgoingMail): Promise<{ messageId: string; sentNow: boolean }> {
    const messageId = messageIdOf(m.key);
    const row = await db.emailMessage.upsert({
      where: { messageId },
      create: { messageId, purpose: m.purpose, inspectionId: m.inspectionId ?? null, to: m.to, subject: m.subject },
      update: {},
    });
    if (row.status === 'SENT') return { messageId, sentNow: false };
    if (journal.has(messageId)) {
      // Sent by an attempt that died before recording it: record it now, send nothing.
      await markSent(messageId);
      return { messageId, sentNow: false };
    }
    for (const a of m.attachments ?? []) {
      if (!a.path) continue;
      // Only files this system wrote (filing forms, stored scans): never a path from anywhere else.
      const inside = path.relative(path.resolve(config.dataDir), path.resolve(a.path));
      if (inside.startsWith('..') || path.isAbsolute(inside))
        throw ApplicationFailure.nonRetryable(`attachment ${a.filename}: ${a.path} is outside the data directory`);
      if (!fs.existsSync(a.path)) throw new Error(`attachment ${a.filename}: file ${a.path} is missing`);
    }
    await db.emailMessage.update({ where: { messageId }, data: { attempts: { increment: 1 } } });
    try {
      // The mail thread journals the Message-ID the moment the server accepts it.
      await mailer.sendMail(
        { from: config.smtp.from, to: m.to, subject: m.subject, text: m.text, messageId, attachments: m.attachments },
        config.dataDir,
      );
    } catch (e) {
      await db.emailMessage.update({
        where: { messageId },
        data: { lastError: String((e as Error).message).slice(0, 500) },
      });
      throw e; // Temporal retries with backoff; the deadline timers keep running meanwhile
    }
    await markSent(messageId);
    return { messageId, sentNow: true };
  }
  async function markSent(messageId: string) {
    await db.emailMessage.update({ where: { messageId }, data: { status: 'SENT', sentAt: now(), lastError: null } });
  }
  return { sendEmail };
}
