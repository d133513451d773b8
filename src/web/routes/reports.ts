// 年度报告: the year in numbers, for a unit or the whole bureau, as a page
// and as a PDF. Staff and supervisors see their own unit; bureau-wide roles
// choose a unit or the bureau.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderPdf } from '../../documents/pdfThread.ts';
import { buildYearlyReport } from '../../reports/yearly.ts';
import { renderYearlyReportBody, yearlyReportTitle } from '../../reports/yearlyHtml.ts';
import { fontOr503, html, page } from '../html.ts';
import { optional, Type, text } from '../schemas.ts';
import { type App, type SessionUser, userOf, type WebDeps } from '../server.ts';

const OWN_UNIT_ONLY: SessionUser['role'][] = ['STAFF', 'SUPERVISOR'];

class BadQuery extends Error {}

/** The year and the unit, as typed in the picker: checked below, with a message that says what to write. */
const reportQuery = {
  querystring: Type.Object({ year: optional(text('年度', 20)), unit: optional(text('范围', 20)) }),
};

interface ReportQuery {
  year?: string;
  unit?: string;
}

function scopeOf(q: ReportQuery, u: SessionUser) {
  const year = q.year ? Number(q.year) : new Date().getFullYear();
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new BadQuery(`年份：“${q.year}”不是有效年份，请填写如 2026 的四位年份`);
  if (OWN_UNIT_ONLY.includes(u.role)) return { year, unitId: u.unitId };
  const unitId = q.unit ? Number(q.unit) : null;
  if (unitId !== null && !Number.isInteger(unitId))
    throw new BadQuery(`单位：“${q.unit}”不是可选的单位，请从列表中选择`);
  return { year, unitId };
}

export async function reportRoutes(app: App, deps: WebDeps) {
  async function scoped(req: FastifyRequest, reply: FastifyReply, query: ReportQuery) {
    const u = userOf(req, reply);
    if (!u) return null;
    try {
      return { u, ...scopeOf(query, u) };
    } catch (e) {
      if (!(e instanceof BadQuery)) throw e;
      reply
        .code(400)
        .type('text/html')
        .send(page('年度报告', html`<p class="error">${e.message}</p>`, u));
      return null;
    }
  }

  app.get('/reports', { schema: reportQuery }, async (req, reply) => {
    const s = await scoped(req, reply, req.query);
    if (!s) return reply;
    const report = await buildYearlyReport(deps.db, s.year, s.unitId);
    const units = OWN_UNIT_ONLY.includes(s.u.role) ? [] : await deps.db.unit.findMany({ orderBy: { id: 'asc' } });
    const picker = html`<form method="get" action="/reports"><label>年度 <input type="text" name="year" value="${s.year}"></label>
      ${units.length ? html`<label>范围 <select name="unit"><option value="">全局</option>${units.map((x) => html`<option value="${x.id}" ${x.id === s.unitId ? html`selected` : null}>${x.name}</option>`)}</select></label>` : null}
      <button>查看</button> <a href="/reports/yearly.pdf?year=${s.year}${s.unitId !== null ? `&unit=${s.unitId}` : ''}">下载 PDF</a></form>`;
    return reply
      .type('text/html')
      .send(page(yearlyReportTitle(report), html`${picker}${renderYearlyReportBody(report)}`, s.u));
  });

  app.get('/reports/yearly.pdf', { schema: reportQuery }, async (req, reply) => {
    const s = await scoped(req, reply, req.query);
    if (!s) return reply;
    const font = fontOr503(reply);
    if (!font) return reply;
    const report = await buildYearlyReport(deps.db, s.year, s.unitId);
    const name = `ssj-report-${s.year}${s.unitId !== null ? `-unit${s.unitId}` : ''}.pdf`;
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${name}"`)
      .send(await renderPdf({ kind: 'yearlyReport', data: report, font }));
  });
}
