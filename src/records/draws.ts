// Verify a stored draw and every recusal record that superseded it, from
// the database alone — what anyone with the published records can do.
import type { Db } from '../db/client.ts';
import { verifyDraw } from '../draw/draw.ts';
import { type RecusalRequest, verifyRecusal } from '../draw/recusal.ts';
import type { DrawInputs, DrawRecordData } from '../draw/types.ts';

type Row = Awaited<ReturnType<Db['drawRecord']['findUniqueOrThrow']>>;

function asRecord(row: Row, witness: string): DrawRecordData {
  return {
    algorithmVersion: row.algorithmVersion,
    drawId: row.id,
    kind: row.kind as DrawRecordData['kind'],
    supersedes: row.supersedesId,
    seedCommitment: row.seedCommitment,
    seed: row.seed,
    witness,
    inputDigest: row.inputDigest,
    outputs: row.outputs as unknown as DrawRecordData['outputs'],
  };
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
  const { witness = '', ...inputs } = root.inputs as unknown as DrawInputs & { witness?: string };
  const results: ChainVerification[] = [];
  const first = verifyDraw(asRecord(root, witness), inputs);
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
  let baseWitness = witness;
  for (;;) {
    const next = await db.drawRecord.findFirst({ where: { supersedesId: base.id } });
    if (!next) break;
    const req = (next.inputs as unknown as { request: RecusalRequest }).request;
    const v = verifyRecusal(asRecord(next, ''), asRecord(base, baseWitness), inputs, req);
    results.push({ drawId: next.id, kind: next.kind, ...v });
    base = next;
    baseWitness = '';
  }
  return results;
}
