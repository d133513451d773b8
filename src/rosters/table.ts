// Read a spreadsheet the way staff send them: .xlsx, or .csv in UTF-8 (with
// or without BOM), UTF-16 with BOM, or GBK (Excel's default on Chinese Windows).
// Rows are streamed, one at a time, in time linear in the file and memory
// bounded by the limits (src/rosters/limits.ts): a file past a limit is
// refused by name, never read to the end.
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { LIMIT_WORDS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNZIPPED_BYTES } from './limits.ts';
import { checkUnzippedSize, TooBig, ZipRefused } from './zip.ts';

export class TableError extends Error {}

/**
 * The file as pieces csv-parse can read: UTF-8 (Excel's "CSV UTF-8", with or
 * without its mark) goes as bytes, 64 KiB at a time, never decoded whole;
 * UTF-16 with a mark (Excel's "Unicode text") and GBK (Excel's default CSV on
 * Chinese Windows) are decoded first.
 */
function* csvPieces(bytes: Buffer): Generator<Buffer | string> {
  const PIECE = 64 * 1024;
  let text: string | null = null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = iconv.decode(bytes.subarray(2), 'utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = iconv.decode(bytes.subarray(2), 'utf16be');
  else if (!isUtf8(bytes)) text = iconv.decode(bytes, 'gbk');
  if (text === null) {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    for (let i = start; i < bytes.length; i += PIECE) yield bytes.subarray(i, i + PIECE);
    return;
  }
  for (let i = 0; i < text.length; i += PIECE) yield text.slice(i, i + PIECE);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'formula' in v) return `=${v.formula}`; // kept visible so validation refuses it
  if (typeof v === 'object' && 'sharedFormula' in v) return `=${v.sharedFormula}`;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'error' in v) return String(v.error);
  return String(v);
}

/** Checks one row against the limits; `row` is its number in the file (header = 1). */
function bounded(fileName: string, row: number, cells: string[]): string[] {
  if (row > MAX_ROWS + 1) throw new TableError(LIMIT_WORDS.tooManyRows(fileName));
  if (cells.length > MAX_COLUMNS && cells.slice(MAX_COLUMNS).some((c) => c !== ''))
    throw new TableError(LIMIT_WORDS.tooManyColumns(fileName, row));
  if (cells.some((c) => c.length > MAX_CELL_CHARS)) throw new TableError(LIMIT_WORDS.cellTooLong(fileName, row));
  return cells.length > MAX_COLUMNS ? cells.slice(0, MAX_COLUMNS) : cells;
}

async function* xlsxRows(fileName: string, bytes: Buffer): AsyncGenerator<string[]> {
  const unreadable = () =>
    new TableError(`文件 ${fileName} 不是可以读取的 .xlsx 工作簿：请在 Excel 或 WPS 中重新保存后再试`);
  try {
    await checkUnzippedSize(bytes, MAX_UNZIPPED_BYTES);
  } catch (e) {
    if (e instanceof TooBig) throw new TableError(LIMIT_WORDS.unzippedTooBig(fileName));
    if (e instanceof ZipRefused) throw unreadable();
    throw e;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers styled as dates: the styles say which
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let row = 0;
  try {
    for await (const sheet of reader) {
      for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = r.values as ExcelJS.CellValue[]; // 1-based, sparse
        const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, k) => cellText(values[k + 1]).trim());
        if (cells.every((c) => c === '')) continue;
        row++;
        yield bounded(fileName, row, cells);
      }
      return; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof TableError) throw e;
    throw unreadable();
  }
}

async function* csvRows(fileName: string, bytes: Buffer): AsyncGenerator<string[]> {
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 });
  // Fed in pieces: the parser (and this thread) holds a piece of input and a row of output at a time.
  Readable.from(csvPieces(bytes)).pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield bounded(
        fileName,
        row,
        record.map((c) => c.trim()),
      );
    }
  } catch (e) {
    if (e instanceof TableError) throw e;
    throw new TableError(
      `文件 ${fileName} 不是有效的 CSV（${(e as Error).message}）：请在 Excel 或 WPS 中另存为 CSV 后再试`,
    );
  } finally {
    parser.destroy();
  }
}

/** The rows of a roster file, header first, empty rows skipped, each within the limits. */
export function tableRows(fileName: string, bytes: Buffer): AsyncGenerator<string[]> {
  if (bytes.length > MAX_FILE_BYTES) throw new TableError(LIMIT_WORDS.fileTooBig(fileName));
  if (/\.xlsx$/i.test(fileName)) return xlsxRows(fileName, bytes);
  if (/\.csv$/i.test(fileName)) return csvRows(fileName, bytes);
  throw new TableError(`文件 ${fileName} 须是 .xlsx 或 .csv：请在 Excel 或 WPS 中另存为这两种格式之一`);
}

/** Every row at once (small files: tests and checks). */
export async function readTable(fileName: string, bytes: Buffer): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const r of tableRows(fileName, bytes)) rows.push(r);
  return rows;
}
