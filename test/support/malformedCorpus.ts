// A generated corpus of malformed roster and item files: each case takes a
// good file (the seeded district's own export) and breaks it one way — bad
// encodings, wrong headers, invalid 统一社会信用代码 check digits, duplicate
// rows, impossible dates, formula injection, huge files, files that are not
// spreadsheets at all. `expect` says what the refusal must name.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeCreditCode } from '../../src/domain/creditCode.ts';
import type { RosterKind } from '../../src/rosters/import.ts';

export interface MalformedCase {
  kind: RosterKind;
  name: string;
  fileName: string;
  bytes: Buffer;
  /** What the error must say (the row, the column, the fix). */
  expect: RegExp;
}

type Table = { headers: string[]; rows: string[][] };

const csv = (rows: string[][]) => Buffer.from(stringify(rows), 'utf8');

async function xlsx(rows: (string | { formula: string })[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名录');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Seeded pseudo-random bytes: the corpus is the same on every run. */
function garbage(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  return b;
}

/** The check character of a 统一社会信用代码, replaced by another valid-looking one. */
function breakCheckDigit(code: string): string {
  const last = code.at(-1) === '0' ? '1' : '0';
  return code.slice(0, -1) + last;
}

const col = (t: Table, header: string) => t.headers.indexOf(header);

function withCell(t: Table, row: number, header: string, value: string): string[][] {
  const rows = t.rows.map((r) => [...r]);
  (rows[row] as string[])[col(t, header)] = value;
  return [t.headers, ...rows];
}

const DATE_COLUMN: Partial<Record<RosterKind, string>> = { inspectors: '有效期至', items: '施行日期' };
const TEXT_COLUMN: Record<RosterKind, string> = { enterprises: '企业名称', inspectors: '姓名', items: '事项名称' };

export async function malformedCorpus(kind: RosterKind, good: Table): Promise<MalformedCase[]> {
  const all = [good.headers, ...good.rows];
  const text = TEXT_COLUMN[kind];
  const c = (name: string, fileName: string, bytes: Buffer, expect: RegExp): MalformedCase => ({
    kind,
    name,
    fileName,
    bytes,
    expect,
  });
  const cases: MalformedCase[] = [
    // Neither UTF-8 nor GBK nor UTF-16 with its mark: the headers come out as mojibake.
    c(
      'Shift_JIS CSV',
      'roster.csv',
      iconv.encode(stringify(all), 'shift_jis'),
      /第 1 行「.*」：缺少这些列：「.*」的表头依次是/,
    ),
    c(
      'UTF-16 without its byte-order mark',
      'roster.csv',
      iconv.encode(stringify(all), 'utf16le'),
      /第 1 行「.*」：缺少这些列|文件 roster\.csv 不是有效的 CSV/,
    ),
    c('random bytes as .csv', 'roster.csv', garbage(4096, 7), /第 1 行|文件 roster\.csv 不是有效的 CSV/),
    c(
      'an executable renamed .xlsx',
      'roster.xlsx',
      Buffer.concat([Buffer.from('MZ\x90\x00PE\x00\x00'), garbage(2048, 3)]),
      /文件 roster\.xlsx 不是可以读取的 \.xlsx 工作簿/,
    ),
    c(
      'a truncated .xlsx',
      'roster.xlsx',
      (await xlsx(all)).subarray(0, 900),
      /文件 roster\.xlsx 不是可以读取的 \.xlsx 工作簿/,
    ),
    c('a .docx extension', 'roster.docx', csv(all), /文件 roster\.docx 须是 \.xlsx 或 \.csv/),
    c('an empty file', 'roster.csv', Buffer.alloc(0), /第 1 行「-」：文件是空的/),
    c('headers only', 'roster.csv', csv([good.headers]), /第 2 行「-」：表头下没有数据/),
    c(
      'English headers',
      'roster.csv',
      csv([good.headers.map((_, i) => `column${i}`), ...good.rows]),
      /第 1 行「.*」：缺少这些列：「.*」的表头依次是/,
    ),
    c(
      'a column missing',
      'roster.csv',
      csv(all.map((r) => r.filter((_, i) => i !== 1))),
      new RegExp(`第 1 行「${good.headers[1]}」：缺少这些列`),
    ),
    c(
      'a duplicate row',
      'roster.csv',
      csv([...all, good.rows[0] as string[]]),
      new RegExp(`第 ${good.rows.length + 2} 行「.*」：与第 2 行重复`),
    ),
    c(
      'a formula in a text cell',
      'roster.csv',
      csv(withCell(good, 1, text, '=HYPERLINK("http://x.example","点我")')),
      new RegExp(`第 3 行「${text}」：.*像电子表格公式：请删除开头的 =`),
    ),
    c(
      '@ and + injection',
      'roster.csv',
      csv(withCell({ ...good, rows: withCell(good, 0, text, '@SUM(A1:A9)').slice(1) }, 2, text, '+cmd|/c calc')),
      /第 2 行.*开头的 @[\s\S]*第 4 行.*开头的 \+/,
    ),
    c(
      'a live formula in .xlsx',
      'roster.xlsx',
      await xlsx([
        good.headers,
        good.rows[0]?.map((v, i) => (i === col(good, text) ? { formula: 'SUM(1,2)' } : v)) ?? [],
      ]),
      new RegExp(`第 2 行「${text}」：“=SUM\\(1,2\\)”像电子表格公式`),
    ),
    c(
      'over 20 MiB',
      'roster.csv',
      Buffer.concat([csv(all), Buffer.alloc(21 * 1024 * 1024, 0x20)]),
      /文件 roster\.csv 超过 20 MiB：请分成几个文件导入/,
    ),
  ];
  // A big file (20,000 rows) with one bad row deep inside: found by row, nothing stored.
  const big = Array.from({ length: 20_000 }, (_, i) => {
    const r = [...(good.rows[i % good.rows.length] as string[])];
    const k = col(good, good.headers[kind === 'enterprises' ? 0 : kind === 'inspectors' ? 1 : 0] as string);
    r[k] = uniqueKey(kind, r[k] as string, i);
    return r;
  });
  (big[12_345] as string[])[col(good, text)] = '';
  cases.push(
    c('20,000 rows, one bad', 'big.csv', csv([good.headers, ...big]), new RegExp(`第 12347 行「${text}」：必填`)),
  );
  if (kind === 'enterprises')
    cases.push(
      c(
        'a bad check digit',
        'roster.csv',
        csv(withCell(good, 4, '统一社会信用代码', breakCheckDigit(good.rows[4]?.[0] as string))),
        /第 6 行「统一社会信用代码」：校验位是/,
      ),
    );
  const dateColumn = DATE_COLUMN[kind];
  if (dateColumn)
    for (const bad of ['2027-02-30', '2027-13-01', '明天'])
      cases.push(
        c(
          `impossible date ${bad}`,
          'roster.csv',
          csv(withCell(good, 2, dateColumn, bad)),
          new RegExp(`第 4 行「${dateColumn}」：“${bad}”不是有效日期`),
        ),
      );
  return cases;
}

/** Distinct keys for the big file's copies, valid for their layout. */
function uniqueKey(kind: RosterKind, key: string, i: number): string {
  if (kind === 'inspectors') return `湘B${String(i).padStart(8, '0')}`;
  if (kind === 'items')
    return `BIG-${String(i % 10_000).padStart(4, '0')}`.replace(
      'BIG',
      ['BGA', 'BGB'][Math.floor(i / 10_000)] as string,
    );
  return key.length === 18 ? makeCreditCode('431103', `MB${String(i).padStart(6, '0')}`) : key;
}
