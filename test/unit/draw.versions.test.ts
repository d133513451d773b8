// Records keep the algorithm they were drawn with and verify bit for bit,
// whatever came after: test/golden/draw-export-v1.json was made by the
// ssj-draw/1 code before /2 existed, draw-export-v2.json by the /2 code before
// /3 existed (each with its recusals), draw-export-v3.json by the /3 code.
// The independent verifier (verifier/) checks the same files in CI.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawKey } from '../../src/draw/digest.ts';
import { computeOutputs, runDraw, verifyDraw } from '../../src/draw/draw.ts';
import { canonicalBeacon } from '../../src/draw/entropy.ts';
import { type DrawExport, verifyExport } from '../../src/draw/export.ts';
import {
  ALGORITHM_VERSION,
  type DrawInputs,
  type DrawRecordData,
  type DrawRecordV3,
  type FrozenInputs,
  SEED_VERSION,
} from '../../src/draw/types.ts';
import { drawV3, verifyDrawV3 } from '../../src/draw/v3.ts';

const golden = (v: 1 | 2 | 3): DrawExport => JSON.parse(readFileSync(`test/golden/draw-export-v${v}.json`, 'utf8'));

describe('algorithm versions', () => {
  it.each([1, 2, 3] as const)('the ssj-draw/%i golden record and its recusals verify', (v) => {
    const g = golden(v);
    expect(g.records[0]?.algorithmVersion).toBe(`ssj-draw/${v}`);
    expect(g.records.length).toBeGreaterThan(1);
    const checks = verifyExport(g);
    // ssj-draw/3 also checks its session's timeline.
    const ids = [...g.records.map((r) => r.drawId), ...(v === 3 ? [g.drawId] : [])];
    expect(checks.map((c) => c.problems)).toEqual(ids.map(() => []));
    expect(checks.map((c) => c.drawId)).toEqual(ids);
  });

  it.each([1, 2, 3] as const)('an edited ssj-draw/%i output or recusal is caught', (v) => {
    const g = golden(v);
    const edited = structuredClone(g);
    (edited.records[0] as DrawExport['records'][0]).outputs.assignments[0]?.itemIds.reverse();
    expect(verifyExport(edited)[0]?.problems).toEqual([
      '重新计算的抽取结果与记录不一致：记录的结果不是由公布的名录和随机数抽出的',
    ]);
    const lastEdited = structuredClone(g);
    const last = lastEdited.records.at(-1)?.outputs.assignments[0] as { inspectorIds: number[] };
    last.inspectorIds.reverse();
    const lastId = lastEdited.records.at(-1)?.drawId;
    expect(verifyExport(lastEdited).find((c) => c.drawId === lastId && c.kind === 'RECUSAL')).toMatchObject({
      ok: false,
      problems: ['重新计算的回避后的结果与记录不一致：记录的结果不是由前一条记录和回避申请算出的'],
    });
  });

  it('a v1 record relabelled v2, or an unknown version, fails', () => {
    const g = golden(1);
    const record = g.records[0] as DrawRecordData;
    const inputs = g.inputs as DrawInputs;
    expect(verifyDraw({ ...record, algorithmVersion: 'ssj-draw/2' }, inputs).problems).toEqual([
      '重新计算的抽取结果与记录不一致：记录的结果不是由公布的名录和随机数抽出的',
    ]);
    expect(verifyDraw({ ...record, algorithmVersion: 'ssj-draw/9' }, inputs).problems).toEqual([
      '算法版本 ssj-draw/9 本程序无法重算',
    ]);
  });

  it('the seed protocol still draws v2: v1’s enterprises and teams, items from the one stream', () => {
    const g = golden(1);
    const record = g.records[0] as DrawRecordData;
    const inputs = g.inputs as DrawInputs;
    const again = runDraw(inputs, { seed: record.seed, commitment: record.seedCommitment });
    expect(again.algorithmVersion).toBe(SEED_VERSION);
    const strip = (r: DrawRecordData) => r.outputs.assignments.map(({ itemIds: _, ...rest }) => rest);
    expect(strip(again)).toEqual(strip(record));
    expect(again.outputs.assignments.map((a) => a.itemIds)).not.toEqual(
      record.outputs.assignments.map((a) => a.itemIds),
    );
    const key = drawKey(record.seed, record.witness, record.inputDigest);
    expect(computeOutputs(inputs, key, undefined, 'ssj-draw/1')).toEqual(record.outputs);
  });

  it('new draws are ssj-draw/3, recomputed bit for bit from the golden entropy', () => {
    expect(ALGORITHM_VERSION).toBe('ssj-draw/3');
    const g = golden(3);
    const root = g.records[0] as DrawRecordV3;
    const again = drawV3(g.inputs as FrozenInputs, root.entropy);
    expect(again).toEqual(root);
    // Withheld: recorded as null, never replaced; the draw still verifies.
    expect(root.entropy.participants.map((p) => p.secret === null)).toEqual([false, true, false]);
    // The beacon's spelling cannot change the draw; its numbers can.
    const beacon = (value: string) => ({
      ...root.entropy,
      beacon: { ...root.entropy.beacon, value, canonical: canonicalBeacon(value, root.entropy.beacon) as string },
    });
    const respelled = beacon('31,28,22,17,11,3 + 09');
    expect(respelled.beacon.canonical).toBe(root.entropy.beacon.canonical);
    expect(drawV3(g.inputs as FrozenInputs, respelled).outputs).toEqual(root.outputs);
    expect(drawV3(g.inputs as FrozenInputs, beacon('4 11 17 22 28 31 9')).outputs).not.toEqual(root.outputs);
    // A changed snapshot changes the digest.
    const edited = structuredClone(g.inputs as FrozenInputs);
    (edited.enterprises[0] as { name: string }).name += '  ';
    expect(verifyDrawV3(root, edited).problems[0]).toMatch(/^名录校验值 [0-9a-f]{64} 与记录的 [0-9a-f]{64} 不一致/);
  });
});
