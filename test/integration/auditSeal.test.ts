// The audit trail against an insider with the database: an entry edited and
// every later hash recomputed passes the bare chain but not the keyed seals;
// the newest entries deleted leave no broken link but miss the anchor that
// was mailed. The daily anchor runs on the real dev server and arrives by mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '../../src/activities/audit.ts';
import { auditHash, GENESIS } from '../../src/audit/chain.ts';
import { checkAudit } from '../../src/audit/seal.ts';
import { auditAnchor } from '../../src/workflows/auditAnchor.ts';
import { useStack } from '../support/stack.ts';

const KEY = 'k'.repeat(40);

describe('audit seals and anchors', () => {
  const stack = useStack();
  const before = process.env.SSJ_AUDIT_KEY;
  beforeAll(() => {
    process.env.SSJ_AUDIT_KEY = KEY; // every writer in this process seals, as a keyed deployment does
  });
  afterAll(() => {
    process.env.SSJ_AUDIT_KEY = before;
  });

  const all = () => stack.t.db.auditLog.findMany({ orderBy: { id: 'asc' } });

  it('finds an entry edited with every later hash recomputed, which the bare chain cannot', async () => {
    for (let i = 0; i < 5; i++)
      await appendAuditEntry(stack.t.db, {
        actor: '法规股',
        action: 'test.seal',
        subjectType: 't',
        subjectId: String(i),
      });
    const rows = await all();
    expect(checkAudit(rows, KEY).broken).toBeNull();
    const target = rows.at(-3) as (typeof rows)[number];
    // The attack: change the details, then rewrite every hash from there on so every link holds again.
    let prev = (rows[rows.indexOf(target) - 1]?.hash ?? GENESIS) as string;
    const rewritten = rows.slice(rows.indexOf(target)).map((r) => {
      const details = r.id === target.id ? { forged: true } : r.details;
      const hash = auditHash(prev, { ...r, details });
      const out = { ...r, details, prevHash: prev, hash };
      prev = hash;
      return out;
    });
    // Write it back as the insider would (unique hashes: clear the tail first).
    for (const r of rewritten.toReversed())
      await stack.t.db.auditLog.update({ where: { id: r.id }, data: { prevHash: `x${r.id}`, hash: `y${r.id}` } });
    for (const r of rewritten)
      await stack.t.db.auditLog.update({
        where: { id: r.id },
        data: { details: r.details as object, prevHash: r.prevHash, hash: r.hash },
      });
    const forged = await all();
    expect(checkAudit(forged, null).broken).toBeNull(); // without the key, nothing shows
    expect(checkAudit(forged, KEY).broken).toEqual({
      id: target.id,
      reason: '密钥封印不符（内容被改动后重算了校验值）',
    });
    // Stripping the seals does not help either: an unsealed entry after the first sealed one is a break.
    await stack.t.db.auditLog.update({ where: { id: target.id }, data: { seal: null } });
    expect(checkAudit(await all(), KEY).broken?.reason).toMatch(/^缺少密钥封印/);
    // Put it back for the next test.
    await stack.t.db.auditLog.deleteMany({ where: { id: { gte: target.id } } });
  });

  it('mails the head daily, and an anchor finds the newest entries deleted', async () => {
    for (let i = 0; i < 3; i++)
      await appendAuditEntry(stack.t.db, {
        actor: '法规股',
        action: 'test.anchor',
        subjectType: 't',
        subjectId: String(i),
      });
    const sent = await stack.h.client.workflow.execute(auditAnchor, {
      taskQueue: stack.h.taskQueue,
      workflowId: `audit-anchor-test-${Date.now()}`,
      args: [],
    });
    const mails = await stack.mail.parsed();
    const anchorMail = mails.find((p) => (p.subject ?? '').startsWith('【审计锚点】'));
    expect(anchorMail?.to).toBeDefined();
    expect(anchorMail?.text).toContain(`锚点：${sent.anchor}`);
    const [id, hash] = (sent.anchor as string).split(':');
    const anchor = { id: Number(id), hash: hash as string };
    expect(checkAudit(await all(), KEY, [anchor]).broken).toBeNull();
    // The insider deletes the anchored entry and what follows: every remaining link still holds…
    await stack.t.db.auditLog.deleteMany({ where: { id: { gte: anchor.id } } });
    const rest = await all();
    expect(checkAudit(rest, KEY).broken).toBeNull();
    // …but the anchor mailed out of reach no longer matches.
    expect(checkAudit(rest, KEY, [anchor]).broken?.reason).toMatch(/已公布的锚点第 \d+ 条不在日志中/);
  });
});
