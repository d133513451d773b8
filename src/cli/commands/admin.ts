// ssj calendar import <YEAR> <FILE.json> [--source TEXT] [--actor NAME]   ·   ssj audit verify
import fs from 'node:fs';
import os from 'node:os';
import { firstBrokenLink } from '../../audit/chain.ts';
import { type CalendarRow, importCalendarYear } from '../../calendar/import.ts';
import { notifyCalendarChanged } from '../../client/calendar.ts';
import { type Args, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

export async function calendar(ctx: CliContext, [sub, yearText, file]: string[], a: Args) {
  if (sub !== 'import' || !yearText || !file)
    throw new UsageError(
      'ssj calendar import <YEAR> <FILE.json>   (JSON: [{"date":"2027-10-01","kind":"HOLIDAY","name":"国庆节"}, …])',
    );
  let rows: CalendarRow[];
  try {
    rows = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`FILE: ${file} is not readable JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(rows)) throw new UsageError('FILE: must hold a JSON array of {date, kind, name}');
  const n = await importCalendarYear(ctx.db, Number(yearText), rows, {
    source: a.string('source') ?? `imported from ${file}`,
    // Filed in the audit log; whoever is logged in on the server unless named.
    actor: a.string('actor') ?? os.userInfo().username,
  });
  const told = await notifyCalendarChanged(await ctx.client()).catch(() => 0);
  ctx.print(`imported ${n} days for ${yearText}; ${told} open inspections recomputing their due dates`, {
    imported: n,
    notified: told,
  });
}

export async function audit(ctx: CliContext, [sub]: string[]) {
  if (sub !== 'verify') throw new UsageError('ssj audit verify');
  const rows = await ctx.db.auditLog.findMany({ orderBy: { id: 'asc' } });
  const broken = firstBrokenLink(rows);
  ctx.print(broken ? `BROKEN at entry ${broken.id}: ${broken.reason}` : `audit log intact: ${rows.length} entries`, {
    entries: rows.length,
    broken,
  });
  if (broken) process.exitCode = 2;
}
