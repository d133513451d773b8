// The data layer on both databases: migrations apply offline and
// idempotently, the demo seed is complete and not duplicated, the audit
// chain is idempotent by key and verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActivities } from '../../src/activities/audit.ts';
import { drawActivities } from '../../src/activities/draw.ts';
import { createActivities } from '../../src/activities/index.ts';
import { inspectionActivities } from '../../src/activities/inspection.ts';
import { firstBrokenLink } from '../../src/audit/chain.ts';
import { migrate } from '../../src/db/client.ts';
import { isValidCreditCode } from '../../src/domain/creditCode.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { DATABASES, type TestDb } from '../support/db.ts';
import { testDeps } from '../support/deps.ts';
import { activityEntropy, freezeAndDraw } from '../support/drawSession.ts';
import { benchInput } from '../support/drive.ts';
import { demoRound } from '../support/inspection.ts';

/** Make every insert into the audit log fail, as a full disk or a lost connection would mid-transaction. */
const REFUSE_AUDIT: Record<string, string[]> = {
  sqlite: [`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditLog" BEGIN SELECT RAISE(ABORT, 'audit refused'); END`],
  postgresql: [
    `CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION refuse_audit()`,
  ],
};
const ALLOW_AUDIT: Record<string, string[]> = {
  sqlite: ['DROP TRIGGER refuse_audit'],
  postgresql: ['DROP TRIGGER refuse_audit ON "AuditLog"', 'DROP FUNCTION refuse_audit()'],
};

