// Check a roster's rows one at a time as they stream in: the header first,
// then each row against its layout. Every problem is counted; the first
// MAX_LISTED_ERRORS are kept to show, so a file of a million bad rows costs
// a counter, not a million messages.
import type { Layout, ParseContext, RowError } from './layouts.ts';
import { MAX_LISTED_ERRORS } from './limits.ts';

// A cell starting like a formula would run when someone opens an export in Excel.
const FORMULA = /^[=+\-@\t\r]/;

export interface Checked<T> {
  records: T[];
  /** The first MAX_LISTED_ERRORS problems, in row order. */
  errors: RowError[];
  /** How many problems in all. */
  errorCount: number;
}

export class RowChecker<T> {
  private header: string[] | null = null;
  private index: number[] = [];
  private row = 1;
  private readonly seen = new Map<string, number>();
  private readonly records: T[] = [];
  private readonly errors: RowError[] = [];
  private errorCount = 0;
  private fatal = false;

  constructor(
    private readonly layout: Layout<T>,
    private readonly ctx: ParseContext,
  ) {}

  private error(e: RowError) {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push(e);
  }

  /** The next row of the file (the first is the header). */
  push(cells: string[]): void {
    if (this.fatal) return;
    if (!this.header) {
      this.takeHeader(cells);
      return;
    }
    this.row++;
    const row = this.row;
    const values: Record<string, string> = {};
    this.layout.headers.forEach((h, k) => {
      values[h] = cells[this.index[k] as number] ?? '';
    });
    const err = (column: string, message: string) => this.error({ row, column, message });
    for (const [column, v] of Object.entries(values))
      if (FORMULA.test(v) && !/^-?\d+(\.\d+)?$/.test(v))
        err(
          column,
          `“${v.slice(0, 20)}”像电子表格公式：请删除开头的 ${v[0] === '\t' ? '制表符' : v[0] === '\r' ? '回车符' : v[0]}`,
        );
    const rec = this.layout.parse(values, err, this.ctx);
    const key = this.layout.key(rec);
    const first = this.seen.get(key);
    if (first) err(this.layout.keyColumn, `与第 ${first} 行重复：同一${this.layout.keyColumn}只能出现一次`);
    else this.seen.set(key, row);
    this.records.push(rec);
  }

  private takeHeader(cells: string[]) {
    this.header = cells;
    const missing = this.layout.headers.filter((h) => !cells.includes(h));
    if (missing.length) {
      this.fatal = true;
      this.error({
        row: 1,
        column: missing.join('、'),
        message: `缺少这些列：「${this.layout.name}」的表头依次是 ${this.layout.headers.join('、')}（可先导出一份作为模板）`,
      });
    }
    this.index = this.layout.headers.map((h) => cells.indexOf(h));
  }

  /** The header is wrong: nothing below it can be read as this layout, so reading may stop. */
  get hopeless(): boolean {
    return this.fatal;
  }

  finish(): Checked<T> {
    if (!this.header) this.error({ row: 1, column: '-', message: '文件是空的：请先填写表头和数据' });
    else if (!this.fatal && this.row === 1)
      this.error({ row: 2, column: '-', message: '表头下没有数据：请至少填写一行' });
    return { records: this.fatal ? [] : this.records, errors: this.errors, errorCount: this.errorCount };
  }
}

/** A whole table at once (tests, and callers that already hold the rows). */
export function parseRows<T>(layout: Layout<T>, table: string[][], ctx: ParseContext): Checked<T> {
  const checker = new RowChecker(layout, ctx);
  for (const cells of table) checker.push(cells);
  return checker.finish();
}
