// The thread that talks SMTP (see transport.ts). It does nothing else, so
// the server's "250" is read and journalled the moment it arrives, however
// busy the worker's main thread is: the window in which a killed worker has
// had a message accepted but not recorded shrinks to this thread's next tick.
import nodemailer, { type Transporter } from 'nodemailer';
import { serveJobs } from '../threads/jobThread.ts';
import { SentJournal } from './sentJournal.ts';
import type { MailJob } from './transport.ts';

/** One pooled transport per distinct configuration (tests run several listeners). */
const transports = new Map<string, Transporter>();

function transport(options: object): Transporter {
  const key = JSON.stringify(options);
  let t = transports.get(key);
  if (!t) {
    t = nodemailer.createTransport(options);
    transports.set(key, t);
  }
  return t;
}

/** One journal per data directory (a process has one; tests use several). */
const journals = new Map<string, SentJournal>();

async function handle(job: MailJob): Promise<void> {
  const key = JSON.stringify(job.transport);
  if (job.op === 'close') {
    transports.get(key)?.close();
    transports.delete(key);
    return;
  }
  const t = transport(job.transport);
  if (job.op === 'verify') {
    await t.verify();
    return;
  }
  await t.sendMail(job.message);
  // Synchronously, in the same tick as the 250. Whether to send at all is the
  // caller's check (src/activities/mail.ts), made once, before it asks.
  const id = job.message.messageId;
  if (job.journalDir && id) {
    const journal = journals.get(job.journalDir) ?? new SentJournal(job.journalDir);
    journals.set(job.journalDir, journal);
    journal.add(id);
  }
}

serveJobs(handle);
