// The embedded database runs in WAL with every commit synced (src/db/client.ts):
// the settings the throughput figures and the durability promise rest on.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFile } from '../../src/db/provider.ts';
import { freshSqlite, type TestDb } from '../support/db.ts';

describe('SQLite connection settings', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshSqlite();
  });
  afterAll(async () => t?.drop());

  it('is in WAL mode with synchronous=FULL, and writes go through the -wal file', async () => {
    const [mode] = await t.db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
    const [sync] = await t.db.$queryRawUnsafe<{ synchronous: bigint | number }[]>('PRAGMA synchronous');
    expect(mode?.journal_mode).toBe('wal');
    expect(Number(sync?.synchronous)).toBe(2); // FULL
    await t.db.unit.create({
      data: { code: 'WAL', name: '测试股', supervisorName: '王', supervisorEmail: 'wang@example.cn' },
    });
    expect(fs.existsSync(`${sqliteFile(t.url)}-wal`)).toBe(true);
  });
});
