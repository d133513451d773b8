// Records keep the algorithm they were drawn with. A record of ssj-draw/1,
// stored before ssj-draw/2 existed (test/golden/draw-ssj-draw-1.json, made by
// the v1 code), must still verify bit for bit; a new draw uses v2, which
// differs from v1 only in where the items' random numbers come from.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawKey } from '../../src/draw/digest.ts';
import { computeOutputs, runDraw, verifyDraw } from '../../src/draw/draw.ts';
import { type RecusalRequest, verifyRecusal } from '../../src/draw/recusal.ts';
import { ALGORITHM_VERSION, type DrawInputs, type DrawRecordData } from '../../src/draw/types.ts';

interface Golden {
  inputs: DrawInputs;
  record: DrawRecordData;
  recusal: { request: RecusalRequest; record: DrawRecordData };
}
const golden = (): Golden => JSON.parse(readFileSync('test/golden/draw-ssj-draw-1.json', 'utf8'));

describe('algorithm versions', () => {
  it('a stored ssj-draw/1 record and its recusal still verify', () => {
    const g = golden();
    expect(g.record.algorithmVersion).toBe('ssj-draw/1');
    expect(verifyDraw(g.record, g.inputs)).toEqual({ ok: true, problems: [] });
    expect(verifyRecusal(g.recusal.record, g.record, g.inputs, g.recusal.request)).toEqual({ ok: true, problems: [] });
  });

  it('an edited v1 record, or one relabelled v2, fails', () => {
    const g = golden();
    const edited = structuredClone(g.record);
    (edited.outputs.assignments[0] as { itemIds: number[] }).itemIds.reverse();
    expect(verifyDraw(edited, g.inputs).ok).toBe(false);
    expect(verifyDraw({ ...g.record, algorithmVersion: 'ssj-draw/2' }, g.inputs).problems).toEqual([
      'recomputed outputs differ from the record',
    ]);
    expect(verifyDraw({ ...g.record, algorithmVersion: 'ssj-draw/9' }, g.inputs).problems).toEqual([
      'algorithm ssj-draw/9 is not one this build can recompute',
    ]);
  });

  it('new draws are v2: the same enterprises and teams as v1, items from the one stream', () => {
    const g = golden();
    const again = runDraw(g.inputs, { seed: g.record.seed, commitment: g.record.seedCommitment });
    expect(again.algorithmVersion).toBe(ALGORITHM_VERSION);
    expect(ALGORITHM_VERSION).toBe('ssj-draw/2');
    const strip = (r: DrawRecordData) => r.outputs.assignments.map(({ itemIds: _, ...rest }) => rest);
    expect(strip(again)).toEqual(strip(g.record));
    expect(again.outputs.assignments.map((a) => a.itemIds)).not.toEqual(
      g.record.outputs.assignments.map((a) => a.itemIds),
    );
    expect(verifyDraw(again, g.inputs).ok).toBe(true);
    const key = drawKey(g.record.seed, g.record.witness, g.record.inputDigest);
    expect(computeOutputs(g.inputs, key, undefined, 'ssj-draw/1')).toEqual(g.record.outputs);
  });
});
