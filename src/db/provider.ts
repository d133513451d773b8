// Which database a DATABASE_URL names, and where that provider's schema and
// migrations live. SQLite is the embedded default; PostgreSQL is production.
import path from 'node:path';

export type Provider = 'sqlite' | 'postgresql';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error(
    `DATABASE_URL：不支持“${redact(url)}”这种地址。SQLite 用 file:./.data/ssj.db，PostgreSQL 用 postgresql://用户:密码@主机:5432/库名。`,
  );
}

/** The directory holding schema.prisma and migrations/ for a provider. */
export function prismaDir(provider: Provider): string {
  return provider === 'sqlite' ? path.join(PROJECT_ROOT, 'prisma') : path.join(PROJECT_ROOT, 'prisma', 'postgresql');
}

/** file:./x.db relative to the project root, as Prisma resolves it. */
export function sqliteFile(url: string): string {
  const p = url.slice('file:'.length);
  return path.isAbsolute(p) ? p : path.join(PROJECT_ROOT, p);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
