// Append to the hash-chained audit log. Idempotent by key: an activity
// retried after a crash appends once.
import { auditHash, GENESIS } from '../audit/chain.ts';
import type { Db } from '../db/client.ts';
import type { ActivityDeps } from './deps.ts';

export interface AuditEntry {
  key?: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: unknown;
}

/** Append one entry; usable outside activities too (console, imports). */
export async function appendAuditEntry(
  db: Db,
  entry: AuditEntry,
  now: () => Date = () => new Date(),
): Promise<{ id: number; hash: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        if (entry.key) {
          const existing = await tx.auditLog.findUnique({ where: { key: entry.key } });
          if (existing) return { id: existing.id, hash: existing.hash };
        }
        const last = await tx.auditLog.findFirst({ orderBy: { id: 'desc' } });
        const prevHash = last?.hash ?? GENESIS;
        // Millisecond precision: both databases store that much, so the hash verifies after a round trip.
        const content = { ...entry, details: entry.details ?? {}, at: new Date(now().getTime()) };
        const hash = auditHash(prevHash, content);
        const row = await tx.auditLog.create({
          data: { ...content, details: content.details as object, key: entry.key ?? null, prevHash, hash },
        });
        return { id: row.id, hash: row.hash };
      });
    } catch (e) {
      // Another writer took the same link (unique prevHash): re-read and retry.
      if (attempt < 5 && /Unique constraint/i.test(String((e as Error).message))) continue;
      throw e;
    }
  }
}

export function auditActivities({ db, now }: ActivityDeps) {
  return { appendAudit: (entry: AuditEntry) => appendAuditEntry(db, entry, now) };
}
