// Read prisma/migrations in Prisma's own layout, and apply them the way
// `prisma migrate deploy` does (same _prisma_migrations table), offline.
import fs from 'node:fs';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { openSchemaEngine } from './schemaEngine.ts';

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

export function readMigrations(prismaDir: string): MigrationList {
  const baseDir = path.join(prismaDir, 'migrations');
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const dirs = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: fs.readFileSync(path.join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/** Apply every pending migration; returns the names applied now. */
export async function applyMigrations(
  prismaDir: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(path.join(prismaDir, 'schema.prisma'), adapterFactory);
  try {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(prismaDir), filters: NO_FILTERS });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}
