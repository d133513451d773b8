// ssj roster import <enterprises|inspectors> <FILE.xlsx|.csv> --actor NAME   (--preview: what it would change, saving nothing)
// ssj roster export <enterprises|inspectors> <FILE.xlsx|.csv>
import fs from 'node:fs';
import {
  clearedExemptionsPreviewWarning,
  clearedExemptionsWarning,
  describeChange,
  importSummary,
  type UnitNames,
} from '../../rosters/changes.ts';
import { exportRoster } from '../../rosters/export.ts';
import { importRoster, previewRoster, RosterImportError, type RosterKind } from '../../rosters/import.ts';
import { LIMIT_WORDS, MAX_FILE_BYTES } from '../../rosters/limits.ts';
import { type Args, need, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

const unitNames = async (ctx: CliContext): Promise<UnitNames> =>
  new Map((await ctx.db.unit.findMany()).map((u) => [u.id, u.name]));

export async function roster(ctx: CliContext, [sub, kind, file]: string[], a: Args) {
  if ((sub !== 'import' && sub !== 'export') || (kind !== 'enterprises' && kind !== 'inspectors') || !file)
    throw new UsageError(
      [
        'ssj roster import enterprises|inspectors <FILE.xlsx|FILE.csv> --actor NAME   （导入企业名录或执法人员名录）',
        'ssj roster import enterprises|inspectors <FILE.xlsx|FILE.csv> --preview   （只预览将新增、变更、清除的内容，不保存）',
        'ssj roster export enterprises|inspectors <FILE.xlsx|FILE.csv>   （导出名录，格式与导入相同）',
      ].join('\n  '),
    );
  if (sub === 'export') {
    const format = file.endsWith('.csv') ? 'csv' : 'xlsx';
    fs.writeFileSync(file, await exportRoster(ctx.db, kind as RosterKind, format));
    return ctx.print(`已写入 ${file}`, { file });
  }
  if (!fs.existsSync(file)) throw new UsageError(`FILE：${file} 不存在`);
  // Refused before it is read: a file past the limit is never loaded.
  if (fs.statSync(file).size > MAX_FILE_BYTES) throw new UsageError(`FILE：${LIMIT_WORDS.fileTooBig(file)}`);
  try {
    if (a.flag('preview')) {
      // What the import would do, written nowhere.
      const { report: r } = await previewRoster(ctx.db, kind as RosterKind, file, fs.readFileSync(file));
      const units = await unitNames(ctx);
      const lines = r.changes.slice(0, 50).map((c) => `  ${c.key}：${describeChange(c.field, c.from, c.to, units)}`);
      const warning = clearedExemptionsPreviewWarning(r);
      return ctx.print([importSummary(r, false), ...lines, warning, '（预览：未保存）'].filter(Boolean).join('\n'), r);
    }
    const r = await importRoster(ctx.db, kind as RosterKind, file, fs.readFileSync(file), need(a, 'actor'));
    const warning = clearedExemptionsWarning(r);
    ctx.print([importSummary(r), warning].filter(Boolean).join('\n'), { imported: r.rows, ...r });
  } catch (e) {
    if (!(e instanceof RosterImportError)) throw e;
    ctx.print(e.message, { imported: 0, errors: e.errors });
    process.exitCode = 1;
  }
}
