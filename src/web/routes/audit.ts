// 审计日志: who did what, when, for the bureau-wide roles (局领导, 法规股,
// the administrator: entries are not per unit, so a unit's supervisor does
// not see them); the chain is checked on every view, so an edited or deleted
// entry shows here as it does in `ssj audit verify`.
import { actionName, auditCsv, filtered } from '../../audit/export.ts';
import { auditKey, checkAudit } from '../../audit/seal.ts';
import { AUDIT_SUBJECT, nameOf } from '../../domain/glossary.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import { type Html, html, page, table } from '../html.ts';
import { optional, Type, text } from '../schemas.ts';
import { type App, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

/** Who reads the log: the bureau-wide roles. */
const READERS: SessionUser['role'][] = ['LEGAL', 'LEADER', 'ADMIN'];

/** Entries shown per page, newest first. */
const PAGE_SIZE = 100;

/** Inspections are filed by their database id (steps) or their workflow id (opening). */
function subjectLink(
  type: string,
  id: string,
  workflowIds: Map<string, string>,
  categories: Map<string, string>,
): Html {
  // A category's code is an id: the page names it.
  if (type === 'publicationCategory')
    return html`<a href="/admin/categories">${`${nameOf(AUDIT_SUBJECT, type)}“${categories.get(id) ?? '已删除'}”`}</a>`;
  const workflowId = type === 'inspection' ? (workflowIds.get(id) ?? (/^\d+$/.test(id) ? null : id)) : null;
  // An inspection's business key carries codes (its origin): the link says 检查 and its number instead.
  const text = `${nameOf(AUDIT_SUBJECT, type)} ${workflowId && !/^\d+$/.test(id) ? '' : id}`.trim();
  if (workflowId)
    return html`<a href="/inspections/${encodeURIComponent(workflowId)}" title="${workflowId}">${text}</a>`;
  if (type === 'draw') return html`<a href="/draws/${encodeURIComponent(id.split('/')[0] ?? id)}">${text}</a>`;
  if (type === 'enterprise') return html`<a href="/enterprises/${encodeURIComponent(id)}">${text}</a>`;
  return html`${text}`;
}

/**
 * The entry's details exactly as stored (the chain hashes these bytes), folded
 * under 原始记录: evidence for whoever checks the chain, not prose; the
 * 操作 column says in words what happened.
 */
const rawDetails = (details: unknown) =>
  html`<details class="raw"><summary>原始记录</summary><code>${JSON.stringify(details).slice(0, 2000)}</code></details>`;

/** The filter: an action prefix and a text to look for (src/audit/export.ts). */
const filter = {
  action: optional(text('操作', 200)),
  subject: optional(text('包含', 200)),
};

export async function auditRoutes(app: App, deps: WebDeps) {
  /** The entries as CSV for an auditor (`src/audit/export.ts`). */
  app.get('/audit/export.csv', { schema: { querystring: Type.Object(filter) } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, READERS);
    const all = await deps.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审计日志.csv')}`)
      .send(auditCsv(filtered(all, req.query)));
  });

  // `before` is the id of the last entry shown, from the 更早的记录 link.
  const listed = { querystring: Type.Object({ ...filter, before: optional(text('更早的记录', 20)) }) };
  app.get('/audit', { schema: listed }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, READERS);
    const q = req.query;
    const before = q.before ? Number(q.before) : null;
    if (before !== null && !Number.isInteger(before))
      return reply
        .code(400)
        .type('text/html')
        .send(
          page(
            '审计日志',
            html`<p class="error">更早的记录：“${q.before}”不是条目编号，请用页面上的“更早的记录”链接</p>`,
            u,
          ),
        );
    // The whole chain is checked each time: a district's years of entries verify in well under a second.
    const all = await deps.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    const { broken } = checkAudit(all, auditKey());
    const status = broken
      ? html`<p class="error">审计链在第 ${broken.id} 条断开（${broken.reason}）：有记录被改动或删除，请报告管理员。</p>`
      : html`<p class="ok">审计链完整：共 ${all.length} 条，逐条校验通过。</p>`;
    const matches = filtered(all, q)
      .filter((e) => before === null || e.id < before)
      .reverse();
    const shown = matches.slice(0, PAGE_SIZE);
    const ids = shown.filter((e) => e.subjectType === 'inspection' && /^\d+$/.test(e.subjectId));
    const inspections = await deps.db.inspection.findMany({
      where: { id: { in: ids.map((e) => Number(e.subjectId)) } },
    });
    const workflowIds = new Map(inspections.map((i) => [String(i.id), i.workflowId]));
    const categories = new Map(
      (await deps.db.publicationCategory.findMany({ select: { code: true, name: true } })).map((c) => [c.code, c.name]),
    );
    const rows = shown.map((e) => [
      String(e.id),
      chinaDateTime(e.at.getTime()),
      e.actor,
      html`${actionName(e.action)}<br><small>${e.action}</small>`,
      subjectLink(e.subjectType, e.subjectId, workflowIds, categories),
      rawDetails(e.details),
    ]);
    const older = matches.length > PAGE_SIZE ? (shown.at(-1)?.id ?? null) : null;
    const keep = new URLSearchParams({ action: q.action ?? '', subject: q.subject ?? '' });
    const csv = html`<p><a href="/audit/export.csv?${keep.toString()}">导出为 CSV（含哈希，可独立校验）</a></p>`;
    const form = html`<form method="get" action="/audit">
      <label>操作（前缀，如 draw. 或 inspection.） <input type="text" name="action" value="${q.action}"></label>
      <label>包含（对象、操作人或详情中的文字，如抽取编号、企业信用代码、姓名） <input type="text" name="subject" value="${q.subject}"></label>
      <button>筛选</button></form>`;
    const more = older ? html`<p><a href="/audit?${keep.toString()}&before=${older}">更早的记录</a></p>` : null;
    return reply
      .type('text/html')
      .send(
        page(
          '审计日志',
          html`${status}${form}${csv}${table(['编号', '时间', '操作人', '操作', '对象', '详情'], rows)}${more}`,
          u,
          await reply.generateCsrf(),
        ),
      );
  });
}