describe.each(DATABASES)('data layer on %s', (name, fresh) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await fresh();
  });
  afterAll(async () => t?.drop());

  it('records migrations as prisma migrate deploy does, and re-applies none', async () => {
    const again = await migrate(t.url);
    expect(again.applied).toEqual([]);
    const rows = await t.db.$queryRawUnsafe<{ migration_name: string; finished_at: unknown }[]>(
      'SELECT migration_name, finished_at FROM _prisma_migrations',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it('seeds a complete demo district once', async () => {
    const first = await seedDemo(t.db);
    expect(first).toMatchObject({ seeded: true, units: 4, enterprises: 120, inspectors: 30, items: 40, plans: 4 });
    const second = await seedDemo(t.db);
    expect(second.seeded).toBe(false);
    expect(second.enterprises).toBe(120);
    const enterprises = await t.db.enterprise.findMany();
    expect(enterprises.every((e) => isValidCreditCode(e.creditCode))).toBe(true);
    const sectors = new Set(enterprises.map((e) => e.sector));
    expect(sectors.size).toBe(4);
    const mineSpecialists = (await t.db.inspector.findMany()).filter((i) =>
      (i.specialties as string[]).includes('NON_COAL_MINE'),
    );
    expect(mineSpecialists.length).toBeGreaterThanOrEqual(3);
    const rounds = await t.db.planRound.findMany({ where: { plan: { year: 2027 } } });
    expect(rounds).toHaveLength(16);
  });

  it('appends to the audit chain once per key, and detects an edit', async () => {
    const { appendAudit } = auditActivities({
      ...testDeps(t.db, undefined as never),
      now: () => new Date('2026-11-26T01:02:03.456Z'),
    });
    const a = await appendAudit({ key: 'k1', actor: 'test', action: 'x', subjectType: 't', subjectId: '1' });
    const again = await appendAudit({ key: 'k1', actor: 'test', action: 'x', subjectType: 't', subjectId: '1' });
    expect(again).toEqual(a);
    await Promise.all(
      [2, 3, 4, 5].map((n) =>
        appendAudit({
          key: `k${n}`,
          actor: 'test',
          action: 'y',
          subjectType: 't',
          subjectId: String(n),
          details: { n },
        }),
      ),
    );
    // Two retries of one change at once (PostgreSQL really races them): one entry, both told the same.
    const twins = await Promise.all(
      [1, 2].map(() => appendAudit({ key: 'k6', actor: 't', action: 'z', subjectType: 't', subjectId: '6' })),
    );
    expect(twins[1]).toEqual(twins[0]);
    const rows = await t.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(6);
    expect(firstBrokenLink(rows)).toBeNull();
    await t.db.auditLog.update({ where: { id: rows[2]?.id }, data: { actor: 'mallory' } });
    const tampered = await t.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(firstBrokenLink(tampered)).toEqual({ id: rows[2]?.id, reason: 'content altered' });
  });

  it('writes a step and its audit entry in one transaction: both or neither, once', async () => {
    await seedDemo(t.db);
    const acts = inspectionActivities(testDeps(t.db, undefined as never));
    const id = await acts.openInspection(await benchInput(t.db, 'tx', 1));
    const step = {
      inspectionId: id,
      stepKey: 'scheme',
      stage: 'SCHEME',
      nextStage: 'INSPECTION',
      actor: 'staff',
    } as const;
    const state = async () => ({
      steps: await t.db.inspectionStep.count({ where: { inspectionId: id } }),
      audit: await t.db.auditLog.count({ where: { key: `step:${id}:scheme` } }),
      stage: (await t.db.inspection.findUniqueOrThrow({ where: { id } })).stage,
    });
    for (const sql of REFUSE_AUDIT[name] ?? []) await t.db.$executeRawUnsafe(sql);
    await expect(acts.recordStep(step)).rejects.toThrow(/audit refused|auditLog\.create/);
    expect(await state()).toEqual({ steps: 0, audit: 0, stage: 'RECUSAL' });
    for (const sql of ALLOW_AUDIT[name] ?? []) await t.db.$executeRawUnsafe(sql);
    await acts.recordStep(step);
    await acts.recordStep(step); // a retry
    expect(await state()).toEqual({ steps: 1, audit: 1, stage: 'INSPECTION' });
  });

  it('stores a frozen snapshot and its reservations only with its audit entry, and a retry keeps the first', async () => {
    await seedDemo(t.db);
    const acts = drawActivities(testDeps(t.db, undefined as never));
    const { rule, drawDate } = await demoRound(t.db, 'DT-C', 'WHG', 'HAZARDOUS_CHEMICALS');
    const e = activityEntropy('DT-C', 'c');
    const freeze = () =>
      acts.freezeRound({ drawId: 'DT-C', session: 1, year: 2026, drawDate, rule, ...e, actor: '法规股' });
    const filed = async () => ({
      frozen: await t.db.drawFreeze.count({ where: { drawId: 'DT-C' } }),
      reserved: (await t.db.drawSelection.count({ where: { drawId: 'DT-C', kind: 'RESERVED' } })) > 0,
      audit: await t.db.auditLog.count({ where: { key: 'draw.freeze:DT-C:1' } }),
    });
    for (const sql of REFUSE_AUDIT[name] ?? []) await t.db.$executeRawUnsafe(sql);
    await expect(freeze()).rejects.toThrow(/audit refused|auditLog\.create/);
    expect(await filed()).toEqual({ frozen: 0, reserved: false, audit: 0 });
    for (const sql of ALLOW_AUDIT[name] ?? []) await t.db.$executeRawUnsafe(sql);
    const first = await freeze();
    // Edited roster after the freeze: the retry returns the frozen snapshot, not a new one.
    await t.db.enterprise.updateMany({ data: { township: '梅湾街道' } });
    expect(await freeze()).toEqual(first);
    expect(await filed()).toEqual({ frozen: 1, reserved: true, audit: 1 });
  });

  it('files a recusal with the team change it makes: both or neither, once', async () => {
    await seedDemo(t.db);
    const deps = testDeps(t.db, undefined as never);
    const input = await benchInput(t.db, 'recusal', 2);
    const inspectionId = await inspectionActivities(deps).openInspection(input);
    const [leaving] = input.team;
    const outsider = await t.db.inspector.findFirstOrThrow({
      where: { id: { notIn: input.team.map((x) => x.id) }, unitId: input.unitId },
    });
    const recuse = () =>
      drawActivities(deps).recuse({
        inspectionId,
        drawId: null,
        enterpriseId: input.enterprise.id,
        request: {
          inspectorId: leaving?.id as number,
          reason: '近亲属',
          mode: 'REPLACEMENT',
          withId: outsider.id,
          actor: 'x',
        },
      });
    const filed = async () => ({
      recusals: await t.db.recusal.count({ where: { inspectionId } }),
      active: (await t.db.inspectionMember.findMany({ where: { inspectionId, active: true } })).map(
        (x) => x.inspectorId,
      ),
      audit: await t.db.auditLog.count({ where: { key: `recusal:${inspectionId}:${leaving?.id}` } }),
    });
    const before = await filed();
    for (const sql of REFUSE_AUDIT[name] ?? []) await t.db.$executeRawUnsafe(sql);
    await expect(recuse()).rejects.toThrow(/audit refused|auditLog\.create/);
    expect(await filed()).toEqual(before);
    for (const sql of ALLOW_AUDIT[name] ?? []) await t.db.$executeRawUnsafe(sql);
    const outcome = await recuse();
    expect((await recuse()).team).toEqual(outcome.team); // a retry
    const after = await filed();
    expect({ recusals: after.recusals, audit: after.audit }).toEqual({ recusals: 1, audit: 1 });
    expect(after.active).toContain(outsider.id);
    expect(after.active).not.toContain(leaving?.id);
  });

  it('files a draw record and its audit entry in one transaction: a retry never finds an unfiled draw', async () => {
    await seedDemo(t.db);
    const acts = drawActivities(testDeps(t.db, undefined as never));
    const { rule, drawDate } = await demoRound(t.db, 'DT-1', 'WHG', 'HAZARDOUS_CHEMICALS');
    const { draw: run } = await freezeAndDraw(acts, { drawId: 'DT-1', drawDate, rule });
    const filed = async () => ({
      records: await t.db.drawRecord.count({ where: { id: 'DT-1' } }),
      audit: await t.db.auditLog.count({ where: { key: 'draw:DT-1' } }),
    });
    for (const sql of REFUSE_AUDIT[name] ?? []) await t.db.$executeRawUnsafe(sql);
    await expect(run()).rejects.toThrow(/audit refused|auditLog\.create/);
    expect(await filed()).toEqual({ records: 0, audit: 0 });
    for (const sql of ALLOW_AUDIT[name] ?? []) await t.db.$executeRawUnsafe(sql);
    const first = await run();
    expect(first.ok && (await run())).toEqual(first); // a retry returns the same draw
    expect(await filed()).toEqual({ records: 1, audit: 1 });
    // The reservations became the selections, in the same transaction.
    const kinds = await t.db.drawSelection.groupBy({ by: ['kind'], where: { drawId: 'DT-1' }, _count: true });
    expect(kinds.map((k) => [k.kind, k._count])).toEqual([['DRAWN', 2]]);
  });

  it('bad data an older build let into a step fails its activity for good, instead of wedging the inspection', async () => {
    await seedDemo(t.db);
    const deps = testDeps(t.db, undefined as never);
    const input = await benchInput(t.db, 'bad-notes', 3);
    const id = await inspectionActivities(deps).openInspection(input);
    const results = (notes: unknown) => ({
      endedOn: '2026-11-27',
      results: input.itemIds.map((itemId) => ({ itemId, result: 'COMPLIANT' as const, notes: notes as string })),
      problems: '',
      enterpriseOpinion: '',
      actor: 's',
    });
    // The database refuses it; bare, that error is retried by Temporal for ever, and the inspection waits behind it.
    await expect(inspectionActivities(deps).saveResults(id, results(123))).rejects.toMatchObject({
      name: 'PrismaClientValidationError',
    });
    // As the worker runs it: a non-retryable failure — the step is refused, the inspection goes on.
    await expect(createActivities(deps).saveResults(id, results(123))).rejects.toMatchObject({
      nonRetryable: true,
      type: 'DataRejected',
    });
    await createActivities(deps).saveResults(id, results('整改到位'));
    expect((await t.db.itemResult.findMany({ where: { inspectionId: id } })).map((r) => r.notes)).toEqual(
      input.itemIds.map(() => '整改到位'),
    );
  });
});
