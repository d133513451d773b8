// nodemailer transport from configuration. With no SMTP_HOST the app sends
// to the local capture server, so nothing leaves the machine.
import type { SendMailOptions } from 'nodemailer';
import type { SmtpConfig } from '../config/index.ts';
import { JobThread } from '../threads/jobThread.ts';

/**
 * Sends mail from a thread of its own (mailWorker.ts). `sendMail` with a
 * `journalDir` records the Message-ID in that directory's sent journal the
 * moment the server accepts the message.
 */
export interface Mailer {
  sendMail(message: SendMailOptions, journalDir?: string): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

/** What the mail thread is asked to do; `transport` is nodemailer's transport options. */
export type MailJob =
  | { op: 'send'; transport: object; message: SendMailOptions; journalDir?: string }
  | { op: 'verify'; transport: object }
  | { op: 'close'; transport: object };

const thread = new JobThread<MailJob, void>(new URL('./mailWorker.mjs', import.meta.url), 'SMTP');

function transportOptions(smtp: SmtpConfig, capturePort: number): object {
  // Pooled: a busy day's filings and scans reuse a few SMTP sessions instead of a login per message.
  if (!smtp.host)
    return { pool: true, maxConnections: 4, host: '127.0.0.1', port: capturePort, secure: false, ignoreTLS: true };
  return {
    pool: true,
    maxConnections: 4,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  };
}

export function createMailer(smtp: SmtpConfig, capturePort: number): Mailer {
  const transport = transportOptions(smtp, capturePort);
  return {
    sendMail: (message, journalDir) => thread.run({ op: 'send', transport, message, journalDir }),
    verify: async () => {
      await thread.run({ op: 'verify', transport });
    },
    close: () => {
      thread.run({ op: 'close', transport }).catch(() => undefined);
    },
  };
}

/** One clear line for start-up: can we talk to the SMTP server at all? */
export async function checkMailer(mailer: Mailer, smtp: SmtpConfig): Promise<void> {
  try {
    await mailer.verify();
  } catch (e) {
    const where = smtp.host ? `${smtp.host}:${smtp.port}` : '本机的邮件捕获服务';
    throw new Error(
      `SMTP_HOST：连不上 ${where}（${(e as Error).message}）。请检查 SMTP_HOST、SMTP_PORT、SMTP_SECURE、SMTP_USER、SMTP_PASS，或不设置 SMTP_HOST，在本机捕获邮件。`,
    );
  }
}
