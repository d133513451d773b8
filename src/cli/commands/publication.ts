// ssj publication export <FILE.xlsx|.csv|.json>   (progress on stderr)
import fs from 'node:fs';
import { exportPublications } from '../../records/publications.ts';
import { UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

export async function publication(ctx: CliContext, [sub, file]: string[]) {
  const format = file?.match(/\.(xlsx|csv|json)$/)?.[1] as 'xlsx' | 'csv' | 'json' | undefined;
  if (sub !== 'export' || !file || !format)
    throw new UsageError('ssj publication export <FILE.xlsx|FILE.csv|FILE.json>');
  const bytes = await exportPublications(ctx.db, format, (done, total) =>
    process.stderr.write(`\rexported ${done}/${total}`),
  );
  process.stderr.write('\n');
  fs.writeFileSync(file, bytes);
  ctx.print(`wrote ${file}`, { file, bytes: bytes.length });
}
