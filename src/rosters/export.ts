// Export a roster in the same layout it is imported in, as .xlsx or .csv
// (UTF-8 with BOM so Excel opens it right). Cells that would read as a
// formula are prefixed with ' so opening the file never runs anything.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../db/client.ts';
import { spreadsheetText as safeCell } from '../shared/spreadsheet.ts';
import { parseContext, type RosterKind } from './import.ts';
import { ENTERPRISES, INSPECTORS, ITEMS, type Layout } from './layouts.ts';

export async function rosterRows(db: Db, kind: RosterKind): Promise<{ headers: string[]; rows: string[][] }> {
  const ctx = await parseContext(db);
  if (kind === 'enterprises') {
    const all = await db.enterprise.findMany({ orderBy: { id: 'asc' } });
    return { headers: ENTERPRISES.headers, rows: all.map((e) => ENTERPRISES.toRow(e as never, ctx).map(safeCell)) };
  }
  if (kind === 'items') {
    // The versions in force: published and not yet replaced.
    const versions = await db.itemVersion.findMany({
      where: { reviewState: 'PUBLISHED', effectiveTo: null },
      include: { item: true },
      orderBy: { id: 'asc' },
    });
    return {
      headers: ITEMS.headers,
      rows: versions.map((v) =>
        ITEMS.toRow({ ...v, code: v.item.code, sector: v.item.sector, unitId: v.item.unitId }, ctx).map(safeCell),
      ),
    };
  }
  const all = await db.inspector.findMany({ orderBy: { id: 'asc' } });
  const layout = INSPECTORS as Layout<unknown>;
  return {
    headers: layout.headers,
    rows: all.map((i) =>
      layout
        .toRow({ ...i, specialties: i.specialties as string[], townships: i.townships as string[] }, ctx)
        .map(safeCell),
    ),
  };
}

export async function exportRoster(db: Db, kind: RosterKind, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const { headers, rows } = await rosterRows(db, kind);
  if (format === 'csv') return Buffer.from(`\uFEFF${stringify([headers, ...rows])}`, 'utf8');
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet({ enterprises: ENTERPRISES, inspectors: INSPECTORS, items: ITEMS }[kind].name);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
