// A year of inspections written row by row on top of the demo district, so
// every figure of the yearly report is known in advance (test/integration/
// reports.test.ts) — also what scripts/doc-pictures.ts renders for docs/.
import { createHash } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { seedDemo } from '../../src/seed/demo.ts';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** One inspection row, with what the report reads. */
async function inspection(
  db: Db,
  year: number,
  n: number,
  o: {
    unitId: number;
    enterpriseId: number;
    origin?: 'RANDOM' | 'COMPLAINT';
    ended?: boolean;
    published?: boolean;
    problems?: number;
    drawRecordId?: string;
    publicationDelayDays?: number | null; // null: still open
  },
) {
  const i = await db.inspection.create({
    data: {
      workflowId: `report-test-${n}`,
      origin: o.origin ?? 'RANDOM',
      unitId: o.unitId,
      enterpriseId: o.enterpriseId,
      drawRecordId: o.drawRecordId ?? null,
      stage: o.published ? 'DONE' : 'INSPECTION',
      windowStart: day(`${year}-03-01`),
      windowEnd: day(`${year}-04-30`),
      endedAt: o.ended ? day(`${year}-03-20`) : null,
    },
  });
  const items = await db.itemVersion.findMany({ take: 3, orderBy: { id: 'asc' } });
  for (const [k, v] of items.entries())
    await db.itemResult.create({
      data: { inspectionId: i.id, itemVersionId: v.id, result: k < (o.problems ?? 0) ? 'PROBLEM' : 'COMPLIANT' },
    });
  if (o.published)
    await db.publication.create({
      data: {
        inspectionId: i.id,
        dueDate: `${year}-03-31`,
        platformEnteredAt: day(`${year}-03-25`),
        creditYongzhouAt: day(`${year}-03-25`),
        content: {},
        publishedBy: '彭敏',
      },
    });
  if (o.publicationDelayDays !== undefined) {
    const due = day(`${year}-03-31`);
    await db.deadlineRecord.create({
      data: {
        inspectionId: i.id,
        kind: 'PUBLICATION',
        dueAt: due,
        metAt: o.publicationDelayDays === null ? null : new Date(due.getTime() + o.publicationDelayDays * 86_400_000),
      },
    });
  }
  return i;
}

/** Seeds the demo district for `year` and the inspections; returns the one whose scheme the tests print. */
export async function seedReportYear(db: Db, year: number): Promise<{ schemeInspectionId: number }> {
  await seedDemo(db, year);
  const fmg = await db.unit.findUniqueOrThrow({ where: { code: 'FMG' } });
  const zfdd = await db.unit.findUniqueOrThrow({ where: { code: 'ZFDD' } });
  const mines = await db.enterprise.findMany({
    where: { sector: 'NON_COAL_MINE', operatingState: 'OPERATING' },
    orderBy: { id: 'asc' },
  });
  const [capped, exempt, other] = mines as [(typeof mines)[0], (typeof mines)[0], (typeof mines)[0]];
  await db.enterprise.update({ where: { id: exempt.id }, data: { penalized: true } });
  const plan = await db.annualPlan.findFirstOrThrow({ where: { unitId: fmg.id }, include: { rounds: true } });
  await db.drawRecord.create({
    data: {
      id: `D${year}-FMG-T1`,
      planRoundId: plan.rounds[0]?.id ?? null,
      kind: 'INITIAL',
      algorithmVersion: 'ssj-draw/1',
      seedCommitment: createHash('sha256').update('s').digest('hex'),
      seed: 's',
      inputDigest: createHash('sha256').update(`inputs of D${year}-FMG-T1`).digest('hex'),
      inputs: {},
      outputs: {},
      createdBy: '法规股',
    },
  });
  let n = 0;
  // FMG: 4 random on `capped`, 5 on `exempt` (penalized), 1 on `other`; ZFDD: 1 complaint.
  const publicationDelays = [0, -1, 2, 4, null];
  for (let k = 0; k < 4; k++)
    await inspection(db, year, ++n, {
      unitId: fmg.id,
      enterpriseId: capped.id,
      ended: true,
      published: k < 3,
      problems: k === 0 ? 2 : 0,
      publicationDelayDays: publicationDelays[k],
    });
  for (let k = 0; k < 5; k++)
    await inspection(db, year, ++n, {
      unitId: fmg.id,
      enterpriseId: exempt.id,
      ended: k < 2,
      drawRecordId: `D${year}-FMG-T1`,
    });
  const last = await inspection(db, year, ++n, {
    unitId: fmg.id,
    enterpriseId: other.id,
    drawRecordId: `D${year}-FMG-T1`,
    publicationDelayDays: null,
  });
  await db.inspectionMember.create({
    data: { inspectionId: last.id, role: 'INSPECTOR', inspectorId: (await db.inspector.findFirstOrThrow()).id },
  });
  const complaint = await inspection(db, year, ++n, {
    unitId: zfdd.id,
    enterpriseId: other.id,
    origin: 'COMPLAINT',
    ended: true,
    problems: 1,
  });
  const first = await db.inspection.findFirstOrThrow({ where: { workflowId: 'report-test-1' } });
  await db.followUp.create({
    data: {
      inspectionId: first.id,
      decision: 'PENALTY',
      reasons: '未按规定设置边坡监测',
      decidedBy: '彭敏',
      decidedAt: day(`${year}-03-22`),
    },
  });
  for (const [k, resolution] of ['SWAP', 'REPLACEMENT'].entries())
    await db.recusal.create({
      data: { inspectionId: first.id, inspectorId: k + 1, reason: '亲属关系', resolution },
    });
  for (const level of ['SUPERVISOR', 'LEADER'] as const)
    await db.escalation.create({
      data: {
        key: `t:${level}`,
        inspectionId: first.id,
        deadline: 'PUBLICATION',
        level,
        recipient: 'x@lstyjj.local',
        dueAt: day(`${year}-03-31`),
      },
    });
  // Another year's inspection never shows.
  await db.inspection.create({
    data: {
      workflowId: 'report-test-old',
      origin: 'RANDOM',
      unitId: fmg.id,
      enterpriseId: capped.id,
      stage: 'DONE',
      windowStart: day(`${year - 1}-05-01`),
    },
  });
  if (!complaint.id) throw new Error('complaint inspection not written');
  return { schemeInspectionId: last.id };
}
