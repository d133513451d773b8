// 名录库: browse and search the enterprise and inspector rosters, import a
// file (nothing stored unless every row is right), export .xlsx / .csv.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CERTIFICATE_STATUS, OPERATING_STATE } from '../../domain/glossary.ts';
import { SECTOR_NAMES } from '../../domain/sectors.ts';
import { clearedExemptionsWarning, describeChange, importSummary, type UnitNames } from '../../rosters/changes.ts';
import { exportRoster } from '../../rosters/export.ts';
import { importRoster, RosterImportError, type RosterKind } from '../../rosters/import.ts';
import { LIMIT_WORDS, MAX_FILE_BYTES } from '../../rosters/limits.ts';
import { TableError } from '../../rosters/table.ts';
import { esc, sendPage, table } from '../html.ts';
import { fileAfterCsrf } from '../multipart.ts';
import { literalSearch } from '../search.ts';
import { requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

const KINDS: Record<string, { kind: RosterKind; title: string }> = {
  enterprises: { kind: 'enterprises', title: '检查企业名录库' },
  inspectors: { kind: 'inspectors', title: '执法检查人员名录库' },
  items: { kind: 'items', title: '随机抽查事项清单（导入导出）' },
};

export async function rosterRoutes(app: FastifyInstance, deps: WebDeps) {
  async function show(
    reply: FastifyReply,
    u: SessionUser,
    which: string,
    q: string,
    message?: { ok: boolean; html: string },
  ) {
    const k = KINDS[which];
    if (!k) return reply.code(404).send();
    const csrf = await reply.generateCsrf();
    const s = literalSearch(q);
    const rows =
      k.kind === 'items'
        ? []
        : k.kind === 'enterprises'
          ? (
              await deps.db.enterprise.findMany({
                where: q ? { OR: [{ name: { contains: s.term } }, { creditCode: { contains: s.term } }] } : {},
                orderBy: { id: 'asc' },
                take: 500,
              })
            )
              .filter((e) => !q || s.matches(e.name, e.creditCode))
              .map((e) => [
                esc(e.creditCode),
                esc(e.name),
                esc(SECTOR_NAMES[e.sector]),
                esc(e.township),
                esc(OPERATING_STATE[e.operatingState]),
                esc(e.riskClass),
              ])
          : (
              await deps.db.inspector.findMany({
                where: q ? { OR: [{ name: { contains: s.term } }, { certificateNo: { contains: s.term } }] } : {},
                include: { unit: true },
                orderBy: { id: 'asc' },
                take: 500,
              })
            )
              .filter((i) => !q || s.matches(i.name, i.certificateNo))
              .map((i) => [
                esc(i.name),
                esc(i.certificateNo),
                esc(i.unit.name),
                esc(i.certificateTo.toISOString().slice(0, 10)),
                esc(CERTIFICATE_STATUS[i.certificateStatus]),
              ]);
    const head =
      k.kind === 'enterprises'
        ? ['统一社会信用代码', '企业名称', '领域', '乡镇街道', '经营状态', '风险']
        : ['姓名', '执法证号', '单位', '有效期至', '状态'];
    const history = await deps.db.auditLog.findMany({
      where: { action: `roster.import.${k.kind}` },
      orderBy: { id: 'desc' },
      take: 10,
    });
    const body = `
      <form method="get"><label>搜索 <input type="text" name="q" value="${esc(q)}"></label><button>查找</button></form>
      <p>导出：<a href="/rosters/${which}/export.xlsx">Excel</a> · <a href="/rosters/${which}/export.csv">CSV</a></p>
      <form method="post" action="/rosters/${which}/import" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${esc(csrf)}">
        <h3>导入（.xlsx / .csv，与导出格式相同；有任何错误则整批不导入）</h3><input type="file" name="file" required><button>导入</button></form>
      ${table(head, rows)}
      <h2>导入记录</h2>${table(
        ['时间', '办理人', '文件', '行数'],
        history.map((h) => [
          esc(h.at.toISOString().slice(0, 16)),
          esc(h.actor),
          esc((h.details as { fileName?: string }).fileName),
          esc((h.details as { rows?: number }).rows),
        ]),
      )}`;
    return sendPage(reply, k.title, body, u, csrf, message);
  }

  app.get('/rosters/:which', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    return show(reply, u, (req.params as { which: string }).which, (req.query as { q?: string }).q ?? '');
  });

  app.get('/rosters/:which/export.:format', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    const { which, format } = req.params as { which: string; format: string };
    const k = KINDS[which];
    if (!k || (format !== 'xlsx' && format !== 'csv')) return reply.code(404).send();
    const bytes = await exportRoster(deps.db, k.kind, format);
    return reply
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${k.title}.${format}`)}`)
      .type(
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .send(bytes);
  });

  app.post('/rosters/:which/import', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, ['STAFF', 'LEGAL', 'ADMIN']);
    const which = (req.params as { which: string }).which;
    const k = KINDS[which];
    if (!k) return reply.code(404).send();
    const file = await fileAfterCsrf(req, MAX_FILE_BYTES);
    if (!file) return show(reply, u, which, '', { ok: false, html: '请选择文件' });
    try {
      const scope = u.role === 'STAFF' ? { unitId: u.unitId ?? -1 } : null;
      const bytes = await file.toBuffer().catch((e: unknown) => {
        // The upload stopped at the limit: refused by name, nothing past the limit was kept.
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new TableError(LIMIT_WORDS.fileTooBig(file.filename));
        throw e;
      });
      const r = await importRoster(deps.db, k.kind, file.filename, bytes, u.displayName, scope);
      const units: UnitNames = new Map((await deps.db.unit.findMany()).map((x) => [x.id, x.name]));
      const warning = clearedExemptionsWarning(r);
      const listed = r.changes
        .slice(0, 30)
        .map((c) => `<li>${esc(c.key)}：${esc(describeChange(c.field, c.from, c.to, units))}</li>`);
      const html = `${esc(importSummary(r))}${warning ? `<p class="overdue">${esc(warning)}</p>` : ''}${listed.length ? `<ul>${listed.join('')}</ul>${r.changeCount > listed.length ? `<p>以上是前 ${listed.length} 处，共 ${r.changeCount} 处变更，均已记入审计日志。</p>` : ''}` : ''}`;
      return show(reply, u, which, '', { ok: true, html });
    } catch (e) {
      if (e instanceof RosterImportError)
        return show(reply, u, which, '', {
          ok: false,
          html: `整批未导入，请修改后重试：<ul>${e.errors.map((x) => `<li>第 ${x.row} 行「${esc(x.column)}」：${esc(x.message)}</li>`).join('')}</ul>${e.total > e.errors.length ? `<p>以上是前 ${e.errors.length} 处，共 ${e.total} 处问题。</p>` : ''}`,
        });
      if (e instanceof TableError) return show(reply, u, which, '', { ok: false, html: esc(e.message) });
      throw e;
    }
  });
}
