// Verify a stored draw and every recusal record that superseded it, from
// the database alone — what anyone with the published records can do.
import type { Db } from '../db/client.ts';
import { verifyDraw } from '../draw/draw.ts';
import { type RecusalRequest, verifyRecusal } from '../draw/recusal.ts';
import type { DrawInputs, DrawRecordData } from '../draw/types.ts';

export interface DrawRow {
  id: string;
  algorithmVersion: string;
  kind: string;
  supersedesId: string | null;
  seedCommitment: string;
  seed: string;
  inputDigest: string;
  inputs: unknown;
  outputs: unknown;
}

/** A stored row as the engine's record. An initial draw keeps its witness string beside its snapshot. */
export function recordFromRow(row: DrawRow): DrawRecordData {
  return {
    algorithmVersion: row.algorithmVersion,
    drawId: row.id,
    kind: row.kind as DrawRecordData['kind'],
    supersedes: row.supersedesId,
    seedCommitment: row.seedCommitment,
    seed: row.seed,
    witness: (row.inputs as { witness?: string }).witness ?? '',
    inputDigest: row.inputDigest,
    outputs: row.outputs as DrawRecordData['outputs'],
  };
}

/** The frozen roster an initial draw was made from (its stored inputs without the witness). */
export function snapshotFromRow(row: DrawRow): DrawInputs {
  const { witness: _witness, ...inputs } = row.inputs as DrawInputs & { witness?: string };
  return inputs;
}

export interface ChainVerification {
  drawId: string;
  kind: string;
  ok: boolean;
  problems: string[];
}

export async function verifyStoredDraw(db: Db, rootId: string): Promise<ChainVerification[]> {
  const root = await db.drawRecord.findUnique({ where: { id: rootId } });
  if (!root) throw new Error(`drawId: no draw ${rootId}; list draws with \`ssj draw list\``);
  const inputs = snapshotFromRow(root);
  const results: ChainVerification[] = [];
  const first = verifyDraw(recordFromRow(root), inputs);
  results.push({ drawId: root.id, kind: root.kind, ...first });
  const commitment = await db.auditLog.findFirst({ where: { action: 'draw.commit', subjectId: rootId } });
  const drawn = await db.auditLog.findFirst({ where: { action: 'draw.record', subjectId: rootId } });
  if (!commitment || !drawn || commitment.id > drawn.id)
    results.push({
      drawId: rootId,
      kind: 'COMMITMENT',
      ok: false,
      problems: ['the seed commitment was not published before the draw'],
    });
  else if ((commitment.details as { commitment?: string }).commitment !== root.seedCommitment)
    results.push({
      drawId: rootId,
      kind: 'COMMITMENT',
      ok: false,
      problems: ['published commitment differs from the record'],
    });
  else results.push({ drawId: rootId, kind: 'COMMITMENT', ok: true, problems: [] });

  let base = root;
  for (;;) {
    const next = await db.drawRecord.findFirst({ where: { supersedesId: base.id } });
    if (!next) break;
    const req = (next.inputs as unknown as { request: RecusalRequest }).request;
    const v = verifyRecusal(recordFromRow(next), recordFromRow(base), inputs, req);
    results.push({ drawId: next.id, kind: next.kind, ...v });
    base = next;
  }
  return results;
}
