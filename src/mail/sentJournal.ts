// A local, append-only record of Message-IDs the SMTP server has accepted,
// written synchronously in the first moment after its "250" — before any
// database write, which may wait behind other writers. A send retried after a
// crash in that gap finds its Message-ID here and is not sent again. It lives
// in the data directory, so it covers retries by any process that shares it
// (the embedded default, compose's app-files volume, a shared mount); where
// workers do not share it, the database record is the only one, and its
// small window remains.
import fs from 'node:fs';
import path from 'node:path';

export class SentJournal {
  private readonly file: string;
  /** Message-IDs read so far, and how far into the file: each check reads only what was appended since. */
  private readonly seen = new Set<string>();
  private offset = 0;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'sent-message-ids.log'); // beside, not among, the captured .eml files
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
  }

  has(messageId: string): boolean {
    this.catchUp();
    return this.seen.has(messageId);
  }

  /** Synchronous on purpose: nothing may run between the server's acceptance and this line. */
  add(messageId: string): void {
    fs.appendFileSync(this.file, `${messageId}\n`);
  }

  /**
   * Read the lines other processes (and this one) appended since the last check. Only whole lines count:
   * a line still being written is read next time.
   */
  private catchUp(): void {
    let fd: number;
    try {
      fd = fs.openSync(this.file, 'r');
    } catch {
      return; // nothing journalled yet
    }
    try {
      const size = fs.fstatSync(fd).size;
      if (size < this.offset) {
        // Replaced by a shorter file (restored from a backup): start over.
        this.offset = 0;
        this.seen.clear();
      }
      if (size === this.offset) return;
      const buf = Buffer.alloc(size - this.offset);
      fs.readSync(fd, buf, 0, buf.length, this.offset);
      const whole = buf.lastIndexOf(0x0a) + 1;
      for (const line of buf.subarray(0, whole).toString('utf8').split('\n')) if (line) this.seen.add(line);
      this.offset += whole;
    } finally {
      fs.closeSync(fd);
    }
  }
}
