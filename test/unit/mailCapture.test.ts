// The local SMTP listener (the embedded default's outbox) when a client dies
// mid-message: the half-sent message is not kept, and the listener carries on.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startMailCapture } from '../../src/mail/capture.ts';
import { createMailer } from '../../src/mail/transport.ts';

function dieMidMessage(port: number): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const script = ['EHLO x', 'MAIL FROM:<a@x>', 'RCPT TO:<b@x>', 'DATA'];
    s.on('data', () => {
      const line = script.shift();
      if (line !== undefined) return s.write(`${line}\r\n`);
      // 354 received: part of a large message still in flight, then a SIGKILLed sender's RST (no dot, no QUIT).
      s.write(`Subject: half\r\n\r\n${'x'.repeat(200_000)}`);
      s.resetAndDestroy();
      setTimeout(resolve, 300);
    });
  });
}

describe('mail capture', () => {
  it('survives a client resetting its connection mid-message and keeps only whole messages', async () => {
    const capture = await startMailCapture({ port: 0 });
    try {
      for (let k = 0; k < 5; k++) await dieMidMessage(capture.port);
      const mailer = createMailer({ host: null, port: 0, secure: false, from: 'ssj@test.local' }, capture.port);
      await mailer.sendMail({ from: 'ssj@test.local', to: 'lstyhb@163.com', subject: 'whole', text: 'ok' });
      mailer.close();
      expect(capture.messages).toHaveLength(1);
      expect(capture.messages[0]?.raw.toString()).toContain('Subject: whole');
    } finally {
      await capture.stop();
    }
  });
});
