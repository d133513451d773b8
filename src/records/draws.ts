// A stored draw as its public record (docs/draw.md, section 10), and its
// verification from the database alone — what anyone with the published
// record can do, and what `ssj draw verify` and the draw pages show.
import type { Db } from '../db/client.ts';
import {
  type AnyRecord,
  type DrawExport,
  EXPORT_FORMAT,
  type RecordCheck,
  type SeedRecord,
  verifyExport,
} from '../draw/export.ts';
import { SESSION_ACTIONS, type TimelineEvent } from '../draw/timeline.ts';
import type { DrawInputs, DrawRecordV3, Entropy, FrozenInputs, RecusalRecordV3 } from '../draw/types.ts';

export interface DrawRow {
  id: string;
  algorithmVersion: string;
  kind: string;
  supersedesId: string | null;
  seedCommitment: string | null;
  seed: string | null;
  entropy: unknown;
  inputDigest: string;
  inputs: unknown;
  outputs: unknown;
}

const isV3Row = (row: DrawRow) => row.algorithmVersion === 'ssj-draw/3';

/** A stored row as the engine's record. */
export function recordFromRow(row: DrawRow): AnyRecord {
  const outputs = row.outputs as AnyRecord['outputs'];
  if (isV3Row(row)) {
    if (row.kind === 'INITIAL')
      return {
        algorithmVersion: 'ssj-draw/3',
        drawId: row.id,
        kind: 'INITIAL',
        supersedes: null,
        inputDigest: row.inputDigest,
        entropy: row.entropy as Entropy,
        outputs,
      } satisfies DrawRecordV3;
    const { root, request } = row.inputs as Pick<RecusalRecordV3, 'root' | 'request'>;
    return {
      algorithmVersion: 'ssj-draw/3',
      drawId: row.id,
      kind: 'RECUSAL',
      supersedes: row.supersedesId as string,
      root,
      request,
      inputDigest: row.inputDigest,
      outputs,
    } satisfies RecusalRecordV3;
  }
  // ssj-draw/1 and /2: an initial draw kept its witness string beside its snapshot; a recusal, its request.
  const inputs = row.inputs as { witness?: string; request?: SeedRecord['request'] };
  const record: SeedRecord = {
    algorithmVersion: row.algorithmVersion,
    drawId: row.id,
    kind: row.kind as SeedRecord['kind'],
    supersedes: row.supersedesId,
    seedCommitment: row.seedCommitment ?? '',
    seed: row.seed ?? '',
    witness: inputs.witness ?? '',
    inputDigest: row.inputDigest,
    outputs,
  };
  if (row.kind === 'RECUSAL') record.request = inputs.request;
  return record;
}

/** The snapshot an initial draw was made from. */
export function inputsOfRoot(row: DrawRow): DrawInputs | FrozenInputs {
  if (isV3Row(row)) return row.inputs as FrozenInputs;
  const { witness: _witness, ...inputs } = row.inputs as DrawInputs & { witness?: string };
  return inputs;
}

/** The draw and every record that superseded it, in chain order. */
export async function chainRows(db: Db, rootId: string) {
  const root = await db.drawRecord.findUnique({ where: { id: rootId } });
  if (!root) return null;
  const rows = [root];
  for (;;) {
    const next = await db.drawRecord.findFirst({ where: { supersedesId: (rows.at(-1) as DrawRow).id } });
    if (!next) return rows;
    rows.push(next);
  }
}

/** The round's session entries from the audit log, oldest first (no recusal reasons: those are not public). */
export async function timelineOf(db: Db, drawId: string): Promise<TimelineEvent[]> {
  const entries = await db.auditLog.findMany({
    where: { subjectType: 'draw', subjectId: drawId, action: { in: [...SESSION_ACTIONS] } },
    orderBy: { id: 'asc' },
  });
  return entries.map((e) => ({
    at: e.at.toISOString(),
    action: e.action,
    actor: e.actor,
    details: e.details as Record<string, unknown>,
  }));
}

/** The complete public record of a draw, or null when it has not been drawn. */
export async function exportDraw(db: Db, rootId: string): Promise<DrawExport | null> {
  const rows = await chainRows(db, rootId);
  if (!rows) return null;
  const root = rows[0] as DrawRow;
  const out: DrawExport = {
    format: EXPORT_FORMAT,
    drawId: rootId,
    inputs: inputsOfRoot(root),
    records: rows.map(recordFromRow),
  };
  if (isV3Row(root)) out.timeline = await timelineOf(db, rootId);
  return out;
}

/**
 * Recompute every record of a draw's chain from the database, and check the
 * order its randomness was published in: for ssj-draw/3 the session's
 * timeline (in the export); for /1 and /2, that the seed's commitment was filed before the draw.
 */
export async function verifyStoredDraw(db: Db, rootId: string): Promise<RecordCheck[]> {
  const x = await exportDraw(db, rootId);
  if (!x) throw new Error(`drawId: 没有抽取记录 ${rootId}；用 ssj draw list 查看本局的抽取`);
  const checks = verifyExport(x);
  const root = x.records[0] as AnyRecord;
  if (root.algorithmVersion !== 'ssj-draw/3') checks.push(await seedCommitmentCheck(db, root as SeedRecord));
  return checks;
}

async function seedCommitmentCheck(db: Db, root: SeedRecord): Promise<RecordCheck> {
  const commitment = await db.auditLog.findFirst({ where: { action: 'draw.commit', subjectId: root.drawId } });
  const drawn = await db.auditLog.findFirst({ where: { action: 'draw.record', subjectId: root.drawId } });
  const problems =
    !commitment || !drawn || commitment.id > drawn.id
      ? ['随机种子的承诺值未在抽取前公布']
      : (commitment.details as { commitment?: string }).commitment !== root.seedCommitment
        ? ['公布的承诺值与抽取记录中的不同']
        : [];
  return { drawId: root.drawId, kind: 'COMMITMENT', ok: !problems.length, problems };
}
