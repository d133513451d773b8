// The sent-mail journal is shared by every process on a data directory:
// one sees what another appended, and never half a line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SentJournal } from '../../src/mail/sentJournal.ts';

describe('SentJournal', () => {
  it('sees what another process appended since its last check, and only whole lines', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-journal-'));
    const [mine, theirs] = [new SentJournal(dir), new SentJournal(dir)];
    expect(mine.has('<a@x>')).toBe(false);
    theirs.add('<a@x>');
    expect(mine.has('<a@x>')).toBe(true);
    // Another writer caught mid-line: the half line is not an entry yet.
    fs.appendFileSync(path.join(dir, 'sent-message-ids.log'), '<b@');
    expect(mine.has('<b@')).toBe(false);
    fs.appendFileSync(path.join(dir, 'sent-message-ids.log'), 'x>\n');
    expect([mine.has('<b@x>'), mine.has('<a@x>')]).toEqual([true, true]);
    // Restored from an older backup: the journal starts over from the file.
    fs.writeFileSync(path.join(dir, 'sent-message-ids.log'), '<c@x>\n');
    expect([mine.has('<c@x>'), mine.has('<b@x>')]).toEqual([true, false]);
  });
});
