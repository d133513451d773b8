// The audit chain's key and anchors (Art. 19–20: what was done must not be
// silently editable). The hash chain alone shows an edit only to someone who
// does not recompute the later hashes; with SSJ_AUDIT_KEY — a secret kept
// outside the database, given to every process that writes (app, workers,
// CLI) — each entry carries seal = HMAC-SHA256(key, hash), which nobody can
// recompute without the key. Deleting the newest entries leaves no broken
// link, so the head is also anchored outside the database: mailed daily
// (SSJ_AUDIT_ANCHOR_EMAIL) and shown on the public page; `ssj audit verify
// --anchor N:HASH` checks the log still holds what was mailed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { firstBrokenLink, type StoredAudit } from './chain.ts';

/** The key from the environment, or null when the log is kept unsealed (then only unrecomputed edits show). */
export function auditKey(env: NodeJS.ProcessEnv = process.env): string | null {
  const k = env.SSJ_AUDIT_KEY;
  return k && k.length >= 32 ? k : null;
}

export function sealOf(hash: string, key: string): string {
  return createHmac('sha256', key).update(hash).digest('hex');
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface Anchor {
  id: number;
  hash: string;
}

export interface AuditCheck {
  entries: number;
  /** The first entry that does not verify, and why (in words a reader acts on). */
  broken: { id: number; reason: string } | null;
  /** Entries written before a key was set (they verify by the chain alone). */
  unsealed: number;
  keyed: boolean;
}

/**
 * The whole check: every link; with the key, every seal from the first sealed
 * entry on (an unsealed entry after it was inserted or stripped); each anchor
 * still in the log with the hash that was published.
 */
export function checkAudit(
  entries: (StoredAudit & { seal?: string | null })[],
  key: string | null,
  anchors: Anchor[] = [],
): AuditCheck {
  let broken = firstBrokenLink(entries);
  const firstSealed = entries.findIndex((e) => e.seal);
  if (!broken && key && firstSealed >= 0)
    for (const e of entries.slice(firstSealed)) {
      if (!e.seal) broken = { id: e.id, reason: '缺少密钥封印（在封印开始后写入或被去掉）' };
      else if (!same(e.seal, sealOf(e.hash, key)))
        broken = { id: e.id, reason: '密钥封印不符（内容被改动后重算了校验值）' };
      if (broken) break;
    }
  if (!broken)
    for (const a of anchors) {
      const e = entries.find((x) => x.id === a.id);
      if (!e) broken = { id: a.id, reason: `已公布的锚点第 ${a.id} 条不在日志中（其后的记录被删除）` };
      else if (e.hash !== a.hash) broken = { id: a.id, reason: `第 ${a.id} 条与已公布的锚点不符` };
      if (broken) break;
    }
  return {
    entries: entries.length,
    broken,
    unsealed: firstSealed < 0 ? entries.length : firstSealed,
    keyed: key !== null,
  };
}

/** "N:HASH" as the anchor email and the public page print it. */
export function parseAnchor(text: string): Anchor | null {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { id: Number(m[1]), hash: m[2] as string } : null;
}
