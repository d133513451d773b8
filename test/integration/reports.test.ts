// The yearly report and the inspection scheme, from a seeded district with a
// year of inspections written row by row, so every figure is known: the
// numbers, the PDF text (as a reader would copy it), and golden files for the
// stable layouts (the scheme draft, the report's HTML).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCjkFont } from '../../src/documents/fonts.ts';
import { renderSchemePdf, schemeDraft } from '../../src/documents/scheme.ts';
import { addTallies, rateText } from '../../src/domain/timeliness.ts';
import { loadSchemeData } from '../../src/records/scheme.ts';
import { timelinessByUnit } from '../../src/reports/timeliness.ts';
import { buildYearCharts, buildYearlyReport, type TimelinessRow } from '../../src/reports/yearly.ts';
import { renderYearlyReportHtml } from '../../src/reports/yearlyHtml.ts';
import { renderYearlyReportPdf } from '../../src/reports/yearlyPdf.ts';
import { freshSqlite, type TestDb } from '../support/db.ts';
import { pdfPagesText } from '../support/pdf.ts';
import { seedReportYear } from '../support/reportYear.ts';

const YEAR = 2027;
const NOW = new Date('2027-12-31T08:00:00Z');
const font = findCjkFont();

let t: TestDb;
let schemeInspectionId = 0;

beforeAll(async () => {
  t = await freshSqlite();
  ({ schemeInspectionId } = await seedReportYear(t.db, YEAR));
});
afterAll(async () => t?.drop());

