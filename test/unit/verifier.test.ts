// The independent verifier (verifier/ssj_verify.py: Python, standard library,
// written from docs/draw.md alone) agrees with this implementation on every
// golden record — ssj-draw/1, /2 and /3, each with its recusals — and its own
// tests of tampering pass. Fresh draws are checked by the integration tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const GOLDEN = [1, 2, 3].map((v) => `test/golden/draw-export-v${v}.json`);

describe('independent verifier (Python)', () => {
  it('verifies every golden record, record by record', () => {
    const out = execFileSync('python3', ['verifier/ssj_verify.py', ...GOLDEN, '--json'], { encoding: 'utf8' });
    const report = JSON.parse(out) as { files: { records: { ok: boolean; drawId: string }[] }[] };
    const ids = report.files.flatMap((f) => f.records.map((r) => [r.drawId, r.ok]));
    expect(ids).toEqual([
      ['KAT-2027-01', true],
      ['KAT-2027-01/r1', true],
      ['KAT-2027-02', true],
      ['KAT-2027-02/r1', true],
      ['KAT-2027-02/r2', true],
      ['KAT-2027-02/r3', true],
      ['KAT-2027-03', true],
      ['KAT-2027-03/r1', true],
      ['KAT-2027-03/r2', true],
      ['KAT-2027-03/r3', true],
    ]);
  });

  it('passes its own tests, tampering included', () => {
    const r = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', 'verifier', '-p', 'test_*.py'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toMatch(/\nOK\s*$/);
    expect(r.status).toBe(0);
  });
});
