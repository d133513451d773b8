// Find the Temporal CLI (dev server) and the Java time-skipping test server.
// Order: explicit env var → on PATH → project-local PyPI install under
// .tools/pypi (scripts/install-tools.sh) → null, meaning "let
// @temporalio/testing download it" (machines with internet only).
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../db/provider.ts';

export interface Resolved {
  path: string;
  source: 'env' | 'PATH' | 'project' | 'sdk-download';
}

function onPath(name: string, envPath = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* keep looking */
    }
  }
  return null;
}

function resolve(envVar: string, name: string, env: NodeJS.ProcessEnv): Resolved | null {
  const explicit = env[envVar];
  if (explicit) {
    if (!fs.existsSync(explicit))
      throw new Error(`${envVar}：“${explicit}”不存在；请指向 ${name} 可执行文件，或不设置此项。`);
    return { path: explicit, source: 'env' };
  }
  const fromPath = onPath(name, env.PATH);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  const local = path.join(env.SSJ_TOOLS_DIR ?? path.join(PROJECT_ROOT, '.tools'), 'pypi', 'bin', name);
  if (fs.existsSync(local)) return { path: local, source: 'project' };
  return null;
}

export function resolveTemporalCli(env = process.env): Resolved | null {
  return resolve('TEMPORAL_CLI', 'temporal', env);
}

export function resolveTestServer(env = process.env): Resolved | null {
  return resolve('TEMPORAL_TEST_SERVER', 'temporal-test-server', env);
}

/** The `executable` option for @temporalio/testing. */
export function sdkExecutable(r: Resolved | null) {
  return r ? { type: 'existing-path' as const, path: r.path } : { type: 'cached-download' as const };
}
