// Store a checked roster: the rows that are new are created in batches, the
// rows that changed are updated, the rows that are the same are left alone
// (so importing a file again writes nothing but its audit entry); all of it
// and the audit entry in one transaction, or nothing. What changes is worked
// out before the transaction, so the transaction is short and the console
// and the worker wait for it as little as possible.
import { type AuditEntry, changeWithAudit } from '../activities/audit.ts';
import type { Db } from '../db/client.ts';
import { ENTERPRISE_TABLE, INSPECTOR_TABLE, insertAll, updateAll } from './bulk.ts';
import type { EnterpriseRow, InspectorRow, ItemRow } from './layouts.ts';
import { yieldToRequests } from './yield.ts';

/** Keys per lookup: well under SQLite's 32,766 bound variables. */
const BATCH = 500;

export type RosterKind = 'enterprises' | 'inspectors' | 'items';

function chunks<T>(xs: readonly T[], n = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Rows of `find` for many keys, a batch at a time (an IN list of 100,000 would pass SQLite's bound). */
export async function byKeys<R>(keys: readonly string[], find: (batch: string[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const batch of chunks(keys)) {
    out.push(...(await find(batch)));
    await yieldToRequests();
  }
  return out;
}

const plain = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '');

/** Whether the stored row already holds every field of the record. */
function same(stored: Record<string, unknown>, record: object): boolean {
  return Object.entries(record).every(([k, v]) => plain(stored[k]) === plain(v));
}

interface Plan<T> {
  create: T[];
  update: T[];
}

function plan<T extends object>(records: T[], stored: Map<string, Record<string, unknown>>, key: (t: T) => string) {
  const p: Plan<T> = { create: [], update: [] };
  for (const r of records) {
    const s = stored.get(key(r));
    if (!s) p.create.push(r);
    else if (!same(s, r)) p.update.push(r);
  }
  return p;
}

async function enterprisePlan(db: Db, records: EnterpriseRow[]) {
  const rows = await byKeys(
    records.map((r) => r.creditCode),
    (batch) => db.enterprise.findMany({ where: { creditCode: { in: batch } } }),
  );
  return plan(records, new Map(rows.map((r) => [r.creditCode, r as Record<string, unknown>])), (r) => r.creditCode);
}

async function inspectorPlan(db: Db, records: InspectorRow[]) {
  const rows = await byKeys(
    records.map((r) => r.certificateNo),
    (batch) => db.inspector.findMany({ where: { certificateNo: { in: batch } } }),
  );
  return plan(
    records,
    new Map(rows.map((r) => [r.certificateNo, r as Record<string, unknown>])),
    (r) => r.certificateNo,
  );
}

type Tx = Parameters<Parameters<typeof changeWithAudit>[2]>[0];

/** Writes the records and their audit entry in one transaction; returns how many rows the file held. */
export async function writeRoster(db: Db, kind: RosterKind, records: unknown[], entry: AuditEntry): Promise<number> {
  const timeout = 120_000;
  if (kind === 'items') {
    await changeWithAudit(
      db,
      entry,
      async (tx) => {
        for (const r of records as ItemRow[]) await applyItem(tx as unknown as Db, r);
      },
      { timeout },
    );
    return records.length;
  }
  const p =
    kind === 'enterprises'
      ? await enterprisePlan(db, records as EnterpriseRow[])
      : await inspectorPlan(db, records as InspectorRow[]);
  const details = { ...(entry.details as object), created: p.create.length, updated: p.update.length };
  await changeWithAudit(db, { ...entry, details }, (tx) => apply(db, tx, kind, p), { timeout });
  return records.length;
}

async function apply(db: Db, tx: Tx, kind: 'enterprises' | 'inspectors', p: Plan<object>) {
  const spec = kind === 'enterprises' ? ENTERPRISE_TABLE : INSPECTOR_TABLE;
  const now = new Date();
  await insertAll(tx, db, spec, p.create, now);
  await updateAll(tx, db, spec, p.update, now);
}

/** A new item, or a new version of it when its text changed; versions await 法规股's review (Art. 7). */
async function applyItem(tx: Db, r: ItemRow): Promise<void> {
  const item = await tx.inspectionItem.upsert({
    where: { code: r.code },
    create: { code: r.code, sector: r.sector, unitId: r.unitId },
    update: {},
  });
  const latest = await tx.itemVersion.findFirst({ where: { itemId: item.id }, orderBy: { version: 'desc' } });
  if (latest && latest.name === r.name && latest.content === r.content && latest.legalBasis === r.legalBasis) return;
  await tx.itemVersion.create({
    data: {
      itemId: item.id,
      version: (latest?.version ?? 0) + 1,
      name: r.name,
      content: r.content,
      legalBasis: r.legalBasis,
      effectiveFrom: r.effectiveFrom,
      reviewState: 'SUBMITTED',
    },
  });
}
