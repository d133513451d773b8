// The thread that talks SMTP (see transport.ts). It does nothing else, so
// the server's "250" is read and journalled the moment it arrives, however
// busy the worker's main thread is: the window in which a killed worker has
// had a message accepted but not recorded shrinks to this thread's next tick.
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
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

async function handle(job: MailJob): Promise<{ sent: boolean }> {
  const t = transport(job.transport);
  if (job.op !== 'send') {
    if (job.op === 'verify') await t.verify();
    else {
      t.close();
      transports.delete(JSON.stringify(job.transport));
    }
    return { sent: false };
  }
  const journal = job.journalDir ? new SentJournal(job.journalDir) : null;
  const id = String(job.message.messageId ?? '');
  if (journal && id && journal.has(id)) return { sent: false };
  await t.sendMail(job.message as SendMailOptions);
  if (journal && id) journal.add(id); // synchronously, in the same tick as the 250
  return { sent: true };
}

serveJobs(handle);
