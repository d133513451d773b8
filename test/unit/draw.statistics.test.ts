// Over many fixed seeds, every eligible enterprise and inspector is drawn
// with its intended probability (chi-square goodness of fit). The seeds are
// fixed, so the test is stable; the thresholds are the 0.1% critical values.
import { describe, expect, it } from 'vitest';
import { runDraw } from '../../src/draw/draw.ts';
import { baseRule, enterprise, inputs, inspector, items, reveal } from '../support/drawFixtures.ts';

const RUNS = 2000;

function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((s, o, i) => s + (o - (expected[i] as number)) ** 2 / (expected[i] as number), 0);
}

// Critical values of χ² at p = 0.001.
const CRITICAL: Record<number, number> = { 19: 43.82, 29: 58.3, 39: 72.05, 49: 85.35 };

describe('draw fairness', () => {
  it('draws each of 50 enterprises with probability k/n', () => {
    const inp = inputs({
      rule: baseRule({ enterprises: { count: 10 }, teamSize: 1, itemsPerInspection: 0 }),
      enterprises: Array.from({ length: 50 }, (_, i) => enterprise(i + 1)),
      inspectors: Array.from({ length: 10 }, (_, i) => inspector(i + 1)),
    });
    const counts = new Array(50).fill(0);
    for (let s = 0; s < RUNS; s++)
      for (const a of runDraw(inp, reveal(`ent-${s}`)).outputs.assignments) counts[a.enterpriseId - 1]++;
    const stat = chiSquare(counts, new Array(50).fill((RUNS * 10) / 50));
    expect(stat).toBeLessThan(CRITICAL[49] as number);
    // and the test has power: a biased tally of the same size fails it
    const biased = counts.map((c, i) => (i < 5 ? c + 60 : c - 6));
    expect(chiSquare(biased, new Array(50).fill((RUNS * 10) / 50))).toBeGreaterThan(CRITICAL[49] as number);
  });

  it('draws each of 20 inspectors with probability slots/n', () => {
    const inp = inputs({
      rule: baseRule({ enterprises: { count: 5 }, teamSize: 2, itemsPerInspection: 0 }),
      enterprises: Array.from({ length: 30 }, (_, i) => enterprise(i + 1)),
      inspectors: Array.from({ length: 20 }, (_, i) => inspector(i + 1)),
    });
    const counts = new Array(20).fill(0);
    for (let s = 0; s < RUNS; s++)
      for (const a of runDraw(inp, reveal(`insp-${s}`)).outputs.assignments)
        for (const id of a.inspectorIds) counts[id - 1]++;
    expect(chiSquare(counts, new Array(20).fill((RUNS * 10) / 20))).toBeLessThan(CRITICAL[19] as number);
  });

  it('draws risk class D enterprises four times as often as class A at ratios 0.4 / 0.1', () => {
    const inp = inputs({
      rule: baseRule({ enterprises: { ratio: 0 }, riskRatios: { A: 0.1, D: 0.4 }, teamSize: 1, itemsPerInspection: 0 }),
      enterprises: [
        ...Array.from({ length: 30 }, (_, i) => enterprise(i + 1, { riskClass: 'A' })),
        ...Array.from({ length: 10 }, (_, i) => enterprise(i + 31, { riskClass: 'D' })),
      ],
      inspectors: Array.from({ length: 10 }, (_, i) => inspector(i + 1)),
    });
    const counts = new Array(40).fill(0);
    for (let s = 0; s < RUNS; s++)
      for (const a of runDraw(inp, reveal(`risk-${s}`)).outputs.assignments) counts[a.enterpriseId - 1]++;
    // A: 3 of 30 each run → p = 0.1; D: 4 of 10 → p = 0.4
    const expected = [...new Array(30).fill(RUNS * 0.1), ...new Array(10).fill(RUNS * 0.4)];
    expect(chiSquare(counts, expected)).toBeLessThan(CRITICAL[39] as number);
  });

  it('draws each of 20 items with probability k/n, for the first enterprise and the last (one shared stream)', () => {
    const inp = inputs({
      rule: baseRule({ enterprises: { count: 5 }, teamSize: 1, itemsPerInspection: 4 }),
      enterprises: Array.from({ length: 30 }, (_, i) => enterprise(i + 1)),
      inspectors: Array.from({ length: 10 }, (_, i) => inspector(i + 1)),
      items: items(20), // GENERAL items are 301…320
    });
    const first = new Array(20).fill(0);
    const last = new Array(20).fill(0);
    for (let s = 0; s < RUNS; s++) {
      const as = runDraw(inp, reveal(`items-${s}`)).outputs.assignments;
      for (const id of as[0]?.itemIds ?? []) first[id - 301]++;
      for (const id of as[4]?.itemIds ?? []) last[id - 301]++;
    }
    const expected = new Array(20).fill((RUNS * 4) / 20);
    expect(first.reduce((a, b) => a + b)).toBe(RUNS * 4);
    expect(chiSquare(first, expected)).toBeLessThan(CRITICAL[19] as number);
    expect(chiSquare(last, expected)).toBeLessThan(CRITICAL[19] as number);
  });
});
