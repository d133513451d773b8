// The linter keeps workflow code deterministic: no Node built-ins, no
// client/worker/activity/testing imports under src/workflows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const biome = path.resolve('node_modules/.bin/biome');

/** Lint one file with the project's biome.json, in a scratch copy of the layout. */
function lint(file: string, source: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-lint-'));
  const config = JSON.parse(fs.readFileSync('biome.json', 'utf8'));
  delete config.$schema;
  fs.writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
  fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), source);
  const r = spawnSync(biome, ['lint', file], { cwd: dir, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return { ok: r.status === 0, out: r.stdout + r.stderr };
}

describe('workflow import rules', () => {
  it.each([
    ["import fs from 'node:fs';\nexport const x = fs;\n", /noNodejsModules/],
    ["import { Client } from '@temporalio/client';\nexport const x = Client;\n", /noRestrictedImports/],
    ["import { Context } from '@temporalio/activity';\nexport const x = Context;\n", /noRestrictedImports/],
  ])('rejects %s in src/workflows', (src, rule) => {
    const r = lint('src/workflows/bad.ts', src);
    expect(r.ok).toBe(false);
    expect(r.out).toMatch(rule);
  });

  it('allows the same import outside src/workflows, and workflow APIs inside', () => {
    expect(lint('src/activities/ok.ts', "import fs from 'node:fs';\nexport const x = fs;\n").ok).toBe(true);
    expect(
      lint('src/workflows/ok.ts', "import { sleep } from '@temporalio/workflow';\nexport const x = sleep;\n").ok,
    ).toBe(true);
  });
});
