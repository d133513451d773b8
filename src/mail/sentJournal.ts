// A local, append-only record of Message-IDs the SMTP server has accepted,
// written synchronously in the first moment after its "250" — before any
// database write, which may wait behind other writers. A send retried after a
// crash in that gap finds its Message-ID here and is not sent again. It lives
// in the data directory, so it covers retries on the same machine (the
// embedded default, or workers sharing a volume); across machines the
// database record is the only one, and its small window remains.
import fs from 'node:fs';
import path from 'node:path';

export class SentJournal {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'sent-message-ids.log'); // beside, not among, the captured .eml files
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
  }

  has(messageId: string): boolean {
    try {
      return fs.readFileSync(this.file, 'utf8').includes(`${messageId}\n`);
    } catch {
      return false; // nothing journalled yet
    }
  }

  /** Synchronous on purpose: nothing may run between the server's acceptance and this line. */
  add(messageId: string): void {
    fs.appendFileSync(this.file, `${messageId}\n`);
  }
}
