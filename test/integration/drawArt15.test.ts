// Art. 15 (at most 4 random inspections of an enterprise a year) holds when
// rounds are drawn one after another and when five are frozen at once: a
// draw's selections count from the moment its record is written, and a round
// frozen but not yet drawn holds its candidates (docs/draw.md, section 8).
// On SQLite and PostgreSQL, through the activities the workflow calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawActivities } from '../../src/activities/draw.ts';
import type { DrawRule } from '../../src/draw/rule.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { DATABASES, type TestDb } from '../support/db.ts';
import { testDeps } from '../support/deps.ts';
import { freezeAndDraw } from '../support/drawSession.ts';

const RULE: DrawRule = {
  sectors: ['FIREWORKS'],
  enterprises: { ratio: 1 }, // every eligible enterprise: whether one is drawn is decided by the cap alone
  teamSize: 1,
  quotas: [],
  itemsPerInspection: 0,
  crossTownship: false,
};
const DRAW_DATE = '2027-04-01';

describe.each(DATABASES)('Art. 15 under concurrency on %s', (_name, fresh) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await fresh();
    await seedDemo(t.db);
  });
  afterAll(async () => t?.drop());

  /** An operating fireworks enterprise, not exempt, already inspected at random three times this year. */
  async function atThree(tag: string, year: number) {
    const e = await t.db.enterprise.findFirstOrThrow({
      where: {
        sector: 'FIREWORKS',
        operatingState: 'OPERATING',
        seriousViolation: false,
        abnormalOperation: false,
        penalized: false,
      },
      orderBy: { id: tag === 'seq' ? 'asc' : 'desc' },
    });
    await t.db.drawSelection.createMany({
      data: [1, 2, 3].map((k) => ({ drawId: `OLD-${tag}-${k}`, enterpriseId: e.id, year, kind: 'DRAWN' })),
    });
    return e.id;
  }

  const drawnIn = (enterpriseId: number, year: number) =>
    t.db.drawSelection.count({ where: { enterpriseId, year, kind: 'DRAWN' } });

  it('rounds drawn one after another: exactly one more', async () => {
    const acts = drawActivities(testDeps(t.db, undefined as never));
    const id = await atThree('seq', 2027);
    for (const drawId of ['A15-S1', 'A15-S2', 'A15-S3']) {
      const { draw } = await freezeAndDraw(acts, { drawId, drawDate: DRAW_DATE, rule: RULE });
      expect((await draw()).ok).toBe(true);
    }
    expect(await drawnIn(id, 2027)).toBe(4);
    const [first, second] = await Promise.all(
      ['A15-S1', 'A15-S2'].map((drawId) => t.db.drawRecord.findUniqueOrThrow({ where: { id: drawId } })),
    );
    const picked = (outputs: unknown) =>
      (outputs as { assignments: { enterpriseId: number }[] }).assignments.some((a) => a.enterpriseId === id);
    expect([picked(first?.outputs), picked(second?.outputs)]).toEqual([true, false]);
  });

  it('five rounds frozen at once: exactly one more, and the others say why', async () => {
    const acts = drawActivities(testDeps(t.db, undefined as never));
    // Another year: the first test's draws do not count here.
    const id = await atThree('par', 2028);
    const rounds = ['A15-P1', 'A15-P2', 'A15-P3', 'A15-P4', 'A15-P5'];
    const frozen = await Promise.all(
      rounds.map((drawId) => freezeAndDraw(acts, { drawId, drawDate: '2028-04-01', rule: RULE })),
    );
    // Exactly one freeze holds it; the others counted that hold as a fourth inspection.
    const holders = await t.db.drawSelection.findMany({ where: { enterpriseId: id, kind: 'RESERVED' } });
    expect(holders).toHaveLength(1);
    const results = await Promise.all(frozen.map((f) => f.draw()));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await drawnIn(id, 2028)).toBe(4);
    const snapshots = await t.db.drawFreeze.findMany({ where: { drawId: { in: rounds } } });
    const counted = snapshots.map(
      (f) =>
        (f.inputs as { enterprises: { id: number; randomInspectionsThisYear: number }[] }).enterprises.find(
          (e) => e.id === id,
        )?.randomInspectionsThisYear,
    );
    expect(counted.filter((n) => n === 3)).toHaveLength(1);
    expect(counted.filter((n) => n === 4)).toHaveLength(4);
    expect(await t.db.drawSelection.count({ where: { kind: 'RESERVED', drawId: { in: rounds } } })).toBe(0);
  });
});
