// The inspection scheme's data, read from the inspection, its plan round and
// its draw (the scheme text itself is stored when the unit submits it).
import type { Db } from '../db/client.ts';
import type { SchemeData } from '../documents/scheme.ts';
import { ORIGIN_NAMES, SECTOR_NAMES } from '../domain/sectors.ts';

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? '';

export async function loadSchemeData(db: Db, inspectionId: number): Promise<SchemeData> {
  const i = await db.inspection.findUniqueOrThrow({
    where: { id: inspectionId },
    include: {
      unit: true,
      enterprise: true,
      drawRecord: { include: { planRound: { include: { plan: true } } } },
      members: { where: { active: true }, include: { inspector: true, expert: true } },
      results: { include: { itemVersion: { include: { item: true } } }, orderBy: { id: 'asc' } },
    },
  });
  const round = i.drawRecord?.planRound ?? null;
  return {
    reference: `FA-${String(i.id).padStart(5, '0')}`,
    unitName: i.unit.name,
    plan: round ? { title: round.plan.title, year: round.plan.year, roundNo: round.roundNo } : null,
    origin: ORIGIN_NAMES[i.origin],
    draw: i.drawRecord ? { id: i.drawRecord.id, digest: i.drawRecord.inputDigest } : null,
    enterprise: {
      name: i.enterprise.name,
      creditCode: i.enterprise.creditCode,
      address: i.enterprise.address,
      sector: SECTOR_NAMES[i.enterprise.sector],
    },
    inspectors: i.members.flatMap((m) =>
      m.inspector ? [{ name: m.inspector.name, certificateNo: m.inspector.certificateNo }] : [],
    ),
    experts: i.members.flatMap((m) => (m.expert ? [{ name: m.expert.name, employer: m.expert.employer }] : [])),
    items: i.results.map((r) => ({
      code: r.itemVersion.item.code,
      name: r.itemVersion.name,
      content: r.itemVersion.content,
      legalBasis: r.itemVersion.legalBasis,
    })),
    window: { start: day(i.windowStart), end: day(i.windowEnd) },
    submitted: i.scheme,
  };
}
