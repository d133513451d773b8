// Read a spreadsheet the way staff send them: .xlsx, or .csv in UTF-8 (with
// or without BOM), UTF-16 with BOM, or GBK (Excel's default on Chinese Windows).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export class TableError extends Error {}

function decode(bytes: Buffer): string {
  // Excel's "Unicode text" is UTF-16 with a byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be');
  const text = bytes.toString('utf8');
  // U+FFFD means the bytes were not UTF-8: Excel on Chinese Windows writes GBK.
  return text.includes('\uFFFD') ? iconv.decode(bytes, 'gbk') : text.replace(/^\uFEFF/, '');
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'formula' in v) return `=${v.formula}`; // kept visible so validation refuses it
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}

export async function readTable(fileName: string, bytes: Buffer): Promise<string[][]> {
  if (bytes.length > 20 * 1024 * 1024) throw new TableError(`file: ${fileName} is over 20 MiB; split it`);
  if (/\.xlsx$/i.test(fileName)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new TableError(`file: ${fileName} is not a readable .xlsx workbook; save it again from Excel or WPS`);
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw new TableError(`file: ${fileName} has no worksheet`);
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value).trim());
      rows.push(cells);
    });
    return rows;
  }
  if (/\.csv$/i.test(fileName)) {
    try {
      return (parse(decode(bytes), { relax_column_count: true, skip_empty_lines: true }) as string[][]).map((r) =>
        r.map((c) => c.trim()),
      );
    } catch (e) {
      throw new TableError(`file: ${fileName} is not valid CSV (${(e as Error).message})`);
    }
  }
  throw new TableError(`file: ${fileName} must be .xlsx or .csv`);
}
