// The generated corpus of malformed files (test/support/malformedCorpus.ts)
// against every import: each file is refused with an error that names the
// row, the column and the fix, and nothing is stored — not a row, not an
// audit entry.
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterRows } from '../../src/rosters/export.ts';
import { importRoster, parseContext, parseRows, type RosterKind } from '../../src/rosters/import.ts';
import { ENTERPRISES, INSPECTORS, ITEMS, type Layout } from '../../src/rosters/layouts.ts';
import { readTable } from '../../src/rosters/table.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { freshSqlite, type TestDb } from '../support/db.ts';
import { type MalformedCase, malformedCorpus } from '../support/malformedCorpus.ts';

const KINDS: RosterKind[] = ['enterprises', 'inspectors', 'items'];
const LAYOUTS = { enterprises: ENTERPRISES, inspectors: INSPECTORS, items: ITEMS } as Record<
  RosterKind,
  Layout<unknown>
>;

let t: TestDb;
const corpus: MalformedCase[] = [];

async function counts() {
  const db = t.db;
  return [
    await db.enterprise.count(),
    await db.inspector.count(),
    await db.itemVersion.count(),
    await db.auditLog.count(),
  ];
}

beforeAll(async () => {
  t = await freshSqlite();
  await seedDemo(t.db);
  for (const kind of KINDS) {
    const good = await rosterRows(t.db, kind);
    // The base file is good: the corpus breaks it one way per case.
    const table = await readTable(
      'good.csv',
      Buffer.from([good.headers, ...good.rows].map((r) => r.join(',')).join('\n')),
    );
    expect(parseRows(LAYOUTS[kind], table, await parseContext(t.db)).errors).toEqual([]);
    corpus.push(...(await malformedCorpus(kind, good)));
  }
}, 60_000);
afterAll(async () => t?.drop());

describe('a generated corpus of malformed files', () => {
  it('has every kind of damage for every import', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(45);
    for (const kind of KINDS) expect(corpus.filter((c) => c.kind === kind).length).toBeGreaterThanOrEqual(15);
  });

  it('reads UTF-16 with a byte-order mark (Excel\'s "Unicode text"), so that is not damage', async () => {
    const good = await rosterRows(t.db, 'items');
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(stringify([good.headers, ...good.rows]), 'utf16le'),
    ]);
    expect(await readTable('items.csv', bytes)).toEqual([good.headers, ...good.rows]);
  });

  it('refuses each file with a message naming where and what, storing nothing', async () => {
    const before = await counts();
    const wrong: string[] = [];
    for (const c of corpus) {
      const outcome = await importRoster(t.db, c.kind, c.fileName, c.bytes, 'corpus').then(
        (r) => `imported ${r.rows} rows`,
        (e: Error) => e.message,
      );
      if (!c.expect.test(outcome)) wrong.push(`${c.kind} / ${c.name}: ${outcome.slice(0, 300)}`);
    }
    expect(wrong).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
