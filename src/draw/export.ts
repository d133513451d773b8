// A draw's complete public record as one JSON document ("ssj-draw-export/1"):
// the frozen inputs and every record of its chain, initial first, each
// recusal after the record it supersedes. It is what /public/draws/<id>.json
// and `ssj draw export` give out, what the golden files in test/golden hold,
// and all that the independent verifier (verifier/ssj_verify.py) reads.
import { verifyDraw } from './draw.ts';
import { type RecusalRequest, verifyRecusal, verifyRecusalV3 } from './recusal.ts';
import { type TimelineEvent, timelineProblems } from './timeline.ts';
import type { DrawInputs, DrawRecordData, DrawRecordV3, FrozenInputs, RecusalRecordV3 } from './types.ts';
import { verifyDrawV3 } from './v3.ts';

export const EXPORT_FORMAT = 'ssj-draw-export/1';

/** A seed-protocol record; a recusal carries the request it was resolved from. */
export type SeedRecord = DrawRecordData & { request?: RecusalRequest };
export type AnyRecord = SeedRecord | DrawRecordV3 | RecusalRecordV3;

export interface DrawExport {
  format: typeof EXPORT_FORMAT;
  drawId: string;
  /** ssj-draw/3: the frozen snapshot; ssj-draw/1 and /2: the snapshot the seed was drawn on. */
  inputs: DrawInputs | FrozenInputs;
  records: AnyRecord[];
  /** ssj-draw/3 from the bureau's system: the session's audit entries, oldest first. */
  timeline?: TimelineEvent[];
}

export interface RecordCheck {
  drawId: string;
  kind: string;
  ok: boolean;
  problems: string[];
}

const isV3 = (r: AnyRecord): r is DrawRecordV3 | RecusalRecordV3 => r.algorithmVersion === 'ssj-draw/3';

/** Check every record of an export against its inputs and the record it supersedes. */
export function verifyExport(x: DrawExport): RecordCheck[] {
  const [root, ...rest] = x.records;
  if (x.format !== EXPORT_FORMAT) return [fail(x.drawId, 'EXPORT', `文件格式为 ${x.format}，应为 ${EXPORT_FORMAT}`)];
  if (root?.kind !== 'INITIAL' || root.drawId !== x.drawId)
    return [fail(x.drawId, 'EXPORT', `第一条记录须为 ${x.drawId} 的抽取结果`)];
  const checks: RecordCheck[] = [];
  checks.push({
    drawId: root.drawId,
    kind: root.kind,
    ...(isV3(root)
      ? verifyDrawV3(root as DrawRecordV3, x.inputs as FrozenInputs)
      : verifyDraw(root as SeedRecord, x.inputs as DrawInputs)),
  });
  let base: AnyRecord = root;
  for (const r of rest) {
    if (r.kind !== 'RECUSAL') checks.push(fail(r.drawId, r.kind, '抽取结果之后只能是回避后的结果'));
    else if (isV3(root) !== isV3(r)) checks.push(fail(r.drawId, r.kind, '回避须沿用所属抽取的算法版本'));
    else if (isV3(r))
      checks.push({
        drawId: r.drawId,
        kind: r.kind,
        ...verifyRecusalV3(r as RecusalRecordV3, root as DrawRecordV3, base as DrawRecordV3, x.inputs as FrozenInputs),
      });
    else {
      const s = r as SeedRecord;
      const v = s.request
        ? verifyRecusal(s, base as SeedRecord, x.inputs as DrawInputs, s.request)
        : { ok: false, problems: ['缺少回避申请（request），无法重算'] };
      checks.push({ drawId: r.drawId, kind: r.kind, ...v });
    }
    base = r;
  }
  if (isV3(root)) {
    // The session is part of the record: an ssj-draw/3 export without its timeline does not verify.
    const problems = x.timeline
      ? timelineProblems(x.timeline, root as DrawRecordV3)
      : ['抽取会记录：缺失（ssj-draw/3 的公开记录须附抽取会各步骤）'];
    if ((x.inputs as FrozenInputs).version !== 'ssj-draw/3')
      problems.push(`名录快照的版本为 ${(x.inputs as FrozenInputs).version}，应为 ssj-draw/3`);
    if (root.supersedes !== null)
      problems.push(`抽取结果不接替任何记录，却记为接替 ${String((root as { supersedes: unknown }).supersedes)}`);
    checks.push({ drawId: root.drawId, kind: 'TIMELINE', ok: !problems.length, problems });
  }
  return checks;
}

function fail(drawId: string, kind: string, problem: string): RecordCheck {
  return { drawId, kind, ok: false, problems: [problem] };
}
