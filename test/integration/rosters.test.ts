// Roster import and export: every bad row reported (row, column, fix) and
// nothing stored; good files in .xlsx, UTF-8 and GBK CSV; exports that
// re-import unchanged and never carry a live formula.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/domain/creditCode.ts';
import { clearedExemptionsWarning, importSummary } from '../../src/rosters/changes.ts';
import { exportRoster } from '../../src/rosters/export.ts';
import { importRoster, RosterImportError } from '../../src/rosters/import.ts';
import { ENTERPRISES, INSPECTORS } from '../../src/rosters/layouts.ts';
import { readTable } from '../../src/rosters/table.ts';
import { rosterHistory } from '../../src/web/rosterHistory.ts';
import { useStack } from '../support/stack.ts';

const csv = (rows: string[][]) => Buffer.from(stringify(rows), 'utf8');
const good = (n: number) => [
  makeCreditCode('431103', `MA4LT${String(n).padStart(3, '0')}`),
  `测试企业${n}`,
  '烟花爆竹',
  '零售',
  '梅湾街道',
  `冷水滩区梅湾路${n}号`,
  '正常',
  'C',
  '否',
  '否',
  '否',
  '张三',
  '13800000000',
];

describe('roster import and export', () => {
  const stack = useStack({ worker: false });

  async function rejected(file: string, bytes: Buffer, kind: 'enterprises' | 'inspectors' = 'enterprises') {
    const before = await stack.t.db.enterprise.count();
    const e = await importRoster(stack.t.db, kind, file, bytes, 'test').then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(RosterImportError);
    expect(await stack.t.db.enterprise.count()).toBe(before);
    return (e as RosterImportError).errors.map((x) => `${x.row} ${x.column}: ${x.message}`);
  }

  it('reports every bad row and field, and stores nothing', async () => {
    const badCode = good(2);
    badCode[0] = `${badCode[0]?.slice(0, 17)}${badCode[0]?.[17] === '0' ? '1' : '0'}`;
    const errors = await rejected(
      'e.csv',
      csv([
        ENTERPRISES.headers,
        good(1),
        badCode,
        [...good(3).slice(0, 2), '煤矿', ...good(3).slice(3)],
        good(1),
        [...good(5).slice(0, 1), '=HYPERLINK("http://x")', ...good(5).slice(2)],
      ]),
    );
    expect(errors).toEqual([
      expect.stringMatching(/^3 统一社会信用代码: 校验位是 .，按前 17 位应为 .：请对照营业执照核对$/),
      '4 行业领域: “煤矿”不是行业领域：请填 非煤矿山、危险化学品、烟花爆竹、综合监管 之一',
      '5 统一社会信用代码: 与第 2 行重复：同一统一社会信用代码只能出现一次',
      '6 企业名称: “=HYPERLINK("http://x”像电子表格公式：请删除开头的 =',
    ]);
  });

  it('stores the rows and the audit entry that files them together, or neither', async () => {
    const file = csv([ENTERPRISES.headers, good(801), good(802)]);
    const codes = [good(801)[0] as string, good(802)[0] as string];
    const stored = () => stack.t.db.enterprise.count({ where: { creditCode: { in: codes } } });
    const filed = () => stack.t.db.auditLog.count({ where: { action: 'roster.import.enterprises' } });
    const filedBefore = await filed();
    await stack.t.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditLog" BEGIN SELECT RAISE(ABORT, 'audit refused'); END`,
    );
    await expect(importRoster(stack.t.db, 'enterprises', 'e.csv', file, 'test')).rejects.toThrow();
    expect([await stored(), await filed()]).toEqual([0, filedBefore]);
    await stack.t.db.$executeRawUnsafe('DROP TRIGGER refuse_audit');
    expect((await importRoster(stack.t.db, 'enterprises', 'e.csv', file, 'test')).rows).toBe(2);
    expect([await stored(), await filed()]).toEqual([2, filedBefore + 1]);
  });

  it('refuses wrong headers, naming the expected layout', async () => {
    expect(
      await rejected(
        'e.csv',
        csv([
          ['代码', '名称'],
          ['x', 'y'],
        ]),
      ),
    ).toEqual([
      expect.stringMatching(
        /^1 统一社会信用代码、企业名称.*: 缺少这些列：「检查企业名录库」的表头依次是 统一社会信用代码、企业名称/,
      ),
    ]);
  });

  it('refuses an inspector whose certificate has expired, an impossible date and an unknown unit', async () => {
    const row = (no: string, from: string, to: string, unit: string) => [
      '赵六',
      no,
      from,
      to,
      '有效',
      unit,
      '非煤矿山',
      '伊塘镇',
      '',
      '',
    ];
    const errors = await rejected(
      'i.csv',
      csv([
        INSPECTORS.headers,
        row('湘99000001', '2020-01-01', '2025-12-31', '执法大队'),
        row('湘99000002', '2026-02-30', '2030-01-01', '执法大队'),
        row('湘99000003', '2024-01-01', '2030-01-01', '不存在的股'),
      ]),
      'inspectors',
    );
    expect(errors).toEqual([
      '2 有效期至: 证件已于 2025-12-31 过期：请换证后更新有效期，或把证件状态改为“吊销”（第九条）',
      '3 发证日期: “2026-02-30”不是有效日期：请按“年-月-日”填写，如 2027-03-01',
      expect.stringMatching(/^4 所属单位: “不存在的股”不是本局的单位：请填 /),
    ]);
  });

  it('imports a GBK CSV from Excel on Chinese Windows', async () => {
    const text = [ENTERPRISES.headers, good(11), good(12)].map((r) => r.join(',')).join('\r\n');
    expect((await importRoster(stack.t.db, 'enterprises', 'gbk.csv', iconv.encode(text, 'gbk'), 'test')).rows).toBe(2);
    expect((await stack.t.db.enterprise.findUniqueOrThrow({ where: { creditCode: good(11)[0] } })).name).toBe(
      '测试企业11',
    );
  });

  it('exports .xlsx that re-imports unchanged, with formula-looking text neutralised', async () => {
    await stack.t.db.enterprise.update({ where: { creditCode: good(12)[0] }, data: { contactName: '=cmd|calc' } });
    const bytes = await exportRoster(stack.t.db, 'enterprises', 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const table = await readTable('roster.xlsx', bytes);
    expect(table[0]).toEqual(ENTERPRISES.headers);
    expect(table).toHaveLength((await stack.t.db.enterprise.count()) + 1);
    expect(table.find((r) => r[0] === good(12)[0])?.[11]).toBe("'=cmd|calc");
    const before = await stack.t.db.enterprise.findMany({ orderBy: { id: 'asc' } });
    await stack.t.db.enterprise.update({ where: { creditCode: good(12)[0] }, data: { contactName: '李四' } });
    const again = (await readTable('roster.xlsx', bytes)).map((r) =>
      r[11] === "'=cmd|calc" ? [...r.slice(0, 11), '李四', ...r.slice(12)] : r,
    );
    const ws = new ExcelJS.Workbook();
    const sheet = ws.addWorksheet('s');
    for (const r of again) sheet.addRow(r);
    await importRoster(stack.t.db, 'enterprises', 'roster.xlsx', Buffer.from(await ws.xlsx.writeBuffer()), 'test');
    const after = await stack.t.db.enterprise.findMany({ orderBy: { id: 'asc' } });
    const strip = (xs: typeof before) => xs.map(({ updatedAt: _u, contactName: _c, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
  });

  it('lets a unit’s staff import their own unit’s inspectors only, naming every row of another unit', async () => {
    const file = await exportRoster(stack.t.db, 'inspectors', 'csv');
    const [header, ...rows] = await readTable('i.csv', file);
    const whg = await stack.t.db.unit.findFirstOrThrow({ where: { code: 'WHG' } });
    const unitColumn = (header ?? []).indexOf('所属单位');
    const whgRows = rows.filter((r) => r[unitColumn] === whg.name);
    const fmgRow = rows.find((r) => r[unitColumn] !== whg.name) as string[];
    // Their own: fine. Then one row of another unit's, and one of theirs moved into it.
    expect(
      (
        await importRoster(stack.t.db, 'inspectors', 'own.csv', csv([header as string[], ...whgRows]), 'whg', {
          unitId: whg.id,
        })
      ).rows,
    ).toBe(whgRows.length);
    const moved = [...fmgRow];
    moved[unitColumn] = whg.name;
    const before = await stack.t.db.inspector.findMany({ orderBy: { id: 'asc' } });
    const refused = async (rows: string[][]) =>
      (
        (await importRoster(stack.t.db, 'inspectors', 'bad.csv', csv([header as string[], ...rows]), 'whg', {
          unitId: whg.id,
        }).catch((x: unknown) => x)) as RosterImportError
      ).errors.map((x) => [x.row, x.column, x.message]);
    expect(await refused([whgRows[0] as string[], fmgRow])).toEqual([
      [3, '所属单位', expect.stringMatching(/^只能导入本单位（危险化学品.*）的，这一行属于/)],
      [3, '执法证号', expect.stringMatching(/属于.*请由该单位或法规股办理$/)],
    ]);
    // Moving another unit's inspector into one's own by re-labelling the row is refused too.
    expect((await refused([moved])).map((x) => x.slice(0, 2))).toEqual([[2, '执法证号']]);
    expect(await stack.t.db.inspector.findMany({ orderBy: { id: 'asc' } })).toEqual(before); // nothing stored
  });

  it('says, audits and shows in words what an import changed, and calls out a cleared Art. 15 exemption', async () => {
    const flagged = good(901);
    flagged[8] = '是'; // 严重违法失信
    await importRoster(
      stack.t.db,
      'enterprises',
      '新名录.csv',
      csv([ENTERPRISES.headers, flagged, good(902)]),
      '法规股 李明',
    );
    // An older export: the flag is gone and the risk class differs.
    const old = [...flagged];
    old[8] = '否';
    old[7] = 'A';
    const r = await importRoster(
      stack.t.db,
      'enterprises',
      '旧名录.csv',
      csv([ENTERPRISES.headers, old, good(902)]),
      '法规股 李明',
    );
    expect([r.created, r.updated, r.unchanged, r.changeCount]).toEqual([0, 1, 1, 2]);
    expect(r.clearedExemptions).toEqual([{ key: flagged[0], name: '测试企业901', fields: ['seriousViolation'] }]);
    expect(importSummary(r)).toBe('已导入 2 行：新增 0 行，更新 1 行（2 处变更），1 行未变');
    expect(clearedExemptionsWarning(r)).toMatch(/^注意：本次导入把 测试企业901（严重违法失信）的标记由“是”改为“否”/);
    // The audit entry keeps each change, old and new; the enterprise's history reads it in words.
    const entry = await stack.t.db.auditLog.findFirstOrThrow({
      where: { action: 'roster.import.enterprises' },
      orderBy: { id: 'desc' },
    });
    expect((entry.details as { changes: unknown[] }).changes).toEqual([
      { key: flagged[0], field: 'riskClass', from: 'C', to: 'A' },
      { key: flagged[0], field: 'seriousViolation', from: true, to: false },
    ]);
    const history = await rosterHistory(stack.t.db, 'enterprise', flagged[0] as string);
    expect(history[0]?.text).toBe('导入 旧名录.csv：风险等级：C → A；严重违法失信：是 → 否');
    expect(history[0]?.actor).toBe('法规股 李明');
  });
});
