// The draw's rules, example by example: Art. 13 quotas, Art. 15 cap and its
// exemptions, infeasible rules, certificates, seed protocol, recusal.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSeed, sha256Hex } from '../../src/draw/digest.ts';
import { runDraw, verifyDraw } from '../../src/draw/draw.ts';
import { InfeasibleDrawError } from '../../src/draw/errors.ts';
import { DrawRandom, sample, sampleByCopy } from '../../src/draw/random.ts';
import { resolveRecusal, verifyRecusal } from '../../src/draw/recusal.ts';
import { baseRule, enterprise, inputs, inspector, reveal } from '../support/drawFixtures.ts';

const mines = () =>
  inputs({
    rule: baseRule({
      sectors: ['NON_COAL_MINE'],
      enterprises: { count: 3 },
      quotas: [{ specialty: 'NON_COAL_MINE', min: 1 }],
    }),
    enterprises: [
      ...Array.from({ length: 6 }, (_, i) => enterprise(i + 1, { sector: 'NON_COAL_MINE' })),
      ...Array.from({ length: 6 }, (_, i) => enterprise(i + 7, { sector: 'FIREWORKS' })),
    ],
    inspectors: [
      inspector(1, { name: '张三', specialties: ['NON_COAL_MINE'] }),
      inspector(2, { name: '李四', specialties: ['NON_COAL_MINE'] }),
      inspector(3, { name: '王五', specialties: ['NON_COAL_MINE', 'GENERAL'] }),
      ...Array.from({ length: 5 }, (_, i) => inspector(i + 4)),
    ],
  });

describe('the draw', () => {
  it('Art. 13: 非煤矿山 teams of 2 with at least one non-coal-mine specialist, mines only', () => {
    const inp = mines();
    const rec = runDraw(inp, reveal('a13'));
    expect(rec.outputs.assignments).toHaveLength(3);
    for (const a of rec.outputs.assignments) {
      expect(a.enterpriseId).toBeLessThanOrEqual(6);
      expect(a.inspectorIds).toHaveLength(2);
      expect(a.inspectorIds.some((id) => id <= 3)).toBe(true);
      expect(a.itemIds.every((id) => id >= 1 && id <= 6)).toBe(true); // NON_COAL_MINE items are 1..6
    }
  });

  it('names the shortage when specialists run out, and draws nothing', () => {
    const inp = mines();
    inp.conflicts = inp.enterprises.slice(0, 6).flatMap((e) => [
      { inspectorId: 1, enterpriseId: e.id, reason: '亲属关系' },
      { inspectorId: 2, enterpriseId: e.id, reason: '曾任职' },
    ]);
    inp.inspectors = inp.inspectors.map((i) => (i.id === 3 ? { ...i, certificateStatus: 'SUSPENDED' } : i));
    expect(() => runDraw(inp, reveal('short'))).toThrow(InfeasibleDrawError);
    expect(() => runDraw(inp, reveal('short'))).toThrow(
      /检查组需要 1 名非煤矿山专业执法人员，可派 0 名（张三 与该企业有利害关系（回避）；李四 与该企业有利害关系（回避）/,
    );
  });

  it('Art. 15: skips enterprises at the cap, except 严重违法失信 / 经营异常 / penalized', () => {
    const inp = inputs({
      rule: baseRule({ enterprises: { ratio: 1 }, teamSize: 1 }),
      enterprises: [
        enterprise(1, { randomInspectionsThisYear: 4 }),
        enterprise(2, { randomInspectionsThisYear: 4, seriousViolation: true }),
        enterprise(3, { randomInspectionsThisYear: 5, abnormalOperation: true }),
        enterprise(4, { randomInspectionsThisYear: 4, penalized: true }),
        enterprise(5, { randomInspectionsThisYear: 3 }),
      ],
    });
    const rec = runDraw(inp, reveal('cap'));
    expect(rec.outputs.assignments.map((a) => a.enterpriseId).sort()).toEqual([2, 3, 4, 5]);
    expect(rec.outputs.excludedEnterprises).toEqual([
      { ids: [1], reason: 'Art. 15 cap: 4 random inspections this year' },
    ]);
  });

  it('draws each risk class at its own ratio (Art. 10 frequency)', () => {
    const inp = inputs({
      rule: baseRule({ enterprises: { ratio: 0 }, riskRatios: { A: 0.1, D: 0.5 }, teamSize: 1, itemsPerInspection: 0 }),
      enterprises: [
        ...Array.from({ length: 20 }, (_, i) => enterprise(i + 1, { riskClass: 'A' })),
        ...Array.from({ length: 10 }, (_, i) => enterprise(i + 21, { riskClass: 'D' })),
        ...Array.from({ length: 10 }, (_, i) => enterprise(i + 31, { riskClass: 'B' })),
      ],
    });
    const rec = runDraw(inp, reveal('risk'));
    expect(rec.outputs.strata).toEqual([
      { stratum: 'A', eligible: 20, drawn: 2 },
      { stratum: 'D', eligible: 10, drawn: 5 },
    ]);
  });

  it('never draws an inspector whose certificate has expired on the draw date, is suspended, or on leave', () => {
    const inp = inputs({
      rule: baseRule({ enterprises: { ratio: 1 }, teamSize: 1 }),
      inspectors: [
        inspector(1, { certificateTo: '2027-03-09' }),
        inspector(2, { certificateStatus: 'REVOKED' }),
        inspector(3, { onLeave: true }),
        inspector(4),
      ],
    });
    const rec = runDraw(inp, reveal('cert'));
    expect(new Set(rec.outputs.assignments.flatMap((a) => a.inspectorIds))).toEqual(new Set([4]));
    expect(rec.outputs.excludedInspectors.map((x) => x.reason)).toEqual([
      'certificate expired 2027-03-09',
      'certificate revoked',
      'on leave',
    ]);
  });

  it('交叉检查: no inspector inspects a township he is responsible for', () => {
    const inp = inputs({
      rule: baseRule({ enterprises: { ratio: 1 }, teamSize: 1, crossTownship: true }),
      enterprises: [enterprise(1, { township: '伊塘镇' }), enterprise(2, { township: '蔡市镇' })],
      inspectors: [inspector(1, { townships: ['伊塘镇'] }), inspector(2, { townships: ['蔡市镇'] })],
    });
    const rec = runDraw(inp, reveal('cross'));
    expect(rec.outputs.assignments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ enterpriseId: 1, inspectorIds: [2] }),
        expect.objectContaining({ enterpriseId: 2, inspectorIds: [1] }),
      ]),
    );
  });

  it('refuses a seed that does not match its commitment', () => {
    const { seed } = newSeed();
    expect(() => runDraw(inputs(), { seed, commitment: sha256Hex('other') })).toThrow(
      /随机种子与抽取前公布的承诺值不符/,
    );
  });

  it('a witness contribution changes the result and is needed to verify', () => {
    const inp = inputs({ rule: baseRule({ enterprises: { count: 4 } }) });
    const a = runDraw(inp, reveal('w'));
    const b = runDraw(inp, { ...reveal('w'), witness: '8 3 5' });
    expect(verifyDraw(b, inp).ok).toBe(true);
    expect(verifyDraw({ ...b, witness: '' }, inp).ok).toBe(false);
    expect(a.outputs).not.toEqual(b.outputs);
  });

  it('detects a record whose outputs were edited', () => {
    const inp = inputs();
    const rec = runDraw(inp, reveal('edit'));
    const edited = structuredClone(rec);
    (edited.outputs.assignments[0] as { inspectorIds: number[] }).inspectorIds = [99, 98];
    expect(verifyDraw(edited, inp)).toEqual({
      ok: false,
      problems: ['重新计算的抽取结果与记录不一致：记录的结果不是由公布的名录和随机数抽出的'],
    });
  });
});

