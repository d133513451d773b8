// 年度报告: the year in numbers, for a unit or the whole bureau, as a page
// and as a PDF. Staff and supervisors see their own unit; bureau-wide roles
// choose a unit or the bureau.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderPdf } from '../../documents/pdfThread.ts';
import { buildYearlyReport } from '../../reports/yearly.ts';
import { renderYearlyReportBody, yearlyReportTitle } from '../../reports/yearlyHtml.ts';
import { esc, fontOr503, page } from '../html.ts';
import { type SessionUser, userOf, type WebDeps } from '../server.ts';

const OWN_UNIT_ONLY: SessionUser['role'][] = ['STAFF', 'SUPERVISOR'];

class BadQuery extends Error {}

function scopeOf(req: FastifyRequest, u: SessionUser) {
  const q = req.query as { year?: string; unit?: string };
  const year = q.year ? Number(q.year) : new Date().getFullYear();
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new BadQuery(`year: "${q.year}" 不是有效年份，请填写如 2026 的四位年份`);
  if (OWN_UNIT_ONLY.includes(u.role)) return { year, unitId: u.unitId };
  const unitId = q.unit ? Number(q.unit) : null;
  if (unitId !== null && !Number.isInteger(unitId)) throw new BadQuery(`unit: "${q.unit}" 不是单位编号`);
  return { year, unitId };
}

export async function reportRoutes(app: FastifyInstance, deps: WebDeps) {
  async function scoped(req: FastifyRequest, reply: FastifyReply) {
    const u = userOf(req, reply);
    if (!u) return null;
    try {
      return { u, ...scopeOf(req, u) };
    } catch (e) {
      if (!(e instanceof BadQuery)) throw e;
      reply
        .code(400)
        .type('text/html')
        .send(page('年度报告', `<p class="error">${esc(e.message)}</p>`, u));
      return null;
    }
  }

  app.get('/reports', async (req, reply) => {
    const s = await scoped(req, reply);
    if (!s) return reply;
    const report = await buildYearlyReport(deps.db, s.year, s.unitId);
    const units = OWN_UNIT_ONLY.includes(s.u.role) ? [] : await deps.db.unit.findMany({ orderBy: { id: 'asc' } });
    const picker = `<form method="get" action="/reports"><label>年度 <input type="text" name="year" value="${s.year}"></label>
      ${units.length ? `<label>范围 <select name="unit"><option value="">全局</option>${units.map((x) => `<option value="${x.id}" ${x.id === s.unitId ? 'selected' : ''}>${esc(x.name)}</option>`).join('')}</select></label>` : ''}
      <button>查看</button> <a href="/reports/yearly.pdf?year=${s.year}${s.unitId !== null ? `&unit=${s.unitId}` : ''}">下载 PDF</a></form>`;
    return reply.type('text/html').send(page(yearlyReportTitle(report), picker + renderYearlyReportBody(report), s.u));
  });

  app.get('/reports/yearly.pdf', async (req, reply) => {
    const s = await scoped(req, reply);
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
