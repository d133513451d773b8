// nodemailer transport from configuration. With no SMTP_HOST the app sends
// to the local capture server, so nothing leaves the machine.
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config/index.ts';

export type Mailer = Transporter;

export function createMailer(smtp: SmtpConfig, capturePort: number): Mailer {
  // Pooled: a busy day's filings and scans reuse a few SMTP sessions instead of a login per message.
  if (!smtp.host)
    return nodemailer.createTransport({
      pool: true,
      maxConnections: 4,
      host: '127.0.0.1',
      port: capturePort,
      secure: false,
      ignoreTLS: true,
    });
  return nodemailer.createTransport({
    pool: true,
    maxConnections: 4,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

/** One clear line for start-up: can we talk to the SMTP server at all? */
export async function checkMailer(mailer: Mailer, smtp: SmtpConfig): Promise<void> {
  try {
    await mailer.verify();
  } catch (e) {
    const where = smtp.host ? `${smtp.host}:${smtp.port}` : 'the local capture server';
    throw new Error(
      `SMTP_HOST: cannot reach ${where} (${(e as Error).message}). Check SMTP_HOST/SMTP_PORT/SMTP_SECURE/SMTP_USER/SMTP_PASS, or unset SMTP_HOST to capture mail locally.`,
    );
  }
}
