// The audit log is a hash chain: each entry's hash covers its content and
// the previous entry's hash, so an edit or a deletion anywhere breaks every
// later link (Art. 19–20: who did what, when, not silently editable).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical.ts';

export const GENESIS = '0'.repeat(64);

export interface AuditContent {
  at: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: unknown;
}

export function auditHash(prevHash: string, c: AuditContent): string {
  return createHash('sha256')
    .update(prevHash)
    .update(
      canonicalJson({
        at: c.at.toISOString(),
        actor: c.actor,
        action: c.action,
        subjectType: c.subjectType,
        subjectId: c.subjectId,
        details: c.details,
      }),
    )
    .digest('hex');
}

export interface StoredAudit extends AuditContent {
  id: number;
  prevHash: string;
  hash: string;
}

/** The id of the first entry that does not verify, or null if the chain is whole. */
export function firstBrokenLink(entries: StoredAudit[]): { id: number; reason: string } | null {
  let prev = GENESIS;
  for (const e of entries) {
    if (e.prevHash !== prev) return { id: e.id, reason: 'previous link missing or altered' };
    if (auditHash(e.prevHash, e) !== e.hash) return { id: e.id, reason: 'content altered' };
    prev = e.hash;
  }
  return null;
}
