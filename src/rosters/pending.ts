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
  prune(dataDir);
  const id = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
  fs.mkdirSync(dir(dataDir), { recursive: true });
  fs.writeFileSync(path.join(dir(dataDir), id), bytes);
  return id;
}

/** The kept file for an id from a form, or null when the id is malformed or the file is gone. */
export function readPending(dataDir: string, id: unknown): { bytes: Buffer; ext: string } | null {
  const m = typeof id === 'string' ? ID.exec(id) : null;
  if (!m) return null;
  const file = path.join(dir(dataDir), id as string);
  if (!fs.existsSync(file)) return null;
  const bytes = fs.readFileSync(file);
  // The name is the content's hash: a file changed on disk is not the one that was previewed.
  if (createHash('sha256').update(bytes).digest('hex') !== m[1]) return null;
  return { bytes, ext: m[2] as string };
}

export function dropPending(dataDir: string, id: string): void {
  if (ID.test(id)) fs.rmSync(path.join(dir(dataDir), id), { force: true });
}

function prune(dataDir: string) {
  if (!fs.existsSync(dir(dataDir))) return;
  for (const f of fs.readdirSync(dir(dataDir))) {
    const file = path.join(dir(dataDir), f);
    if (Date.now() - fs.statSync(file).mtimeMs > DAY) fs.rmSync(file, { force: true });
  }
}
