// ssj-draw/3's assignment over many fixed seeds: inspectors who are
// interchangeable (same specialties, same townships) carry equal loads
// whatever the quotas and 交叉检查 force, successive picks are independent,
// and a recusal's replacement comes from the least loaded. Thresholds are the
// χ² critical values at p = 0.01; the seeds are fixed, so the test is stable.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/draw/digest.ts';
import { computeOutputs } from '../../src/draw/draw.ts';
import { resolveRecusalV3 } from '../../src/draw/recusal.ts';
import type { DrawRule } from '../../src/draw/rule.ts';
import type { DrawInputs, FrozenInputs } from '../../src/draw/types.ts';
import { drawV3 } from '../../src/draw/v3.ts';
import { baseRule, enterprise, inputs, inspector } from '../support/drawFixtures.ts';
import { frozenOf, testEntropy } from '../support/drawV3.ts';

const RUNS = 6000;
const CRITICAL_01: Record<number, number> = { 1: 6.63, 2: 9.21, 11: 24.72 };

const chiSquareUniform = (observed: number[]) => {
  const mean = observed.reduce((a, b) => a + b, 0) / observed.length;
  return observed.reduce((s, o) => s + (o - mean) ** 2 / mean, 0);
};

/** Total assignments per inspector id over RUNS draws of one version. */
function loads(inp: DrawInputs, version: 'ssj-draw/2' | 'ssj-draw/3', label: string): Map<number, number> {
  const total = new Map<number, number>();
  for (let s = 0; s < RUNS; s++)
    for (const a of computeOutputs(inp, sha256Hex(`${label}:${s}`), undefined, version).assignments)
      for (const id of a.inspectorIds) total.set(id, (total.get(id) ?? 0) + 1);
  return total;
}

const of = (m: Map<number, number>, ids: number[]) => ids.map((id) => m.get(id) ?? 0);

// Specialists 1–3 are interchangeable (非煤矿山, responsible for 伊塘镇); 4 is a specialist elsewhere;
// 5–9 are generalists spread over the townships. Enterprises sit in every township.
const roster = (rule: Partial<DrawRule>) =>
  inputs({
    rule: baseRule({ enterprises: { count: 5 }, teamSize: 2, itemsPerInspection: 0, ...rule }),
    enterprises: Array.from({ length: 20 }, (_, i) => enterprise(i + 1)),
    inspectors: [
      ...[1, 2, 3].map((id) => inspector(id, { specialties: ['NON_COAL_MINE'], townships: ['伊塘镇'] })),
      inspector(4, { specialties: ['NON_COAL_MINE'], townships: ['梅湾街道'] }),
      ...[5, 6, 7, 8, 9].map((id) =>
        inspector(id, { townships: [['凤凰街道', '蔡市镇', '普利桥镇'][id % 3] as string] }),
      ),
    ],
  });

