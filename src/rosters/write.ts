// Store a checked roster: the rows that are new are created in batches, the
// rows that changed are updated, the rows that are the same are left alone
// (so importing a file again writes nothing but its audit entry); all of it
// and the audit entry in one transaction, or nothing. What changes is worked
// out before the transaction, so the transaction is short and the console
// and the worker wait for it as little as possible.

import { createHash, type Hash } from 'node:crypto';
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

/** A value as the audit entry keeps it: dates as YYYY-MM-DD, the rest as it is. */
const kept = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null));

/** One field of one row the import changes, with what it was and what it becomes. */
export interface FieldChange {
  key: string;
  field: string;
  from: unknown;
  to: unknown;
}

/** Art. 15's exemptions: clearing one puts an enterprise back under the cap, so an import says so. */
const EXEMPTIONS = ['seriousViolation', 'abnormalOperation', 'penalized'] as const;

/** Changes listed in the audit entry one by one; beyond these, the count. */
const MAX_LISTED_CHANGES = 500;

interface Plan<T> {
  create: T[];
  update: T[];
  unchanged: number;
  changes: FieldChange[];
  changeCount: number;
  clearedExemptions: { key: string; name: string; fields: string[] }[];
  /** Fed row by row: every row to create, every change with its old and new value (not only the listed ones), the count left alone. */
  digest: Hash;
}

function plan<T extends object>(records: T[], stored: Map<string, Record<string, unknown>>, key: (t: T) => string) {
  const p: Plan<T> = {
    create: [],
    update: [],
    unchanged: 0,
    changes: [],
    changeCount: 0,
    clearedExemptions: [],
    digest: createHash('sha256'),
  };
  for (const r of records) {
    const s = stored.get(key(r));
    if (!s) {
      p.create.push(r);
      p.digest.update(`+${JSON.stringify(r)}\n`);
      continue;
    }
    const changed = Object.entries(r).filter(([k, v]) => plain(s[k]) !== plain(v));
    if (!changed.length) {
      p.unchanged++;
      continue;
    }
    p.update.push(r);
    p.changeCount += changed.length;
    p.digest.update(`~${JSON.stringify([key(r), changed.map(([f, to]) => [f, kept(s[f]), kept(to)])])}\n`);
    for (const [field, to] of changed)
      if (p.changes.length < MAX_LISTED_CHANGES)
        p.changes.push({ key: key(r), field, from: kept(s[field]), to: kept(to) });
    const cleared = EXEMPTIONS.filter((f) => s[f] === true && (r as Record<string, unknown>)[f] === false);
    if (cleared.length) p.clearedExemptions.push({ key: key(r), name: String(s.name ?? ''), fields: cleared });
  }
  return p;
}

/** What an import did, for the page, the CLI and the audit entry. */
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** The first changes, field by field (all of them are counted in changeCount). */
  changes: FieldChange[];
  changeCount: number;
  /** Enterprises whose Art. 15 exemption (严重违法失信, 经营异常, 受过行政处罚) this import cleared. */
  clearedExemptions: { key: string; name: string; fields: string[] }[];
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

/** What an import will do, before it does it: its report, and a digest that changes if the file or the roster does. */
export interface RosterPlan {
  kind: RosterKind;
  records: unknown[];
  report: ImportReport;
  /** SHA-256 over the rows to create and update and the count left as they are. */
  digest: string;
  apply: (db: Db, tx: Tx) => Promise<void>;
}

export async function planRoster(db: Db, kind: RosterKind, records: unknown[]): Promise<RosterPlan> {
  if (kind === 'items') {
    const n = records.length;
    const report = {
      rows: n,
      created: 0,
      updated: 0,
      unchanged: 0,
      changes: [],
      changeCount: 0,
      clearedExemptions: [],
    };
    // Items become versions awaiting 法规股's review: the rows themselves are what will be written.
    const digest = createHash('sha256').update(JSON.stringify(records)).digest('hex');
    const apply = async (_db: Db, tx: Tx) => {
      for (const r of records as ItemRow[]) await applyItem(tx as unknown as Db, r);
    };
    return { kind, records, report, digest, apply };
  }
  const p =
    kind === 'enterprises'
      ? await enterprisePlan(db, records as EnterpriseRow[])
      : await inspectorPlan(db, records as InspectorRow[]);
  const report: ImportReport = {
    rows: records.length,
    created: p.create.length,
    updated: p.update.length,
    unchanged: p.unchanged,
    changes: p.changes,
    changeCount: p.changeCount,
    clearedExemptions: p.clearedExemptions,
  };
  const digest = p.digest.update(`=${p.unchanged}`).digest('hex');
  return { kind, records, report, digest, apply: (db2, tx) => apply(db2, tx, kind, p) };
}

/** Writes a planned import and its audit entry in one transaction. */
export async function applyRosterPlan(db: Db, plan: RosterPlan, entry: AuditEntry): Promise<ImportReport> {
  // The entry keeps what changed, field by field, old and new: a roster's history, not just a file name.
  const details = { ...(entry.details as object), ...(plan.kind === 'items' ? {} : plan.report) };
  await changeWithAudit(db, { ...entry, details }, (tx) => plan.apply(db, tx), { timeout: 120_000 });
  return plan.report;
}

/** Plans and writes in one go (the CLI, and tests): how many rows the file held and what changed. */
export async function writeRoster(
  db: Db,
  kind: RosterKind,
  records: unknown[],
  entry: AuditEntry,
): Promise<ImportReport> {
  return applyRosterPlan(db, await planRoster(db, kind, records), entry);
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
