// Roster imports in bounded time and memory (issue 17): rows stored in one
// statement read back exactly as Prisma would have stored them, on SQLite and
// PostgreSQL; importing a file again changes nothing; problems are counted
// with only the first hundred listed; a zip bomb, too many rows, too many
// columns or an overlong cell are refused by name, nothing stored.
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/domain/creditCode.ts';
import { importRoster, RosterImportError } from '../../src/rosters/import.ts';
import { ENTERPRISES, INSPECTORS } from '../../src/rosters/layouts.ts';
import { MAX_LISTED_ERRORS, MAX_ROWS } from '../../src/rosters/limits.ts';
import { TableError } from '../../src/rosters/table.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { DATABASES, type TestDb } from '../support/db.ts';
import { zipBomb } from '../support/zipBomb.ts';

const csv = (rows: string[][]) => Buffer.from(stringify(rows), 'utf8');
const enterprise = (k: number, name = `批量企业${k}`) => [
  makeCreditCode('431103', String(20_000_000 + k).slice(-8)),
  name,
  k % 2 ? '烟花爆竹' : '非煤矿山',
  k % 3 ? '' : '零售',
  '梅湾街道',
  `冷水滩区某路${k}号`,
  k % 5 ? '正常' : '停产停业',
  'ABCD'[k % 4] as string,
  k % 7 ? '否' : '是',
  '否',
  k % 11 ? '否' : '是',
  k % 2 ? '' : `联系人${k}`,
  k % 2 ? '' : '13800000000',
];

describe.each(DATABASES)('roster rows in one statement on %s', (_name, fresh) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await fresh();
    await seedDemo(t.db);
  }, 60_000);
  afterAll(async () => t?.drop());

  const audits = () =>
    t.db.auditLog.findMany({ where: { action: { startsWith: 'roster.import' } }, orderBy: { id: 'asc' } });

  it('stores every field as Prisma would, changes nothing on a second import, and only what changed on a third', async () => {
    const rows = Array.from({ length: 1_200 }, (_, k) => enterprise(k)); // more than one lookup batch
    expect((await importRoster(t.db, 'enterprises', 'e.csv', csv([ENTERPRISES.headers, ...rows]), '法规股')).rows).toBe(
      1_200,
    );
    const stored = await t.db.enterprise.findMany({
      where: { creditCode: { in: rows.slice(0, 12).map((r) => r[0] as string) } },
      orderBy: { creditCode: 'asc' },
    });
    const first = stored.find((e) => e.creditCode === rows[0]?.[0]);
    expect(first).toMatchObject({
      name: '批量企业0',
      sector: 'NON_COAL_MINE',
      category: '零售',
      operatingState: 'SUSPENDED',
      riskClass: 'A',
      seriousViolation: true,
      abnormalOperation: false,
      penalized: true,
      contactName: '联系人0',
      contactPhone: '13800000000',
    });
    expect(first?.createdAt).toBeInstanceOf(Date);
    // Filters on the stored values work as on rows Prisma wrote (booleans, enums, text dates).
    expect(await t.db.enterprise.count({ where: { seriousViolation: true, name: { startsWith: '批量企业' } } })).toBe(
      rows.filter((r) => r[8] === '是').length,
    );
    expect(
      await t.db.enterprise.count({
        where: { createdAt: { gte: new Date(Date.now() - 60_000) }, name: { startsWith: '批量企业' } },
      }),
    ).toBe(1_200);

    await importRoster(t.db, 'enterprises', 'e.csv', csv([ENTERPRISES.headers, ...rows]), '法规股');
    const changed = rows.map((r, k) => (k === 5 ? enterprise(5, '改名企业5') : r));
    await importRoster(t.db, 'enterprises', 'e.csv', csv([ENTERPRISES.headers, ...changed]), '法规股');
    const details = (await audits()).slice(-3).map((a) => a.details as { created: number; updated: number });
    expect(details.map((d) => [d.created, d.updated])).toEqual([
      [1_200, 0],
      [0, 0],
      [0, 1],
    ]);
    expect((await t.db.enterprise.findUniqueOrThrow({ where: { creditCode: rows[5]?.[0] as string } })).name).toBe(
      '改名企业5',
    );
  }, 60_000);

  it('stores inspectors’ dates and lists so that date filters and the draw read them', async () => {
    const unit = await t.db.unit.findFirstOrThrow({ where: { code: 'FMG' } });
    const row = [
      '赵批量',
      'BULK-0001',
      '2024-03-01',
      '2029-02-28',
      '有效',
      unit.name,
      '烟花爆竹、非煤矿山',
      '梅湾街道、珊瑚街道',
      '',
      '',
    ];
    await importRoster(t.db, 'inspectors', 'i.csv', csv([INSPECTORS.headers, row]), '法规股');
    const i = await t.db.inspector.findUniqueOrThrow({ where: { certificateNo: 'BULK-0001' } });
    expect([i.certificateFrom.toISOString(), i.certificateTo.toISOString(), i.unitId]).toEqual([
      '2024-03-01T00:00:00.000Z',
      '2029-02-28T00:00:00.000Z',
      unit.id,
    ]);
    expect([i.specialties, i.townships, i.onLeave, i.active]).toEqual([
      ['FIREWORKS', 'NON_COAL_MINE'],
      ['梅湾街道', '珊瑚街道'],
      false,
      true,
    ]);
    const valid = await t.db.inspector.findMany({
      where: { certificateFrom: { lte: new Date('2026-11-30') }, certificateTo: { gte: new Date('2026-11-30') } },
    });
    expect(valid.map((x) => x.certificateNo)).toContain('BULK-0001');
  });
});

