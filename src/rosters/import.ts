// Import a roster file: every row checked first (in a thread of its own,
// src/rosters/thread); any bad row means nothing is stored and the problems
// are reported (row, column, fix; the first hundred, and how many in all).
// Good files are stored by their key (统一社会信用代码 / 执法证号 / 事项编号)
// in one transaction with an audit entry — the roster's history (write.ts).
// The console previews first (previewRoster) and applies only what it showed.

import type { Db } from '../db/client.ts';
import type { ParseContext, RowError } from './layouts.ts';
import { MAX_LISTED_ERRORS } from './limits.ts';
import { parseOffThread } from './thread/run.ts';
import { applyRosterPlan, byKeys, type ImportReport, planRoster, type RosterKind, type RosterPlan } from './write.ts';

export type { ImportReport, RosterKind, RosterPlan } from './write.ts';

export class RosterImportError extends Error {
  constructor(
    readonly errors: RowError[],
    /** How many problems in all; `errors` lists the first MAX_LISTED_ERRORS. */
    readonly total = errors.length,
  ) {
    const more = total > errors.length ? `\n…以及另外 ${total - errors.length} 处问题（共 ${total} 处）` : '';
    super(
      `整批未导入，什么也没有保存；请修改后重新导入：\n${errors.map((e) => `第 ${e.row} 行「${e.column}」：${e.message}`).join('\n')}${more}`,
    );
    this.name = 'RosterImportError';
  }
}

export { parseRows } from './check.ts';

export async function parseContext(db: Db, now = new Date()): Promise<ParseContext> {
  return { units: await db.unit.findMany(), today: now.toISOString().slice(0, 10) };
}

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
      ? await byKeys(keys, (batch) =>
          db.inspector.findMany({
            where: { certificateNo: { in: batch } },
            select: { certificateNo: true, unitId: true },
          }),
        )
      : await byKeys(keys, (batch) =>
          db.inspectionItem.findMany({ where: { code: { in: batch } }, select: { code: true, unitId: true } }),
        );
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

/** Every row checked (off the event loop), and in scope: the records, or a RosterImportError naming each problem. */
async function checkedRecords(db: Db, kind: RosterKind, fileName: string, bytes: Buffer, scope: ImportScope) {
  const ctx = await parseContext(db);
  // Reading and checking every row happens in a thread of its own, bounded in time and memory.
  const checked = await parseOffThread({ kind, fileName, bytes, ctx });
  const records = checked.records;
  // Every problem in one pass: a row of another unit is named beside the rows that are malformed.
  const scoped = checked.errorCount ? [] : await outOfScope(db, kind, records, scope, ctx);
  const errors = [...checked.errors, ...scoped].sort((a, b) => a.row - b.row).slice(0, MAX_LISTED_ERRORS);
  const total = checked.errorCount + scoped.length;
  if (total) throw new RosterImportError(errors, total);
  return records;
}

/** What importing this file would do, written nowhere: the console shows it before anything is applied. */
export async function previewRoster(
  db: Db,
  kind: RosterKind,
  fileName: string,
  bytes: Buffer,
  scope: ImportScope = null,
): Promise<RosterPlan> {
  return planRoster(db, kind, await checkedRecords(db, kind, fileName, bytes, scope));
}

/** The roster changed after the preview: what the import would do now differs from what was shown. */
export class PreviewStale extends Error {
  constructor(readonly plan: RosterPlan) {
    super('名录在预览之后有了变动，导入的结果与预览不同：请重新核对下面的变更后再确认');
  }
}

/**
 * Checks and writes a roster file. With `expectDigest` (the console's confirm
 * after a preview), writes only if the import would do exactly what was shown.
 */
export async function importRoster(
  db: Db,
  kind: RosterKind,
  fileName: string,
  bytes: Buffer,
  actor: string,
  scope: ImportScope = null,
  expectDigest?: string,
): Promise<ImportReport> {
  const plan = await previewRoster(db, kind, fileName, bytes, scope);
  if (expectDigest !== undefined && plan.digest !== expectDigest) throw new PreviewStale(plan);
  const entry = { actor, action: `roster.import.${kind}`, subjectType: 'roster', subjectId: kind };
  return applyRosterPlan(db, plan, { ...entry, details: { fileName, rows: plan.records.length } });
}
