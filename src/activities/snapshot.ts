// Freeze the roster for a draw: the inputs the engine sees, read from the
// database in one go — inside the draw lock's transaction, so this year's
// Art. 15 counts include every draw recorded and every round frozen before it.
import type { Db } from '../db/client.ts';
import type { DrawRule } from '../draw/rule.ts';
import type { FrozenInputs } from '../draw/types.ts';
import type { Tx } from './audit.ts';

const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Random inspections of each enterprise in `year` (Art. 15; Art. 8 ones never
 * count): the distinct (draw, enterprise) pairs among random inspections,
 * draws recorded, and rounds frozen but not yet drawn — other than `drawId`.
 */
export async function art15Counts(tx: Db | Tx, year: number, drawId: string): Promise<Map<number, number>> {
  const [inspections, selections] = await Promise.all([
    tx.inspection.findMany({
      where: {
        origin: 'RANDOM',
        windowStart: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) },
      },
      select: { id: true, enterpriseId: true, drawRecordId: true },
    }),
    tx.drawSelection.findMany({ where: { year, NOT: { drawId } } }),
  ]);
  const pairs = new Set<string>();
  for (const i of inspections) pairs.add(`${i.drawRecordId ?? `#${i.id}`}\n${i.enterpriseId}`);
  for (const s of selections) pairs.add(`${s.drawId}\n${s.enterpriseId}`);
  const counts = new Map<number, number>();
  for (const p of pairs) {
    const id = Number(p.split('\n')[1]);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** The ssj-draw/3 snapshot of everything a draw may read, with the given Art. 15 counts. */
export async function frozenInputs(
  tx: Db | Tx,
  drawId: string,
  drawDate: string,
  rule: DrawRule,
  counts: Map<number, number>,
): Promise<FrozenInputs> {
  const [enterprises, inspectors, experts, versions, recusals] = await Promise.all([
    tx.enterprise.findMany({ orderBy: { id: 'asc' } }),
    tx.inspector.findMany({ orderBy: { id: 'asc' } }),
    tx.expert.findMany({ orderBy: { id: 'asc' } }),
    tx.itemVersion.findMany({ include: { item: true }, orderBy: { id: 'asc' } }),
    tx.recusal.findMany({ include: { inspection: true } }),
  ]);
  // An inspector who recused from an enterprise is never drawn for it again: the pair, without its reason.
  const pairs = new Map<string, { inspectorId: number; enterpriseId: number }>();
  for (const r of recusals)
    pairs.set(`${r.inspectorId}:${r.inspection.enterpriseId}`, {
      inspectorId: r.inspectorId,
      enterpriseId: r.inspection.enterpriseId,
    });
  return {
    version: 'ssj-draw/3',
    drawId,
    drawDate,
    rule,
    annualCap: 4,
    enterprises: enterprises.map((e) => ({
      id: e.id,
      creditCode: e.creditCode,
      name: e.name,
      sector: e.sector,
      category: e.category,
      township: e.township,
      operatingState: e.operatingState,
      riskClass: e.riskClass,
      seriousViolation: e.seriousViolation,
      abnormalOperation: e.abnormalOperation,
      penalized: e.penalized,
      randomInspectionsThisYear: counts.get(e.id) ?? 0,
    })),
    inspectors: inspectors.map((i) => ({
      id: i.id,
      name: i.name,
      certificateNo: i.certificateNo,
      certificateFrom: ymd(i.certificateFrom) as string,
      certificateTo: ymd(i.certificateTo) as string,
      certificateStatus: i.certificateStatus,
      specialties: i.specialties as string[],
      townships: i.townships as string[],
      available: i.active && !i.onLeave,
    })),
    experts: experts.map((x) => ({ id: x.id, name: x.name, specialties: x.specialties as string[], active: x.active })),
    items: versions.map((v) => ({
      id: v.id,
      code: v.item.code,
      sector: v.item.sector,
      name: v.name,
      effectiveFrom: ymd(v.effectiveFrom) as string,
      effectiveTo: ymd(v.effectiveTo),
      reviewState: v.reviewState,
    })),
    conflicts: [...pairs.values()].sort((a, b) => a.inspectorId - b.inspectorId || a.enterpriseId - b.enterpriseId),
  };
}

/** The snapshot a round would freeze now (previews and tests; a real freeze reads it under the draw lock). */
export async function buildSnapshot(db: Db, drawId: string, drawDate: string, rule: DrawRule): Promise<FrozenInputs> {
  return frozenInputs(db, drawId, drawDate, rule, await art15Counts(db, Number(drawDate.slice(0, 4)), drawId));
}
