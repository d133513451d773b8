// A roster file between its preview and the confirmation: kept under the data
// directory by its content (imports/<sha256>.<ext>), so the confirm form
// names it by a hash and never by a path. Files left unconfirmed are removed
// after a day.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ID = /^([0-9a-f]{64})\.(csv|xlsx)$/;
const DAY = 86_400_000;

const dir = (dataDir: string) => path.resolve(dataDir, 'imports');

/** Keeps the file; its id (hash and extension) goes into the confirm form. Null for a name that is not .csv/.xlsx. */
export function keepPending(dataDir: string, fileName: string, bytes: Buffer): string | null {
  const ext = /\.(csv|xlsx)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (!ext) return null;
  prunePending(dataDir);
  const id = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
  fs.mkdirSync(dir(dataDir), { recursive: true });
  fs.writeFileSync(path.join(dir(dataDir), id), bytes);
  return id;
}

/**
 * Takes the kept file for one confirmation: renamed out of reach (rename is
 * atomic), so a second confirm sent at the same time finds nothing and says
 * so. `release` puts it back (the preview is shown again); `done` removes it.
 */
export function claimPending(
  dataDir: string,
  id: unknown,
): { bytes: Buffer; ext: string; release: () => void; done: () => void } | null {
  const m = typeof id === 'string' ? ID.exec(id) : null;
  if (!m) return null;
  const file = path.join(dir(dataDir), id as string);
  const claimed = `${file}.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.claimed`;
  try {
    fs.renameSync(file, claimed);
  } catch {
    return null; // gone: confirmed already, or expired
  }
  const bytes = fs.readFileSync(claimed);
  if (createHash('sha256').update(bytes).digest('hex') !== m[1]) {
    fs.rmSync(claimed, { force: true });
    return null;
  }
  return {
    bytes,
    ext: m[2] as string,
    release: () => fs.renameSync(claimed, file),
    done: () => fs.rmSync(claimed, { force: true }),
  };
}

/** Removes kept files older than a day (run at each upload and when the console starts); another pruner racing is fine. */
export function prunePending(dataDir: string) {
  if (!fs.existsSync(dir(dataDir))) return;
  for (const f of fs.readdirSync(dir(dataDir))) {
    const file = path.join(dir(dataDir), f);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > DAY) fs.rmSync(file, { force: true });
    } catch {
      // removed meanwhile
    }
  }
}
