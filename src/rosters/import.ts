// Import a roster file: every row checked first; any bad row means nothing
// is stored and every problem is reported (row, column, fix). Good files
// upsert by their key (统一社会信用代码 / 执法证号) in one transaction and
// leave an audit entry — the roster's history.

import { changeWithAudit } from '../activities/audit.ts';
import type { Db } from '../db/client.ts';
import {
  ENTERPRISES,
  INSPECTORS,
  ITEMS,
  type ItemRow,
  type Layout,
  type ParseContext,
  type RowError,
} from './layouts.ts';
import { readTable } from './table.ts';

export class RosterImportError extends Error {
  constructor(readonly errors: RowError[]) {
    super(
      `import rejected, nothing stored:\n${errors.map((e) => `row ${e.row} ${e.column}: ${e.message}`).join('\n')}`,
    );
    this.name = 'RosterImportError';
  }
}

// A cell starting like a formula would run when someone opens an export in Excel.
const FORMULA = /^[=+\-@\t\r]/;

export function parseRows<T>(
  layout: Layout<T>,
  table: string[][],
  ctx: ParseContext,
): { records: T[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const [header, ...rows] = table;
  if (!header) return { records: [], errors: [{ row: 1, column: '-', message: 'the file is empty' }] };
  const missing = layout.headers.filter((h) => !header.includes(h));
  if (missing.length)
    return {
      records: [],
      errors: [
        {
          row: 1,
          column: missing.join('、'),
          message: `missing; the ${layout.name} layout is: ${layout.headers.join(', ')}`,
        },
      ],
    };
  if (!rows.length)
    return {
      records: [],
      errors: [{ row: 2, column: '-', message: 'no rows under the headers; fill in at least one' }],
    };
  const seen = new Map<string, number>();
  const records: T[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    const values = Object.fromEntries(layout.headers.map((h) => [h, cells[header.indexOf(h)] ?? '']));
    const err = (column: string, message: string) => errors.push({ row, column, message });
    for (const [column, v] of Object.entries(values))
      if (FORMULA.test(v) && !/^-?\d/.test(v))
        err(column, `"${v.slice(0, 20)}" looks like a spreadsheet formula; remove the leading ${v[0]}`);
    const rec = layout.parse(values, err, ctx);
    const key = layout.key(rec);
    const first = seen.get(key);
    if (first)
      err(layout.headers[layout === (ENTERPRISES as Layout<unknown>) ? 0 : 1] as string, `duplicates row ${first}`);
    seen.set(key, row);
    records.push(rec);
  });
  return { records, errors };
}

export async function parseContext(db: Db, now = new Date()): Promise<ParseContext> {
  return { units: await db.unit.findMany(), today: now.toISOString().slice(0, 10) };
}

export type RosterKind = 'enterprises' | 'inspectors' | 'items';

/** A unit's staff import their own unit's inspectors and items only; null: the bureau-wide roles. */
export type ImportScope = { unitId: number } | null;

/**
 * Rows another unit owns, by the file or by the roster as it stands: a unit's
 * staff can neither add inspectors or items to another unit nor take one of
 * theirs (a certificate or an item code already held by another unit).
 */
async function outOfScope(db: Db, kind: RosterKind, records: unknown[], scope: ImportScope, ctx: ParseContext) {
  if (!scope || kind === 'enterprises') return [];
  const own = ctx.units.find((u) => u.id === scope.unitId)?.name ?? String(scope.unitId);
  const rows = records as { unitId: number; certificateNo?: string; code?: string }[];
  const keys = rows.map((r) => (kind === 'inspectors' ? r.certificateNo : r.code) as string);
  const held =
    kind === 'inspectors'
      ? await db.inspector.findMany({
          where: { certificateNo: { in: keys } },
          select: { certificateNo: true, unitId: true },
        })
      : await db.inspectionItem.findMany({ where: { code: { in: keys } }, select: { code: true, unitId: true } });
  const holder = new Map(held.map((h) => [('certificateNo' in h ? h.certificateNo : h.code) as string, h.unitId]));
  const unitColumn = kind === 'inspectors' ? '所属单位' : '主办单位';
  const keyColumn = kind === 'inspectors' ? '执法证号' : '事项编号';
  const errors: RowError[] = [];
  rows.forEach((r, i) => {
    const other = (id: number | undefined) => ctx.units.find((u) => u.id === id)?.name ?? String(id);
    if (r.unitId !== scope.unitId)
      errors.push({
        row: i + 2,
        column: unitColumn,
        message: `只能导入本单位（${own}）的，这一行属于${other(r.unitId)}`,
      });
    const h = holder.get(keys[i] as string);
    if (h !== undefined && h !== scope.unitId)
      errors.push({ row: i + 2, column: keyColumn, message: `${keys[i]} 属于${other(h)}，请由该单位或法规股办理` });
  });
  return errors;
}

export async function importRoster(
  db: Db,
  kind: RosterKind,
  fileName: string,
  bytes: Buffer,
  actor: string,
  scope: ImportScope = null,
): Promise<number> {
  const table = await readTable(fileName, bytes);
  const ctx = await parseContext(db);
  const layout = kind === 'enterprises' ? ENTERPRISES : kind === 'inspectors' ? INSPECTORS : ITEMS;
  const { records, errors } = parseRows(layout as Layout<unknown>, table, ctx);
  // Every problem in one pass: a row of another unit is named beside the rows that are malformed.
  errors.push(...(await outOfScope(db, kind, records, scope, ctx)));
  errors.sort((a, b) => a.row - b.row);
  if (errors.length) throw new RosterImportError(errors);
  const entry = { actor, action: `roster.import.${kind}`, subjectType: 'roster', subjectId: kind };
  // The rows and the audit entry that files them commit together, or nothing is stored.
  await changeWithAudit(
    db,
    { ...entry, details: { fileName, rows: records.length } },
    async (tx) => {
      for (const r of records) {
        if (kind === 'items') {
          await applyItem(tx as unknown as Db, r as ItemRow);
        } else if (kind === 'enterprises') {
          const e = r as Parameters<typeof ENTERPRISES.toRow>[0];
          await tx.enterprise.upsert({ where: { creditCode: e.creditCode }, create: e, update: e });
        } else {
          const i = r as Parameters<typeof INSPECTORS.toRow>[0];
          await tx.inspector.upsert({ where: { certificateNo: i.certificateNo }, create: i, update: i });
        }
      }
    },
    { timeout: 120_000 },
  );
  return records.length;
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
