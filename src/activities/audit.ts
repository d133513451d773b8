// Append to the hash-chained audit log. Idempotent by key: an activity
// retried after a crash appends once.
import { auditHash, GENESIS } from '../audit/chain.ts';
import { auditKey, sealOf } from '../audit/seal.ts';
import type { Db, Prisma } from '../db/client.ts';
import type { ActivityDeps } from './deps.ts';

export interface AuditEntry {
  key?: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: unknown;
}

/** A transaction's client: an entry is appended inside the change it records. */
export type Tx = Prisma.TransactionClient;

/**
 * Append one entry inside the caller's transaction, so the entry commits with
 * the change it records, or neither does; and one commit, not two, each a
 * disk sync on SQLite. Callers use `changeWithAudit`.
 */
async function appendAuditIn(
  tx: Tx,
  entry: AuditEntry,
  now: () => Date = () => new Date(),
): Promise<{ id: number; hash: string }> {
  if (entry.key) {
    const existing = await tx.auditLog.findUnique({ where: { key: entry.key } });
    if (existing) return { id: existing.id, hash: existing.hash };
  }
  const last = await tx.auditLog.findFirst({ orderBy: { id: 'desc' } });
  const prevHash = last?.hash ?? GENESIS;
  // Millisecond precision: both databases store that much, so the hash verifies after a round trip.
  const content = { ...entry, details: entry.details ?? {}, at: new Date(now().getTime()) };
  const hash = auditHash(prevHash, content);
  const key = auditKey();
  const row = await tx.auditLog.create({
    data: {
      ...content,
      details: content.details as object,
      key: entry.key ?? null,
      prevHash,
      hash,
      seal: key ? sealOf(hash, key) : null,
    },
  });
  return { id: row.id, hash: row.hash };
}

/**
 * A concurrent append took the same link (a unique `prevHash`) or filed the same key first, as Prisma words it
 * on SQLite and on PostgreSQL. Any other unique conflict is the caller's own (a recusal racing for its draw
 * record, a seed sealed twice) and goes back to the caller, which knows what to redo.
 */
const CHAIN_CONFLICT =
  /Unique constraint failed on the (fields: \(`(prevHash|key)`\)|constraint: `AuditLog_(prevHash|key)_key`)/;

/** Run a transaction that appends to the chain; again, whole, if another writer took the same link. */
async function auditedTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(work, options);
    } catch (e) {
      // Re-read the tail (or find the keyed entry) and retry.
      if (attempt < 5 && CHAIN_CONFLICT.test(String((e as Error).message))) continue;
      throw e;
    }
  }
}

/**
 * Make a change and file its audit entry in one transaction: a step, a draw,
 * a console edit or an import is never stored unfiled. Keyed entries are
 * appended once, so a retried change (which finds its rows) files nothing twice.
 */
export function changeWithAudit<T>(
  db: Db,
  entry: AuditEntry | ((result: T) => AuditEntry),
  change: (tx: Tx) => Promise<T>,
  options: { timeout?: number; now?: () => Date } = {},
): Promise<T> {
  return auditedTransaction(
    db,
    async (tx) => {
      const result = await change(tx);
      // An entry may describe what the change found (a frozen snapshot's digest): it is made from the result.
      await appendAuditIn(tx, typeof entry === 'function' ? entry(result) : entry, options.now);
      return result;
    },
    { timeout: options.timeout },
  );
}

/** Append one entry on its own; usable outside activities too (console, imports). */
export function appendAuditEntry(
  db: Db,
  entry: AuditEntry,
  now: () => Date = () => new Date(),
): Promise<{ id: number; hash: string }> {
  return auditedTransaction(db, (tx) => appendAuditIn(tx, entry, now));
}

export function auditActivities({ db, now }: ActivityDeps) {
  return { appendAudit: (entry: AuditEntry) => appendAuditEntry(db, entry, now) };
}
