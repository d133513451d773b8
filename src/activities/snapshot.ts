// Freeze the roster for a draw: the DrawInputs the engine sees, read from
// the database in one go.
import type { Db } from '../db/client.ts';
import type { DrawRule } from '../draw/rule.ts';
import type { DrawInputs } from '../draw/types.ts';

const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function buildSnapshot(db: Db, drawId: string, drawDate: string, rule: DrawRule): Promise<DrawInputs> {
  const year = Number(drawDate.slice(0, 4));
  const [enterprises, counts, inspectors, experts, versions, recusals] = await Promise.all([
    db.enterprise.findMany({ orderBy: { id: 'asc' } }),
    // Art. 15 counts random inspections only; Art. 8 ones never count.
    db.inspection.groupBy({
      by: ['enterpriseId'],
      where: {
        origin: 'RANDOM',
        windowStart: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) },
      },
      _count: { _all: true },
    }),
    db.inspector.findMany({ orderBy: { id: 'asc' } }),
    db.expert.findMany({ orderBy: { id: 'asc' } }),
    db.itemVersion.findMany({ include: { item: true }, orderBy: { id: 'asc' } }),
    db.recusal.findMany({ include: { inspection: true } }),
  ]);
  const countOf = new Map(counts.map((c) => [c.enterpriseId, c._count._all]));
  return {
    drawId,
    drawDate,
    rule,
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
      randomInspectionsThisYear: countOf.get(e.id) ?? 0,
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
      onLeave: i.onLeave,
      active: i.active,
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
    // An inspector who recused from an enterprise is never drawn for it again.
    conflicts: recusals.map((r) => ({
      inspectorId: r.inspectorId,
      enterpriseId: r.inspection.enterpriseId,
      reason: r.reason,
    })),
  };
}