describe('the generator', () => {
  it('is SHA-256 in counter mode, as documented', () => {
    const r = new DrawRandom('k', 's');
    // block 0 = SHA-256("k\0s\0" ‖ 00000000)
    const block = createHash('sha256').update(Buffer.from('k\0s\0\0\0\0\0', 'binary')).digest();
    expect(r.nextUint32()).toBe(block.readUInt32BE(0));
    expect(r.nextUint32()).toBe(block.readUInt32BE(4));
  });

  it('samples sparsely exactly as a textbook partial Fisher–Yates on a copy', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 60 }), fc.nat(), fc.string(), (xs, kk, key) => {
        const k = xs.length ? kk % (xs.length + 1) : 0;
        expect(sample(xs, k, new DrawRandom(key, 's'))).toEqual(sampleByCopy(xs, k, new DrawRandom(key, 's')));
      }),
    );
  });

  it('samples without replacement and rejects impossible requests', () => {
    const s = sample([1, 2, 3, 4, 5], 5, new DrawRandom('k', 's'));
    expect([...s].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => sample([1], 2, new DrawRandom('k', 's'))).toThrow(RangeError);
  });
});

describe('recusal (Art. 14)', () => {
  const setup = () => {
    const inp = mines();
    const rec = runDraw(inp, reveal('base'));
    const target = rec.outputs.assignments[0] as (typeof rec.outputs.assignments)[0];
    return { inp, rec, target };
  };

  it('draws a replacement that keeps the quota, supersedes, and verifies', () => {
    const { inp, rec, target } = setup();
    const recused = target.inspectorIds.find((id) => id <= 3) as number;
    const req = {
      enterpriseId: target.enterpriseId,
      inspectorId: recused,
      reason: '配偶在该企业任职',
      mode: 'REPLACEMENT' as const,
    };
    const next = resolveRecusal(rec, inp, req, 'D-test/r1', reveal('r1'));
    const team = next.outputs.assignments.find((a) => a.enterpriseId === target.enterpriseId);
    expect(team?.inspectorIds).not.toContain(recused);
    expect(team?.inspectorIds).toHaveLength(2);
    expect(team?.inspectorIds.some((id) => id <= 3)).toBe(true);
    expect(next).toMatchObject({ kind: 'RECUSAL', supersedes: 'D-test' });
    expect(next.outputs.recused).toEqual([
      { inspectorId: recused, enterpriseId: target.enterpriseId, reason: '配偶在该企业任职' },
    ]);
    // every other team is untouched
    expect(next.outputs.assignments.filter((a) => a !== team)).toEqual(
      rec.outputs.assignments.filter((a) => a.enterpriseId !== target.enterpriseId),
    );
    expect(verifyRecusal(next, rec, inp, req).ok).toBe(true);
    expect(verifyRecusal(next, rec, inp, { ...req, reason: '其他' }).ok).toBe(false);
  });

  it('swaps enterprises with another inspector, keeping both teams valid', () => {
    const { inp, rec, target } = setup();
    const recused = target.inspectorIds[0] as number;
    const req = { enterpriseId: target.enterpriseId, inspectorId: recused, reason: '近亲属', mode: 'SWAP' as const };
    const next = resolveRecusal(rec, inp, req, 'D-test/r1', reveal('s1'));
    const mine = next.outputs.assignments.find((a) => a.enterpriseId === target.enterpriseId);
    expect(mine?.inspectorIds).not.toContain(recused);
    const moved = next.outputs.assignments.filter((a) => a.inspectorIds.includes(recused));
    expect(moved.length).toBeGreaterThanOrEqual(1);
    for (const a of next.outputs.assignments) expect(a.inspectorIds.some((id) => id <= 3)).toBe(true);
    expect(verifyRecusal(next, rec, inp, req).ok).toBe(true);
  });

  it('hands the place to an expert with the needed specialty', () => {
    const { inp, rec } = setup();
    // A team whose only 非煤矿山 specialist recuses: the expert must bring the specialty.
    const target = rec.outputs.assignments.find((a) => a.inspectorIds.filter((id) => id <= 3).length === 1);
    if (!target) throw new Error('fixture: expected a team with exactly one specialist');
    const specialist = target.inspectorIds.filter((id) => id <= 3);
    const req = {
      enterpriseId: target.enterpriseId,
      inspectorId: specialist[0] as number,
      reason: '利害关系',
      mode: 'EXPERT' as const,
    };
    const next = resolveRecusal(rec, inp, req, 'D-test/r1', reveal('e1'));
    const mine = next.outputs.assignments.find((a) => a.enterpriseId === target.enterpriseId);
    expect(mine?.expertIds).toEqual([1]); // the only NON_COAL_MINE expert
    expect(mine?.inspectorIds).toHaveLength(1);
  });

  it('chains recusals: each supersedes the last, verifies, and none undoes an earlier one', () => {
    const { inp, rec, target } = setup();
    const firstOut = target.inspectorIds[0] as number;
    const req1 = {
      enterpriseId: target.enterpriseId,
      inspectorId: firstOut,
      reason: '亲属',
      mode: 'REPLACEMENT' as const,
    };
    const r1 = resolveRecusal(rec, inp, req1, 'D-test/r1', reveal('c1'));
    const team1 = r1.outputs.assignments.find((a) => a.enterpriseId === target.enterpriseId);
    const secondOut = team1?.inspectorIds.find((id) => id !== target.inspectorIds[1]) as number;
    const req2 = {
      enterpriseId: target.enterpriseId,
      inspectorId: secondOut,
      reason: '同学',
      mode: 'REPLACEMENT' as const,
    };
    const r2 = resolveRecusal(r1, inp, req2, 'D-test/r2', reveal('c2'));
    expect(r2.supersedes).toBe('D-test/r1');
    const team2 = r2.outputs.assignments.find((a) => a.enterpriseId === target.enterpriseId);
    expect(team2?.inspectorIds).not.toContain(firstOut);
    expect(team2?.inspectorIds).not.toContain(secondOut);
    expect(r2.outputs.recused).toHaveLength(2);
    expect(verifyRecusal(r2, r1, inp, req2).ok).toBe(true);
  });

  it('rejects a recusal for someone not on the team', () => {
    const { inp, rec, target } = setup();
    const outsider = inp.inspectors.find((i) => !target.inspectorIds.includes(i.id))?.id as number;
    expect(() =>
      resolveRecusal(
        rec,
        inp,
        { enterpriseId: target.enterpriseId, inspectorId: outsider, reason: 'x', mode: 'REPLACEMENT' },
        'r',
        reveal('x'),
      ),
    ).toThrow(/^\S+ 不在 企业\d+ 的检查组中$/);
  });
});
