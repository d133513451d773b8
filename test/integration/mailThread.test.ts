// The mail thread reads the server's "250" and journals the Message-ID on its
// own, while the worker's main thread is still busy: a worker killed in that
// moment has already recorded the send, so its retry does not repeat it
// (the retry itself: mailJournal.test.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../../src/mail/transport.ts';

describe('mail thread', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-mailthread-'));
  const inbox = path.join(dir, 'inbox');
  let listener: ChildProcess;
  let mailer: Mailer;

  beforeAll(async () => {
    fs.mkdirSync(inbox);
    listener = spawn(process.execPath, ['--import', 'tsx', 'test/support/captureProcess.ts', inbox]);
    const port = await new Promise<number>((resolve, reject) => {
      listener.stdout?.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      listener.once('exit', (code) => reject(new Error(`listener exited ${code}`)));
    });
    mailer = createMailer({ host: null, port: 0, secure: false, from: 'ssj@test.local' }, port);
    await mailer.verify(); // the thread and its SMTP session are up
  });
  afterAll(() => {
    mailer?.close();
    listener?.kill();
  });

  it('journals the Message-ID while the main thread never yields', async () => {
    const messageId = '<busy.1@ssj.lstyjj>';
    const sending = mailer.sendMail(
      { from: 'ssj@test.local', to: 'lstyhb@163.com', subject: '备案', text: '见附件', messageId },
      dir,
    );
    // Block this event loop (as a busy worker would) and watch the journal synchronously.
    const journal = path.join(dir, 'sent-message-ids.log');
    const deadline = Date.now() + 10_000;
    let seen = false;
    while (!seen && Date.now() < deadline)
      seen = fs.existsSync(journal) && fs.readFileSync(journal, 'utf8').includes(messageId);
    expect(seen).toBe(true);
    await sending;
    expect(fs.readdirSync(inbox)).toHaveLength(1);
  });
});
