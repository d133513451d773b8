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
// scripts/install-compose.sh builds Compose into .tools (CI does); else a `docker compose` plugin, if any.
const LOCAL = '.tools/compose/docker-compose';
const compose: [string, string[]] | null = fs.existsSync(LOCAL)
  ? [LOCAL, []]
  : spawnSync('docker', ['compose', 'version']).status === 0
    ? ['docker', ['compose']]
    : null;
const hasCompose = compose !== null;
// CI must validate for real: there, a missing Compose is a failure, not a skip.
if (process.env.SSJ_REQUIRE_COMPOSE && !hasCompose)
  throw new Error('SSJ_REQUIRE_COMPOSE: no Compose found; run scripts/install-compose.sh');

describe('docker-compose.yml', () => {
  // The settings an operator must give (the file refuses to start without them).
  const required = {
    SESSION_SECRET: 'x'.repeat(32),
    SSJ_AUDIT_KEY: 'y'.repeat(32),
    SSJ_PAYLOAD_KEYS: 'k1:dGhpcyBpcyB0aGUgc3NqIHRlc3QgcGF5bG9hZCBrZXk=',
  };
  const config = (env: Record<string, string>) =>
    spawnSync(
      (compose as [string, string[]])[0],
      [...(compose as [string, string[]])[1], '--env-file', '/dev/null', 'config', '--format', 'json'],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      },
    );

  it.runIf(hasCompose)('passes docker compose config, and names each required setting when it is missing', () => {
    const r = config(required);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const resolved = JSON.parse(r.stdout) as {
      services: Record<string, { ports?: { host_ip?: string; target: number }[] }>;
    };
    // Published only on this host, and never Temporal's frontend.
    const published = Object.entries(resolved.services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => `${name}:${p.host_ip ?? '0.0.0.0'}:${p.target}`),
    );
    expect(published.sort()).toEqual(['app:127.0.0.1:3000', 'mailpit:127.0.0.1:8025', 'temporal-ui:127.0.0.1:8080']);
    for (const name of Object.keys(required)) {
      const missing = config({ ...required, [name]: '' });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain(`set ${name}`);
    }
  });

  it('keeps Temporal inside the stack: no published port, mutual TLS required, every client with a certificate', () => {
    const t = doc.services.temporal as { ports?: unknown; environment: Record<string, string>; image: string };
    expect(t.ports).toBeUndefined();
    expect(t.image).toMatch(/^temporalio\/server:/); // auto-setup is deprecated
    expect(t.environment.TEMPORAL_TLS_REQUIRE_CLIENT_AUTH).toBe('true');
    const env = (name: string) => (doc.services[name]?.environment ?? {}) as Record<string, string>;
    for (const name of ['app', 'temporal-ui'])
      expect([env(name).TEMPORAL_TLS_CERT, env(name).TEMPORAL_TLS_KEY, env(name).TEMPORAL_TLS_CA]).not.toContain(
        undefined,
      );
    expect(env('app').SSJ_PAYLOAD_KEYS).toMatch(/^\$\{SSJ_PAYLOAD_KEYS:\?/);
    expect(String(doc.services['temporal-init']?.command)).toContain('--tls-cert-path');
  });

  it('has the production services', () => {
    expect(Object.keys(doc.services)).toEqual(
      expect.arrayContaining([
        'temporal',
        'temporal-postgresql',
        'temporal-pki',
        'temporal-schema',
        'temporal-init',
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
