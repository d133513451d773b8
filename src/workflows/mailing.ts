// Delivering an email from a workflow. The send and the "sent" record are two
// activities: the send completes the moment the SMTP server says 250, and the
// record follows. A crash between the 250 and the send's completion still
// repeats the send (SMTP cannot say whether a message it may have taken was
// taken), but that window is now one RPC, not a database write that may wait
// behind other writers. Histories from before this ran the old single step.
import { patched } from '@temporalio/workflow';
import type { OutgoingMail } from '../activities/mail.ts';
import { db, mail } from './activities.ts';

export async function deliver(msg: OutgoingMail): Promise<void> {
  if (!patched('mark-sent-after-send')) {
    await mail.sendEmail(msg);
    return;
  }
  const r = await mail.sendEmail(msg, { markSent: false });
  if (r.sentNow) await db.markEmailSent(r.messageId);
}
