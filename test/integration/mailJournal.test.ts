// A send that reached the SMTP server but died before its database record:
// the retry finds the Message-ID in the local sent journal, records the send
// and sends nothing — the listener holds one copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailActivities } from '../../src/activities/mail.ts';
import { freshSqlite, type TestDb } from '../support/db.ts';
import { testDeps } from '../support/deps.ts';
import { type MailHarness, startMailHarness } from '../support/mail.ts';

describe('sent journal', () => {
  let t: TestDb;
  let mail: MailHarness;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-journal-'));

  beforeAll(async () => {
    [t, mail] = await Promise.all([freshSqlite(), startMailHarness()]);
  });
  afterAll(async () => {
    await mail?.stop();
    await t?.drop();
  });

  it('does not send again what the server took before the crash', async () => {
    const { sendEmail } = mailActivities(testDeps(t.db, mail.mailer, dataDir));
    const msg = { key: 'journal.1', purpose: 'FILING' as const, to: 'lstyhb@163.com', subject: '备案', text: '见附件' };
    expect(await sendEmail(msg)).toMatchObject({ sentNow: true });
    // The crash: the server has the message, the database never heard.
    await t.db.emailMessage.update({ where: { messageId: '<journal.1@ssj.lstyjj>' }, data: { status: 'PENDING' } });
    // The retry, as a fresh worker on the same machine would run it.
    const retry = mailActivities(testDeps(t.db, mail.mailer, dataDir));
    expect(await retry.sendEmail(msg)).toMatchObject({ sentNow: false });
    expect(mail.capture.messages).toHaveLength(1);
    const row = await t.db.emailMessage.findUniqueOrThrow({ where: { messageId: '<journal.1@ssj.lstyjj>' } });
    expect(row.status).toBe('SENT');
    expect(row.attempts).toBe(1);
  });
});
