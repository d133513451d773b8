// The change history of one enterprise or inspector, in words: its own edits
// (enterprise.edit / inspector.edit) and what roster imports changed in it
// (each import's entry lists its changes field by field, old and new). Newest
// first. Imports are looked for among the latest hundred of their kind.
import type { Db } from '../db/client.ts';
import { describeChanges, type UnitNames } from '../rosters/changes.ts';
import type { FieldChange } from '../rosters/write.ts';

export interface HistoryRow {
  at: Date;
  actor: string;
  text: string;
}

type EditChanges = Record<string, { from: unknown; to: unknown }>;

export async function rosterHistory(db: Db, kind: 'enterprise' | 'inspector', key: string): Promise<HistoryRow[]> {
  const units: UnitNames = new Map((await db.unit.findMany()).map((u) => [u.id, u.name]));
  const edits = await db.auditLog.findMany({ where: { subjectType: kind, subjectId: key }, orderBy: { id: 'desc' } });
  const imports = await db.auditLog.findMany({
    where: { action: `roster.import.${kind}s` },
    orderBy: { id: 'desc' },
    take: 100,
  });
  const rows: HistoryRow[] = edits.map((h) => ({
    at: h.at,
    actor: h.actor,
    text: describeChanges(((h.details as { changes?: EditChanges }).changes ?? {}) as EditChanges, units) || '—',
  }));
  for (const h of imports) {
    const d = h.details as { fileName?: string; changes?: FieldChange[] };
    const mine = (d.changes ?? []).filter((c) => c.key === key);
    if (mine.length)
      rows.push({ at: h.at, actor: h.actor, text: `导入 ${d.fileName ?? ''}：${describeChanges(mine, units)}` });
  }
  return rows.sort((a, b) => b.at.getTime() - a.at.getTime());
}
