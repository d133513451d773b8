// One Prisma client for either database. The app is typed against the SQLite
// client; the PostgreSQL client is generated from the same models (see
// scripts/db-schemas.ts), so its runtime shape is the same.

import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient as PgClient } from '../generated/postgresql/client.ts';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import { applyMigrations } from './migrations.ts';
import { type Provider, prismaDir, providerOf, sqliteFile } from './provider.ts';

export type Db = SqliteClient;
export * from '../generated/sqlite/client.ts';

export function adapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const provider = providerOf(url);
  if (provider === 'sqlite') {
    const file = sqliteFile(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // WAL + a short busy timeout. better-sqlite3 waits for a lock synchronously,
    // freezing this process's event loop (heartbeats, other activities) while
    // it waits; a longer wait is better left to the activity's retry, which
    // waits without blocking anything.
    return new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 2_000 });
  }
  return new PrismaPg({ connectionString: url });
}

export function createDb(url: string): Db {
  const adapter = adapterFactory(url);
  if (providerOf(url) === 'sqlite') return new SqliteClient({ adapter });
  return new PgClient({ adapter }) as unknown as Db;
}

/** Apply pending migrations for whatever database the URL names. */
export async function migrate(url: string): Promise<{ provider: Provider; applied: string[] }> {
  const provider = providerOf(url);
  const applied = await applyMigrations(prismaDir(provider), adapterFactory(url));
  return { provider, applied };
}
