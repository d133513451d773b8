// docker-compose.yml is for users (no Docker engine runs here). Where the
// compose plugin exists, `docker compose config` validates it; otherwise we
// check its structure: every service builds or has an image, has a health
// check (one-shot jobs excepted), depends only on services that exist, and
// the app's settings are the ones .env.example documents.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const text = fs.readFileSync('docker-compose.yml', 'utf8');
const doc = YAML.parse(text) as { services: Record<string, Record<string, unknown>> };
const hasCompose = spawnSync('docker', ['compose', 'version']).status === 0;

describe('docker-compose.yml', () => {
  it.runIf(hasCompose)('passes docker compose config', () => {
    const r = spawnSync('docker', ['compose', 'config', '-q'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('has the production services', () => {
    expect(Object.keys(doc.services)).toEqual(
      expect.arrayContaining([
        'temporal',
        'temporal-postgresql',
        'temporal-ui',
        'app-postgresql',
        'mailpit',
        'app',
        'worker',
      ]),
    );
  });

  it.each(Object.entries(doc.services))('service %s is well-formed', (name, svc) => {
    expect(Boolean(svc.image) || Boolean(svc.build), `${name} needs image or build`).toBe(true);
    if (svc.restart !== 'no') expect(svc.healthcheck, `${name} needs a healthcheck`).toBeDefined();
    const deps = svc.depends_on ? Object.keys(svc.depends_on as object) : [];
    for (const d of deps) expect(Object.keys(doc.services)).toContain(d);
  });

  it('gives the app and every worker the same data directory (a scan uploaded to one is mailed by another)', () => {
    const dir = (doc.services.app?.environment as Record<string, string> | undefined)?.SSJ_DATA_DIR;
    expect(dir).toBe('/data');
    for (const name of ['app', 'worker']) {
      const mounts = (doc.services[name]?.volumes as string[] | undefined) ?? [];
      expect(mounts, `${name} mounts the shared files volume at ${dir}`).toContain(`app-files:${dir}`);
    }
    expect(Object.keys((YAML.parse(text) as { volumes: object }).volumes)).toContain('app-files');
  });

  it('configures the app only with documented settings', () => {
    const documented = new Set(
      fs
        .readFileSync('.env.example', 'utf8')
        .split('\n')
        .map((l) => l.match(/^([A-Z_]+)=/)?.[1])
        .filter(Boolean),
    );
    const env = doc.services.app?.environment as Record<string, string>;
    for (const key of Object.keys(env)) expect(documented, `${key} missing from .env.example`).toContain(key);
  });
});
