// Fresh, migrated databases for a test: a temp SQLite file, or a new
// database on the test PostgreSQL server.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db, migrate } from '../../src/db/client.ts';

export interface TestDb {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function freshSqlite(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-db-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  await migrate(url);
  const db = createDb(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function freshPostgres(): Promise<TestDb> {
  const admin = new URL(inject('pgUrl'));
  const name = `ssj_t_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const db = createDb(url.toString());
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.$disconnect();
      const c2 = new pg.Client({ connectionString: admin.toString() });
      await c2.connect();
      await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c2.end();
    },
  };
}

export const DATABASES = [
  ['sqlite', freshSqlite],
  ['postgresql', freshPostgres],
] as const;
