// ssj publication export <FILE.xlsx|.csv|.json>   (progress on stderr)
import fs from 'node:fs';
import { exportPublications } from '../../records/publications.ts';
import { UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

export async function publication(ctx: CliContext, [sub, file]: string[]) {
  const format = file?.match(/\.(xlsx|csv|json)$/)?.[1] as 'xlsx' | 'csv' | 'json' | undefined;
  if (sub !== 'export' || !file || !format)
    throw new UsageError(
      'ssj publication export <FILE.xlsx|FILE.csv|FILE.json>   （导出第十七条公示结果，报省级平台和信用永州）',
    );
  const bytes = await exportPublications(ctx.db, format, (done, total) =>
    process.stderr.write(`\r已导出 ${done}/${total} 条`),
  );
  process.stderr.write('\n');
  fs.writeFileSync(file, bytes);
  ctx.print(`已写入 ${file}`, { file, bytes: bytes.length });
}
