// A real SMTP listener on loopback, and the parsed messages it received.
import { type ParsedMail, simpleParser } from 'mailparser';
import { type MailCapture, startMailCapture } from '../../src/mail/capture.ts';
import { createMailer, type Mailer } from '../../src/mail/transport.ts';

export interface MailHarness {
  capture: MailCapture;
  mailer: Mailer;
  parsed(): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

export async function startMailHarness(refuse?: () => string | null): Promise<MailHarness> {
  const capture = await startMailCapture({ port: 0, refuse });
  const mailer = createMailer({ host: null, port: 0, secure: false, from: 'ssj@test.local' }, capture.port);
  return {
    capture,
    mailer,
    parsed: () => Promise.all(capture.messages.map((m) => simpleParser(m.raw))),
    stop: async () => {
      mailer.close();
      await capture.stop();
    },
  };
}
