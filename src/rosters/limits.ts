// How much of a roster file ssj reads. A district's rosters are hundreds to
// a few thousand rows; the limits leave room for a province-sized file and
// refuse what could only be a mistake or an attack, early and by name.

/** The file as uploaded. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** An .xlsx is a zip: all its parts inflated together, counted before ExcelJS sees any. */
export const MAX_UNZIPPED_BYTES = 160 * 1024 * 1024;
/** Data rows under the header. */
export const MAX_ROWS = 200_000;
export const MAX_COLUMNS = 64;
export const MAX_CELL_CHARS = 2_000;
/** Problems listed one by one; beyond these, the count only. */
export const MAX_LISTED_ERRORS = 100;
/** Reading and checking a file, in its own thread: then the thread is stopped. */
export const PARSE_TIMEOUT_MS = 120_000;
/** The parsing thread's heap: a file that needs more is refused, the console and the worker go on. */
export const PARSE_HEAP_MB = 512;

const MiB = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

export const LIMIT_WORDS = {
  fileTooBig: (name: string) => `文件 ${name} 超过 ${MiB(MAX_FILE_BYTES)}：请分成几个文件导入`,
  unzippedTooBig: (name: string) =>
    `文件 ${name} 解压后超过 ${MiB(MAX_UNZIPPED_BYTES)}，不像是名录表格：请在 Excel 或 WPS 中另存为 .xlsx 后重试，或分批导入`,
  tooManyRows: (name: string) => `文件 ${name} 超过 ${MAX_ROWS} 行：请分批导入`,
  tooManyColumns: (name: string, row: number) => `文件 ${name} 第 ${row} 行超过 ${MAX_COLUMNS} 列：请只保留名录的各列`,
  cellTooLong: (name: string, row: number) =>
    `文件 ${name} 第 ${row} 行有单元格超过 ${MAX_CELL_CHARS} 个字：请检查是否粘贴了多余内容`,
  timedOut: (name: string) => `读取文件 ${name} 超过 ${PARSE_TIMEOUT_MS / 1000} 秒仍未完成：请分批导入`,
  outOfMemory: (name: string) => `文件 ${name} 太大，读取时超出内存上限：请分批导入`,
} as const;
