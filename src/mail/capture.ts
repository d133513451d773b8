// A real SMTP server on loopback that keeps every message: the embedded
// default's "outbox" (raw .eml under .data/mail/) and the tests' listener.
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  raw: Buffer;
  file?: string;
}

export interface MailCaptureOptions {
  port: number; // 0 = any free port
  dir?: string; // where .eml files go; omitted = memory only
  /** Fault injection for tests: return an SMTP error text to refuse a message. */
  refuse?: () => string | null;
  /** Fault injection for tests: hold the "250" this many milliseconds (a slow server). */
  delayMs?: () => number;
  onMessage?: (m: CapturedMail) => void;
}

export interface MailCapture {
  port: number;
  messages: CapturedMail[];
  stop(): Promise<void>;
}

export async function startMailCapture(o: MailCaptureOptions): Promise<MailCapture> {
  const messages: CapturedMail[] = [];
  if (o.dir) fs.mkdirSync(o.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 30 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = o.refuse?.();
        if (refusal) return callback(Object.assign(new Error(refusal), { responseCode: 451 }));
        const mail: CapturedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        };
        if (o.dir) {
          mail.file = path.join(o.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${messages.length + 1}.eml`);
          fs.writeFileSync(mail.file, mail.raw);
        }
        messages.push(mail);
        o.onMessage?.(mail);
        const delay = o.delayMs?.() ?? 0;
        if (delay > 0) setTimeout(() => callback(), delay);
        else callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  // A client that vanishes mid-session (a killed worker) resets its socket; smtp-server reports that as an
  // 'error' on the server, which must not bring the server down. The half-sent message is not kept.
  server.on('error', () => undefined);
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    port,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
