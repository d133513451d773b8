// Generators of rosters and rules for draw tests (fast-check arbitraries and
// plain builders).
import fc from 'fast-check';
import { sha256Hex } from '../../src/draw/digest.ts';
import type { DrawRule } from '../../src/draw/rule.ts';
import type { DrawInputs, EnterpriseSnapshot, InspectorSnapshot, ItemSnapshot } from '../../src/draw/types.ts';

export const SECTORS = ['NON_COAL_MINE', 'HAZARDOUS_CHEMICALS', 'FIREWORKS', 'GENERAL'] as const;
export const TOWNS = ['梅湾街道', '凤凰街道', '伊塘镇', '蔡市镇', '普利桥镇'];

export function reveal(label: string) {
  const seed = sha256Hex(`seed:${label}`);
  return { seed, commitment: sha256Hex(seed) };
}

export function enterprise(id: number, over: Partial<EnterpriseSnapshot> = {}): EnterpriseSnapshot {
  return {
    id,
    creditCode: `C${id}`,
    name: `企业${id}`,
    sector: 'GENERAL',
    category: null,
    township: TOWNS[id % TOWNS.length] as string,
    operatingState: 'OPERATING',
    riskClass: 'B',
    seriousViolation: false,
    abnormalOperation: false,
    penalized: false,
    randomInspectionsThisYear: 0,
    ...over,
  };
}

export function inspector(id: number, over: Partial<InspectorSnapshot> = {}): InspectorSnapshot {
  return {
    id,
    name: `检查员${id}`,
    certificateNo: `湘${id}`,
    certificateFrom: '2024-01-01',
    certificateTo: '2029-12-31',
    certificateStatus: 'VALID',
    specialties: ['GENERAL'],
    townships: [],
    onLeave: false,
    active: true,
    ...over,
  };
}

export function items(perSector = 6): ItemSnapshot[] {
  return SECTORS.flatMap((sector, s) =>
    Array.from({ length: perSector }, (_, k) => ({
      id: s * 100 + k + 1,
      code: `${sector}-${k}`,
      sector,
      name: `事项${k}`,
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      reviewState: 'PUBLISHED',
    })),
  );
}

export function baseRule(over: Partial<DrawRule> = {}): DrawRule {
  return {
    sectors: 'ALL',
    enterprises: { count: 3 },
    teamSize: 2,
    quotas: [],
    itemsPerInspection: 2,
    crossTownship: false,
    ...over,
  };
}

export function inputs(over: Partial<DrawInputs> = {}): DrawInputs {
  return {
    drawId: 'D-test',
    drawDate: '2027-03-10',
    rule: baseRule(),
    enterprises: Array.from({ length: 10 }, (_, i) => enterprise(i + 1)),
    inspectors: Array.from({ length: 8 }, (_, i) => inspector(i + 1)),
    experts: [
      { id: 1, name: '专家1', specialties: ['NON_COAL_MINE'], active: true },
      { id: 2, name: '专家2', specialties: ['GENERAL'], active: true },
    ],
    items: items(),
    conflicts: [],
    ...over,
  };
}

const arbEnterprise = (id: number) =>
  fc
    .record({
      sector: fc.constantFrom(...SECTORS),
      township: fc.constantFrom(...TOWNS),
      operatingState: fc.constantFrom('OPERATING', 'OPERATING', 'OPERATING', 'SUSPENDED', 'CLOSED'),
      riskClass: fc.constantFrom('A', 'B', 'C', 'D'),
      seriousViolation: fc.constantFrom(false, false, false, true),
      abnormalOperation: fc.constantFrom(false, false, false, true),
      penalized: fc.constantFrom(false, false, false, true),
      randomInspectionsThisYear: fc.integer({ min: 0, max: 6 }),
    })
    .map((o) => enterprise(id, o));

const arbInspector = (id: number) =>
  fc
    .record({
      specialties: fc.subarray([...SECTORS], { minLength: 1 }),
      townships: fc.subarray(TOWNS, { maxLength: 2 }),
      certificateTo: fc.constantFrom('2026-12-31', '2029-12-31', '2029-12-31', '2029-12-31'),
      certificateStatus: fc.constantFrom('VALID', 'VALID', 'VALID', 'SUSPENDED'),
      onLeave: fc.constantFrom(false, false, false, true),
    })
    .map((o) => inspector(id, o));

const arbRule: fc.Arbitrary<DrawRule> = fc.record({
  sectors: fc.oneof(fc.constant('ALL' as const), fc.subarray([...SECTORS], { minLength: 1 })),
  enterprises: fc.oneof(
    fc.integer({ min: 1, max: 8 }).map((count) => ({ count })),
    fc.double({ min: 0.05, max: 1, noNaN: true }).map((ratio) => ({ ratio })),
  ),
  riskRatios: fc.option(
    fc.record({ A: fc.double({ min: 0.1, max: 0.5, noNaN: true }), D: fc.double({ min: 0.2, max: 1, noNaN: true }) }),
    { nil: undefined },
  ),
  teamSize: fc.integer({ min: 1, max: 3 }),
  quotas: fc.subarray([...SECTORS], { maxLength: 1 }).map((s) => s.map((specialty) => ({ specialty, min: 1 }))),
  itemsPerInspection: fc.integer({ min: 0, max: 3 }),
  crossTownship: fc.boolean(),
});

export const arbInputs: fc.Arbitrary<DrawInputs> = fc
  .record({
    nE: fc.integer({ min: 5, max: 40 }),
    nI: fc.integer({ min: 3, max: 16 }),
    rule: arbRule,
    conflictPairs: fc.array(fc.tuple(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 40 })), {
      maxLength: 10,
    }),
  })
  .chain(({ nE, nI, rule, conflictPairs }) =>
    fc
      .record({
        enterprises: fc.tuple(...Array.from({ length: nE }, (_, i) => arbEnterprise(i + 1))),
        inspectors: fc.tuple(...Array.from({ length: nI }, (_, i) => arbInspector(i + 1))),
      })
      .map(({ enterprises, inspectors }) =>
        inputs({
          rule,
          enterprises,
          inspectors,
          conflicts: conflictPairs.map(([i, e]) => ({ inspectorId: i, enterpriseId: e, reason: '亲属关系' })),
        }),
      ),
  );