describe('roster files past the limits', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await DATABASES[0][1]();
    await seedDemo(t.db);
  }, 60_000);
  afterAll(async () => t?.drop());

  const refusal = (kind: 'enterprises' | 'inspectors', name: string, bytes: Buffer) =>
    importRoster(t.db, kind, name, bytes, '法规股').then(
      () => null,
      (e: unknown) => e as Error,
    );

  it('counts every bad row but lists the first hundred', async () => {
    const before = await t.db.enterprise.count();
    const bad = Array.from({ length: 1_000 }, (_, k) => {
      const r = enterprise(50_000 + k);
      r[2] = '煤矿';
      return r;
    });
    const e = await refusal('enterprises', 'bad.csv', csv([ENTERPRISES.headers, ...bad]));
    expect(e).toBeInstanceOf(RosterImportError);
    const r = e as RosterImportError;
    expect([r.errors.length, r.total]).toEqual([MAX_LISTED_ERRORS, 1_000]);
    expect(r.errors[0]).toMatchObject({ row: 2, column: '行业领域' });
    expect(r.message).toMatch(/…以及另外 900 处问题（共 1000 处）$/);
    expect(await t.db.enterprise.count()).toBe(before);
  });

  it('refuses a zip bomb by name before reading it as a workbook', async () => {
    const started = Date.now();
    const e = await refusal('enterprises', '名录.xlsx', await zipBomb(200 * 1024 * 1024));
    expect(e).toBeInstanceOf(TableError);
    expect(e?.message).toMatch(/^文件 名录\.xlsx 解压后超过 160 MiB，不像是名录表格/);
    expect(Date.now() - started).toBeLessThan(20_000); // generous: the bench measures it (bench/import.ts)
  }, 60_000);

  it('refuses more rows than the limit, a row too wide and a cell too long, naming the row', async () => {
    const empty = Array.from({ length: MAX_ROWS + 1 }, () => ['', 'x']);
    const many = await refusal('enterprises', 'many.csv', csv([ENTERPRISES.headers, ...empty]));
    expect(many?.message).toBe(`文件 many.csv 超过 ${MAX_ROWS} 行：请分批导入`);
    const wide = await refusal(
      'enterprises',
      'wide.csv',
      csv([ENTERPRISES.headers, [...enterprise(1), ...Array(80).fill('x')]]),
    );
    expect(wide?.message).toBe('文件 wide.csv 第 2 行超过 64 列：请只保留名录的各列');
    const long = enterprise(2);
    long[5] = '路'.repeat(3_000);
    const cell = await refusal('enterprises', 'long.csv', csv([ENTERPRISES.headers, long]));
    expect(cell?.message).toBe('文件 long.csv 第 2 行有单元格超过 2000 个字：请检查是否粘贴了多余内容');
  }, 60_000);
});