describe('ssj-draw/3 balance', () => {
  const cases: [string, Partial<DrawRule>][] = [
    ['a one-specialist quota', { quotas: [{ specialty: 'NON_COAL_MINE', min: 1 }] }],
    ['交叉检查', { crossTownship: true }],
    ['a quota and 交叉检查 together', { quotas: [{ specialty: 'NON_COAL_MINE', min: 1 }], crossTownship: true }],
  ];

  it.each(cases)('loads interchangeable inspectors equally under %s', (name, rule) => {
    const total = loads(roster(rule), 'ssj-draw/3', name);
    const specialists = of(total, [1, 2, 3]);
    expect(Math.min(...specialists)).toBeGreaterThan(0);
    expect(chiSquareUniform(specialists)).toBeLessThan(CRITICAL_01[2] as number);
    expect(chiSquareUniform(of(total, [5, 8]))).toBeLessThan(CRITICAL_01[1] as number); // both 蔡市镇 generalists
  });

  it('and the test has power: a 3% lean on one of the three fails it', () => {
    const rule = { quotas: [{ specialty: 'NON_COAL_MINE', min: 1 }], crossTownship: true };
    const fair = of(loads(roster(rule), 'ssj-draw/3', 'power'), [1, 2, 3]);
    const leaning = fair.map((c, i) => (i === 0 ? c * 1.06 : c * 0.97));
    expect(chiSquareUniform(leaning)).toBeGreaterThan(CRITICAL_01[2] as number);
  });

  it('picks the two members of a team independently: every ordered pair equally often', () => {
    const inp = inputs({
      rule: baseRule({
        enterprises: { count: 3 },
        teamSize: 2,
        itemsPerInspection: 0,
        quotas: [{ specialty: 'NON_COAL_MINE', min: 2 }],
      }),
      enterprises: Array.from({ length: 3 }, (_, i) => enterprise(i + 1)),
      inspectors: [1, 2, 3, 4].map((id) => inspector(id, { specialties: ['NON_COAL_MINE'] })),
    });
    const pairs = new Map<string, number>();
    for (let s = 0; s < RUNS; s++) {
      // The third team is picked when all four have one assignment: any ordered pair may follow.
      const third = computeOutputs(inp, sha256Hex(`pair:${s}`), undefined, 'ssj-draw/3').assignments[2];
      const key = third?.inspectorIds.join('-') as string;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect(pairs.size).toBe(12);
    expect(chiSquareUniform([...pairs.values()])).toBeLessThan(CRITICAL_01[11] as number);
  });

  it('keeps every load within one of the others when nothing forces more', () => {
    const inp = inputs({
      rule: baseRule({ enterprises: { count: 17 }, teamSize: 3, itemsPerInspection: 0 }),
      enterprises: Array.from({ length: 30 }, (_, i) => enterprise(i + 1)),
      inspectors: Array.from({ length: 11 }, (_, i) => inspector(i + 1)),
    });
    for (let s = 0; s < 50; s++) {
      const load = new Map<number, number>();
      for (const a of computeOutputs(inp, sha256Hex(`even:${s}`), undefined, 'ssj-draw/3').assignments)
        for (const id of a.inspectorIds) load.set(id, (load.get(id) ?? 0) + 1);
      const values = inp.inspectors.map((i) => load.get(i.id) ?? 0);
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    }
  });

  it('replaces a recused inspector with one of the least loaded, never someone already busy while others idle', () => {
    const f: FrozenInputs = frozenOf(
      inputs({
        rule: baseRule({ enterprises: { count: 3 }, teamSize: 2, itemsPerInspection: 0 }),
        enterprises: Array.from({ length: 10 }, (_, i) => enterprise(i + 1)),
        inspectors: Array.from({ length: 9 }, (_, i) => inspector(i + 1)),
      }),
    );
    for (let s = 0; s < 40; s++) {
      const root = drawV3(f, testEntropy(f.drawId, `idle:${s}`));
      const busy = new Set(root.outputs.assignments.flatMap((a) => a.inspectorIds));
      const target = root.outputs.assignments[0];
      if (!target) throw new Error('fixture drew nothing');
      const req = {
        sequence: 1,
        enterpriseId: target.enterpriseId,
        inspectorId: target.inspectorIds[0] as number,
        mode: 'REPLACEMENT' as const,
        withId: null,
        locked: [],
      };
      const next = resolveRecusalV3(root, root, f, req);
      const team = next.outputs.assignments[0]?.inspectorIds ?? [];
      const newcomer = team.find((id) => !target.inspectorIds.includes(id)) as number;
      expect(busy.has(newcomer)).toBe(false); // 9 inspectors, 6 busy: an idle one always fits
      expect(team.indexOf(newcomer)).toBe(0); // in the place of the one who stepped out
      // Determined: the same request gives the same record.
      expect(resolveRecusalV3(root, root, f, req)).toEqual(next);
    }
  });
});
