// 审计日志: who did what, when, for the bureau-wide roles (局领导, 法规股,
// the administrator: entries are not per unit, so a unit's supervisor does
// not see them); the chain is checked on every view, so an edited or deleted
// entry shows here as it does in `ssj audit verify`.
import type { FastifyInstance } from 'fastify';
import { type AuditQuery, actionName, auditCsv, filtered } from '../../audit/export.ts';
import { auditKey, checkAudit } from '../../audit/seal.ts';
import { AUDIT_SUBJECT, nameOf } from '../../domain/glossary.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import { esc, page, table } from '../html.ts';
import { requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

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
): string {
  // A category's code is an id: the page names it.
  if (type === 'publicationCategory')
    return `<a href="/admin/categories">${esc(`${nameOf(AUDIT_SUBJECT, type)}“${categories.get(id) ?? '已删除'}”`)}</a>`;
  const workflowId = type === 'inspection' ? (workflowIds.get(id) ?? (/^\d+$/.test(id) ? null : id)) : null;
  // An inspection's business key carries codes (its origin): the link says 检查 and its number instead.
  const text = esc(`${nameOf(AUDIT_SUBJECT, type)} ${workflowId && !/^\d+$/.test(id) ? '' : id}`.trim());
  if (workflowId)
    return `<a href="/inspections/${encodeURIComponent(workflowId)}" title="${esc(workflowId)}">${text}</a>`;
  if (type === 'draw') return `<a href="/draws/${encodeURIComponent(id.split('/')[0] ?? id)}">${text}</a>`;
  if (type === 'enterprise') return `<a href="/enterprises/${encodeURIComponent(id)}">${text}</a>`;
  return text;
}

/**
 * The entry's details exactly as stored (the chain hashes these bytes), folded
 * under 原始记录: evidence for whoever checks the chain, not prose; the
 * 操作 column says in words what happened.
 */
const rawDetails = (details: unknown) =>
  `<details class="raw"><summary>原始记录</summary><code>${esc(JSON.stringify(details).slice(0, 2000))}</code></details>`;

export async function auditRoutes(app: FastifyInstance, deps: WebDeps) {
  /** The entries as CSV for an auditor (`src/audit/export.ts`). */
  app.get('/audit/export.csv', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, READERS);
    const all = await deps.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审计日志.csv')}`)
      .send(auditCsv(filtered(all, req.query as AuditQuery)));
  });

  app.get('/audit', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, READERS);
    const q = req.query as { action?: string; subject?: string; before?: string };
    const before = q.before ? Number(q.before) : null;
    if (before !== null && !Number.isInteger(before))
      return reply
        .code(400)
        .type('text/html')
        .send(page('审计日志', `<p class="error">before: "${esc(q.before)}" 不是条目编号</p>`, u));
    // The whole chain is checked each time: a district's years of entries verify in well under a second.
    const all = await deps.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    const { broken } = checkAudit(all, auditKey());
    const status = broken
      ? `<p class="error">审计链在第 ${broken.id} 条断开（${esc(broken.reason)}）：有记录被改动或删除，请报告管理员。</p>`
      : `<p class="ok">审计链完整：共 ${all.length} 条，逐条校验通过。</p>`;
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
      esc(chinaDateTime(e.at.getTime())),
      esc(e.actor),
      `${esc(actionName(e.action))}<br><small>${esc(e.action)}</small>`,
      subjectLink(e.subjectType, e.subjectId, workflowIds, categories),
      rawDetails(e.details),
    ]);
    const older = matches.length > PAGE_SIZE ? (shown.at(-1)?.id ?? null) : null;
    const keep = new URLSearchParams({ action: q.action ?? '', subject: q.subject ?? '' });
    const csv = `<p><a href="/audit/export.csv?${keep}">导出为 CSV（含哈希，可独立校验）</a></p>`;
    const form = `<form method="get" action="/audit">
      <label>操作（前缀，如 draw. 或 inspection.） <input type="text" name="action" value="${esc(q.action)}"></label>
      <label>包含（对象、操作人或详情中的文字，如抽取编号、企业信用代码、姓名） <input type="text" name="subject" value="${esc(q.subject)}"></label>
      <button>筛选</button></form>`;
    const more = older ? `<p><a href="/audit?${keep}&before=${older}">更早的记录</a></p>` : '';
    return reply
      .type('text/html')
      .send(
        page(
          '审计日志',
          `${status}${form}${csv}${table(['编号', '时间', '操作人', '操作', '对象', '详情'], rows)}${more}`,
          u,
          await reply.generateCsrf(),
        ),
      );
  });
}
