// One Prisma client for either database. The app is typed against the SQLite
// client; the PostgreSQL client is generated from the same models (see
// scripts/db-schemas.ts), so its runtime shape is the same.

import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
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
    // A short busy timeout. better-sqlite3 waits for a lock synchronously,
    // freezing this process's event loop (heartbeats, other activities) while
    // it waits; a longer wait is better left to the activity's retry, which
    // waits without blocking anything.
    return withPragmas(new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 2_000 }), SQLITE_PRAGMAS);
  }
  return new PrismaPg({ connectionString: url });
}

/**
 * Every SQLite connection runs these first. The default rollback journal
 * syncs the disk several times per commit, and better-sqlite3 waits for the
 * disk on the event loop: under load that was 2 ms per commit, a third of the
 * worker's busy time (bench/throughput). WAL syncs once per commit, and
 * readers (the console) no longer wait for writers. synchronous=FULL keeps
 * every commit durable across a power cut, not only a crash: Temporal may
 * already have recorded an activity as done on the strength of that commit.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL'];

function withPragmas(
  factory: SqlMigrationAwareDriverAdapterFactory,
  pragmas: readonly string[],
): SqlMigrationAwareDriverAdapterFactory {
  const prepare = async (a: SqlDriverAdapter) => {
    for (const p of pragmas) await a.queryRaw({ sql: `PRAGMA ${p}`, args: [], argTypes: [] });
    return a;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => prepare(await factory.connect()),
    connectToShadowDb: async () => prepare(await factory.connectToShadowDb()),
  };
}

export function createDb(url: string): Db {
  const adapter = adapterFactory(url);
  if (providerOf(url) !== 'sqlite') return new PgClient({ adapter }) as unknown as Db;
  const db = new SqliteClient({ adapter });
  SQLITE_CLIENTS.add(db);
  return db;
}

// Prisma's clients are proxies (instanceof does not see their class): the SQLite ones are remembered here.
const SQLITE_CLIENTS = new WeakSet<object>();

/** Whether a client talks to SQLite (the embedded default) rather than PostgreSQL: for the little SQL that differs. */
export function isSqlite(db: Db): boolean {
  return SQLITE_CLIENTS.has(db);
}

/** Apply pending migrations for whatever database the URL names. */
export async function migrate(url: string): Promise<{ provider: Provider; applied: string[] }> {
  const provider = providerOf(url);
  const applied = await applyMigrations(prismaDir(provider), adapterFactory(url));
  return { provider, applied };
}
