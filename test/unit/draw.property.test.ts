// Every constraint of the draw holds for random rosters and rules; every
// draw verifies; a changed input changes the digest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflictIndex, pairConflict } from '../../src/draw/assign.ts';
import { inputDigest } from '../../src/draw/digest.ts';
import { itemsInForce, runDraw, verifyDraw } from '../../src/draw/draw.ts';
import {
  capExemption,
  eligibleEnterprises,
  enterpriseExclusion,
  inScope,
  inspectorExclusion,
  partition,
} from '../../src/draw/eligibility.ts';
import { DrawInputError, InfeasibleDrawError } from '../../src/draw/errors.ts';
import { enterpriseColumns } from '../../src/draw/frozen.ts';
import { byId } from '../../src/draw/order.ts';
import type { DrawInputs, DrawRecordData } from '../../src/draw/types.ts';
import { arbInputs, reveal } from '../support/drawFixtures.ts';

const seedArb = fc.string({ minLength: 1, maxLength: 12 });

function tryDraw(inputs: DrawInputs, label: string): DrawRecordData | null {
  try {
    return runDraw(inputs, reveal(label));
  } catch (e) {
    // Infeasible or malformed rules fail whole, with a message; nothing else may escape.
    expect(e instanceof InfeasibleDrawError || e instanceof DrawInputError).toBe(true);
    expect((e as Error).message.length).toBeGreaterThan(10);
    return null;
  }
}

describe('draw properties', () => {
  it('the column eligibility pass of a frozen roster equals the rule applied row by row', () => {
    fc.assert(
      fc.property(arbInputs, fc.integer({ min: 0, max: 5 }), (inputs, cap) => {
        const rows = byId(inputs.enterprises);
        const expected = partition(
          rows,
          (e) => enterpriseExclusion(e, cap),
          (e) => inScope(e, inputs.rule),
        );
        const cols = enterpriseColumns(inputs.enterprises);
        const got = eligibleEnterprises(cols, inputs.rule, cap);
        expect(Array.from(got.eligible, (k) => cols.rows[k])).toEqual(expected.eligible);
        expect(got.excluded).toEqual(expected.excluded);
      }),
      { numRuns: 200 },
    );
  });

  it('meets every constraint', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(arbInputs, seedArb, (inputs, label) => {
        const rec = tryDraw(inputs, label);
        if (!rec) return;
        if (rec.outputs.assignments.length) nonEmpty++;
        const { rule } = inputs;
        const ents = new Map(inputs.enterprises.map((e) => [e.id, e]));
        const insp = new Map(inputs.inspectors.map((i) => [i.id, i]));
        const conflicts = conflictIndex(inputs.conflicts);
        const drawnIds = rec.outputs.assignments.map((a) => a.enterpriseId);
        expect(new Set(drawnIds).size).toBe(drawnIds.length);
        expect(drawnIds.length).toBe(rec.outputs.strata.reduce((s, x) => s + x.drawn, 0));
        for (const a of rec.outputs.assignments) {
          const e = ents.get(a.enterpriseId);
          expect(e).toBeDefined();
          if (!e) continue;
          expect(inScope(e, rule)).toBe(true);
          expect(enterpriseExclusion(e, 4)).toBeNull();
          expect(a.inspectorIds).toHaveLength(rule.teamSize);
          expect(new Set(a.inspectorIds).size).toBe(rule.teamSize);
          for (const id of a.inspectorIds) {
            const i = insp.get(id);
            expect(i && inspectorExclusion(i, inputs.drawDate)).toBeNull();
            if (i) expect(pairConflict(i, e, rule.crossTownship, conflicts)).toBeNull();
          }
          for (const q of rule.quotas) {
            const n = a.inspectorIds.filter((id) => insp.get(id)?.specialties.includes(q.specialty)).length;
            expect(n).toBeGreaterThanOrEqual(q.min);
          }
          const pool = itemsInForce(inputs.items, e.sector, inputs.drawDate).map((i) => i.id);
          expect(a.itemIds).toHaveLength(rule.itemsPerInspection);
          expect(new Set(a.itemIds).size).toBe(a.itemIds.length);
          for (const id of a.itemIds) expect(pool).toContain(id);
        }
      }),
      { numRuns: 300 },
    );
    // Guard against a vacuous property: most generated rules must really draw.
    expect(nonEmpty).toBeGreaterThan(75);
  });

  it('spreads load evenly when nothing forces otherwise', () => {
    fc.assert(
      fc.property(arbInputs, seedArb, (raw, label) => {
        const inputs = { ...raw, conflicts: [], rule: { ...raw.rule, quotas: [], crossTownship: false } };
        const rec = tryDraw(inputs, label);
        if (!rec?.outputs.assignments.length) return;
        const eligible = inputs.inspectors.filter((i) => !inspectorExclusion(i, inputs.drawDate));
        const load = new Map(eligible.map((i) => [i.id, 0]));
        for (const a of rec.outputs.assignments) for (const id of a.inspectorIds) load.set(id, (load.get(id) ?? 0) + 1);
        const loads = [...load.values()];
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('verifies every draw it makes, and is deterministic', () => {
    fc.assert(
      fc.property(arbInputs, seedArb, (inputs, label) => {
        const rec = tryDraw(inputs, label);
        if (!rec) return;
        expect(verifyDraw(rec, inputs)).toEqual({ ok: true, problems: [] });
        expect(runDraw(inputs, reveal(label))).toEqual(rec);
      }),
      { numRuns: 150 },
    );
  });

  it('changes the digest, and fails verification, when any input changes', () => {
    fc.assert(
      fc.property(arbInputs, seedArb, fc.nat(), (inputs, label, which) => {
        const rec = tryDraw(inputs, label);
        if (!rec) return;
        const e = inputs.enterprises[which % inputs.enterprises.length];
        if (!e) return;
        const changed: DrawInputs = {
          ...inputs,
          enterprises: inputs.enterprises.map((x) =>
            x === e ? { ...x, randomInspectionsThisYear: x.randomInspectionsThisYear + 1 } : x,
          ),
        };
        expect(inputDigest(changed)).not.toBe(rec.inputDigest);
        expect(verifyDraw(rec, changed).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('ignores roster order (canonical inputs)', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        const reversed = {
          ...inputs,
          enterprises: [...inputs.enterprises].reverse(),
          inspectors: [...inputs.inspectors].reverse(),
        };
        expect(inputDigest(reversed)).toBe(inputDigest(inputs));
      }),
      { numRuns: 50 },
    );
  });

  it('never draws an enterprise at the Art. 15 cap unless exempt', () => {
    fc.assert(
      fc.property(arbInputs, seedArb, (inputs, label) => {
        const rec = tryDraw(inputs, label);
        if (!rec) return;
        for (const a of rec.outputs.assignments) {
          const e = inputs.enterprises.find((x) => x.id === a.enterpriseId);
          if (e && e.randomInspectionsThisYear >= 4) expect(capExemption(e)).not.toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });
});