describe('yearly report', () => {
  it('counts the bureau year: plan vs done, coverage, the Art. 15 cap, problems, timeliness, recusals, escalations', async () => {
    const r = await buildYearlyReport(t.db, YEAR, null, NOW);
    const mines = r.sectors.find((s) => s.sector === 'NON_COAL_MINE');
    expect(mines).toMatchObject({ planned: 10, done: 6, published: 3, other: 1, covered: 3 });
    const roster = await t.db.enterprise.count({
      where: { sector: 'NON_COAL_MINE', operatingState: { not: 'CLOSED' } },
    });
    expect(mines?.roster).toBe(roster);
    expect(r.sectors.filter((s) => s.sector !== 'NON_COAL_MINE').every((s) => s.planned === 0)).toBe(true);
    expect(r.distribution.find((d) => d.label.startsWith('4'))?.enterprises).toBe(2);
    expect(r.distribution.find((d) => d.label === '1 次')?.enterprises).toBe(1);
    expect(r.atCap.map((e) => [e.count, e.exemption])).toEqual([
      [5, '已受行政处罚'],
      [4, null],
    ]);
    expect(r.problems).toEqual({ inspections: 2, items: 3, byDecision: [{ decision: '行政处罚', count: 1 }] });
    const pub = r.timeliness.find((x) => x.kind === 'PUBLICATION');
    expect(pub).toMatchObject({ met: 4, onTime: 2, late: 2, medianDelayDays: 3, open: 1, openOverdue: 1, due: 5 });
    expect(r.recusals.total).toBe(2);
    // Month by month: every finished and every published inspection counted once, in its month.
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(r.months.done)).toBe(await t.db.inspection.count({ where: { endedAt: { not: null } } }));
    expect(sum(r.months.published)).toBe(await t.db.publication.count());
    expect(r.months.done[2]).toBe(sum(r.months.done)); // the seeded year ends its inspections in March
    expect(r.escalations.map((e) => e.level)).toEqual(['SUPERVISOR', 'LEADER']);
  });

  it('counts "on time" once: per unit (as /supervisor and the CLI show it) it adds up to the report, for the bureau and each unit', async () => {
    const perUnit = await timelinessByUnit(t.db, YEAR, NOW);
    const sum = (rows: TimelinessRow[]) => ({
      onTime: rows.reduce((n, r) => n + r.onTime, 0),
      late: rows.reduce((n, r) => n + r.late, 0),
      overdue: rows.reduce((n, r) => n + r.openOverdue, 0),
      due: rows.reduce((n, r) => n + r.due, 0),
    });
    const bureau = await buildYearlyReport(t.db, YEAR, null, NOW);
    expect(addTallies(perUnit.map((u) => u.tally))).toMatchObject(sum(bureau.timeliness));
    expect(sum(bureau.timeliness)).toEqual({ onTime: 2, late: 2, overdue: 1, due: 5 });
    for (const u of perUnit) {
      const own = await buildYearlyReport(t.db, YEAR, u.unitId, NOW);
      expect(u.tally, u.unit).toMatchObject(sum(own.timeliness));
    }
    // One rate text everywhere: 2 of the 5 deadlines that came due were met on time.
    expect(rateText(addTallies(perUnit.map((u) => u.tally)))).toBe('40%（2/5）');
    expect(renderYearlyReportHtml(bureau)).toContain('40%（2/5）');
  });

  it('draws the dashboard and public charts from a lean read that counts as the report counts', async () => {
    // A closed enterprise's inspections still count in its sector.
    const mine = await t.db.inspection.findFirstOrThrow({ where: { origin: 'RANDOM' }, include: { enterprise: true } });
    await t.db.enterprise.update({ where: { id: mine.enterpriseId }, data: { operatingState: 'CLOSED' } });
    try {
      const units = await t.db.unit.findMany();
      for (const unitId of [null, ...units.map((u) => u.id)]) {
        const r = await buildYearlyReport(t.db, YEAR, unitId, NOW);
        expect(await buildYearCharts(t.db, YEAR, unitId), String(unitId)).toEqual({
          months: r.months,
          sectors: r.sectors,
        });
      }
    } finally {
      await t.db.enterprise.update({
        where: { id: mine.enterpriseId },
        data: { operatingState: mine.enterprise.operatingState },
      });
    }
  });

  it('narrows to one unit', async () => {
    const zfdd = await t.db.unit.findUniqueOrThrow({ where: { code: 'ZFDD' } });
    const r = await buildYearlyReport(t.db, YEAR, zfdd.id, NOW);
    expect(r.scope).toBe('执法大队');
    expect(r.sectors.reduce((n, s) => n + s.planned, 0)).toBe(0);
    expect(r.sectors.reduce((n, s) => n + s.other, 0)).toBe(1);
    expect(r.problems.inspections).toBe(1);
    expect(r.recusals.total).toBe(0);
  });

  it('renders HTML with charts (golden file) and a PDF with the same figures', async () => {
    const r = await buildYearlyReport(t.db, YEAR, null, NOW);
    const html = renderYearlyReportHtml(r);
    expect(html.match(/<svg/g)).toHaveLength(5); // ECharts, rendered on the server
    expect(html).not.toMatch(/zr\d+-/); // ids named after the chart, so the bytes do not depend on what ran before
    await expect(html).toMatchFileSnapshot('../golden/yearly-report-2027.html');
    if (!font) return expect(process.env.CI).not.toBe('true'); // CI installs fonts-noto-cjk
    const text = (await pdfPagesText(await renderYearlyReportPdf(r, font))).join('\n');
    expect(text).toContain('2027 年度“双随机、一公开”工作报告');
    expect(text).toContain('非煤矿山');
    expect(text).toContain('已受行政处罚');
    expect(text).toContain('结果录入与公示（七个工作日）');
    expect(text).toContain('发现问题的检查 2 次，问题事项 3 项。');
  });
});

describe('inspection scheme', () => {
  it('is drafted from the plan and the draw (golden file) and printed as a PDF', async () => {
    const d = await loadSchemeData(t.db, schemeInspectionId);
    expect(d.draw?.id).toBe('D2027-FMG-T1');
    expect(d.plan?.year).toBe(YEAR);
    expect(d.items).toHaveLength(3);
    const draft = schemeDraft(d);
    expect(draft).toContain(`五、检查时间段：${YEAR}-03-01 至 ${YEAR}-04-30`);
    await expect(draft).toMatchFileSnapshot('../golden/scheme-draft.txt');
    if (!font) return expect(process.env.CI).not.toBe('true');
    const pages = await pdfPagesText(await renderSchemePdf({ ...d, submitted: draft }, font));
    const text = pages.join('\n');
    expect(text).toContain('“双随机、一公开”检查方案');
    expect(text).toContain('D2027-FMG-T1');
    expect(text).toContain(d.inspectors[0]?.certificateNo ?? 'missing');
    expect(text).toContain('按上述方案执行。'); // the unchanged draft is not printed twice
    const edited = await pdfPagesText(await renderSchemePdf({ ...d, submitted: '3 月 10 日上午先查采场边坡。' }, font));
    expect(edited.join('\n')).toContain('3 月 10 日上午先查采场边坡。');
  });
});
