// 审计日志: who did what, when, for the bureau-wide roles (局领导, 法规股,
// the administrator: entries are not per unit, so a unit's supervisor does
// not see them); the chain is checked on every view, so an edited or deleted
// entry shows here as it does in `ssj audit verify`.
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { firstBrokenLink } from '../../audit/chain.ts';
import { safeCell } from '../../rosters/export.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import { esc, page, table } from '../html.ts';
import { requireRole, userOf, type WebDeps } from '../server.ts';

/** Entries shown per page, newest first. */
const PAGE_SIZE = 100;

/** The action names staff read; steps and statuses by their prefix. */
const ACTION_NAMES: [RegExp, string][] = [
  [/^inspection\.open$/, '开启检查'],
  [/^inspection\.recusal$/, '回避（指定替换）'],
  [/^inspection\./, '检查环节'],
  [/^draw\.commit$/, '封存随机种子'],
  [/^draw\.record$/, '随机抽取'],
  [/^draw\.recusal$/, '回避重抽'],
  [/^plan\.round\.edit$/, '修改抽查轮次'],
  [/^plan\./, '年度计划'],
  [/^enterprise\.edit$/, '修改企业信息'],
  [/^inspector\.edit$/, '修改执法人员'],
  [/^item\.publish$/, '发布检查事项'],
  [/^roster\.import\./, '导入名录'],
  [/^calendar\.import$/, '导入节假日安排'],
  [/^user\.create$/, '新建用户'],
  [/^user\.password$/, '修改本人密码'],
  [/^user\.passwordReset$/, '重置密码'],
  [/^user\.role$/, '调整角色'],
  [/^user\.disable$/, '停用账户'],
  [/^user\.enable$/, '启用账户'],
  [/^system\./, '系统'],
];

export const actionName = (action: string) => ACTION_NAMES.find(([re]) => re.test(action))?.[1] ?? action;

/** Inspections are filed by their database id (steps) or their workflow id (opening). */
function subjectLink(type: string, id: string, workflowIds: Map<string, string>): string {
  const text = esc(`${type} ${id}`);
  const workflowId = type === 'inspection' ? (workflowIds.get(id) ?? (/^\d+$/.test(id) ? null : id)) : null;
  if (workflowId) return `<a href="/inspections/${encodeURIComponent(workflowId)}">${text}</a>`;
  if (type === 'draw') return `<a href="/draws/${encodeURIComponent(id.split('/')[0] ?? id)}">${text}</a>`;
  if (type === 'enterprise') return `<a href="/enterprises/${encodeURIComponent(id)}">${text}</a>`;
  return text;
}

interface AuditQuery {
  action?: string;
  subject?: string;
}

function filtered<T extends { action: string; subjectType: string; subjectId: string }>(all: T[], q: AuditQuery): T[] {
  return all
    .filter((e) => !q.action || e.action.startsWith(q.action))
    .filter((e) => !q.subject || `${e.subjectType} ${e.subjectId}`.includes(q.subject));
}

const EXPORT_HEADERS = [
  '编号',
  '时间（北京时间）',
  '操作人',
  '操作',
  '操作代码',
  '对象类型',
  '对象',
  '详情',
  '时间（UTC，校验用）',
  '前一条哈希',
  '本条哈希',
];

export async function auditRoutes(app: FastifyInstance, deps: WebDeps) {
  /**
   * The entries as CSV for an auditor, with the exact time and the hashes: with `src/audit/chain.ts`'s rule
   * (SHA-256 over the previous hash and the entry's canonical JSON) anyone can check the chain without this
   * program. (A cell that would read as a spreadsheet formula is prefixed with ', as in every export.)
   */
  app.get('/audit/export.csv', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return;
    requireRole(u, ['LEGAL', 'LEADER', 'ADMIN']);
    const all = await deps.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    const rows = filtered(all, req.query as AuditQuery).map((e) =>
      [
        String(e.id),
        chinaDateTime(e.at.getTime()),
        e.actor,
        actionName(e.action),
        e.action,
        e.subjectType,
        e.subjectId,
        JSON.stringify(e.details),
        e.at.toISOString(),
        e.prevHash,
        e.hash,
      ].map(safeCell),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审计日志.csv')}`)
      .send(Buffer.from(`\uFEFF${stringify([EXPORT_HEADERS, ...rows])}`, 'utf8'));
  });

  app.get('/audit', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return;
    requireRole(u, ['LEGAL', 'LEADER', 'ADMIN']);
    const q = req.query as { action?: string; subject?: string; before?: string };
    const before = q.before ? Number(q.before) : null;
    if (before !== null && !Number.isInteger(before))
      return reply
        .code(400)
        .type('text/html')
        .send(page('审计日志', `<p class="error">before: "${esc(q.before)}" 不是条目编号</p>`, u));
    // The whole chain is checked each time: a district's years of entries verify in well under a second.
    const all = await deps.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    const broken = firstBrokenLink(all);
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
    const rows = shown.map((e) => [
      String(e.id),
      esc(chinaDateTime(e.at.getTime())),
      esc(e.actor),
      `${esc(actionName(e.action))}<br><small>${esc(e.action)}</small>`,
      subjectLink(e.subjectType, e.subjectId, workflowIds),
      `<small style="word-break:break-all">${esc(JSON.stringify(e.details).slice(0, 300))}</small>`,
    ]);
    const older = matches.length > PAGE_SIZE ? (shown.at(-1)?.id ?? null) : null;
    const keep = new URLSearchParams({ action: q.action ?? '', subject: q.subject ?? '' });
    const csv = `<p><a href="/audit/export.csv?${keep}">导出为 CSV（含哈希，可独立校验）</a></p>`;
    const form = `<form method="get" action="/audit">
      <label>操作（前缀，如 draw. 或 inspection.） <input type="text" name="action" value="${esc(q.action)}"></label>
      <label>对象（如 draw D2026-FMG 或企业信用代码） <input type="text" name="subject" value="${esc(q.subject)}"></label>
      <button>筛选</button></form>`;
    const more = older ? `<p><a href="/audit?${keep}&before=${older}">更早的记录</a></p>` : '';
    reply
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
