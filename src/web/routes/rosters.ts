// 名录库: browse and search the enterprise and inspector rosters, import a
// file (nothing stored unless every row is right), export .xlsx / .csv.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CERTIFICATE_STATUS, OPERATING_STATE } from '../../domain/glossary.ts';
import { SECTOR_NAMES } from '../../domain/sectors.ts';
import {
  clearedExemptionsPreviewWarning,
  clearedExemptionsWarning,
  describeChange,
  importSummary,
  type UnitNames,
} from '../../rosters/changes.ts';
import { exportRoster } from '../../rosters/export.ts';
import {
  type ImportReport,
  importRoster,
  PreviewStale,
  previewRoster,
  RosterImportError,
  type RosterKind,
  type RosterPlan,
} from '../../rosters/import.ts';
import { LIMIT_WORDS, MAX_FILE_BYTES } from '../../rosters/limits.ts';
import { claimPending, keepPending, prunePending } from '../../rosters/pending.ts';
import { TableError } from '../../rosters/table.ts';
import { esc, sendPage, table } from '../html.ts';
import { fileAfterCsrf } from '../multipart.ts';
import { pageNumber, pageOf, pagerLinks } from '../pager.ts';
import { type LiteralSearch, literalSearch } from '../search.ts';
import { requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

const KINDS: Record<string, { kind: RosterKind; title: string }> = {
  enterprises: { kind: 'enterprises', title: '检查企业名录库' },
  inspectors: { kind: 'inspectors', title: '执法检查人员名录库' },
  items: { kind: 'items', title: '随机抽查事项清单（导入导出）' },
};

/** A unit's staff import their own unit's rows only; the bureau-wide roles, any. */
const scopeOf = (u: SessionUser) => (u.role === 'STAFF' ? { unitId: u.unitId ?? -1 } : null);

/** A page of the enterprise or inspector roster, each row linked to its own page (with its edit form and history). */
async function rosterPage(db: WebDeps['db'], kind: RosterKind, q: string, s: LiteralSearch, page: number) {
  if (kind === 'enterprises') {
    const where = q ? { OR: [{ name: { contains: s.term } }, { creditCode: { contains: s.term } }] } : {};
    const r = await pageOf(
      page,
      q !== '',
      {
        count: () => db.enterprise.count({ where }),
        rows: (skip, take) => db.enterprise.findMany({ where, orderBy: { id: 'asc' }, skip, take }),
      },
      (e) => s.matches(e.name, e.creditCode),
    );
    const rows = r.rows.map((e) => [
      `<a href="/enterprises/${encodeURIComponent(e.creditCode)}">${esc(e.creditCode)}</a>`,
      esc(e.name),
      esc(SECTOR_NAMES[e.sector]),
      esc(e.township),
      esc(OPERATING_STATE[e.operatingState]),
      esc(e.riskClass),
    ]);
    return { rows, total: r.total };
  }
  if (kind !== 'inspectors') return { rows: [], total: 0 };
  const where = q ? { OR: [{ name: { contains: s.term } }, { certificateNo: { contains: s.term } }] } : {};
  const r = await pageOf(
    page,
    q !== '',
    {
      count: () => db.inspector.count({ where }),
      rows: (skip, take) =>
        db.inspector.findMany({ where, include: { unit: true }, orderBy: { id: 'asc' }, skip, take }),
    },
    (i) => s.matches(i.name, i.certificateNo),
  );
  const rows = r.rows.map((i) => [
    `<a href="/inspectors/${encodeURIComponent(i.certificateNo)}">${esc(i.name)}</a>`,
    esc(i.certificateNo),
    esc(i.unit.name),
    esc(i.certificateTo.toISOString().slice(0, 10)),
    esc(CERTIFICATE_STATUS[i.certificateStatus]),
  ]);
  return { rows, total: r.total };
}

export async function rosterRoutes(app: FastifyInstance, deps: WebDeps) {
  prunePending(deps.config.dataDir); // files previewed and never confirmed do not outlive a day
  async function show(
    reply: FastifyReply,
    u: SessionUser,
    which: string,
    q: string,
    message?: { ok: boolean; html: string },
    page = 1,
  ) {
    const k = KINDS[which];
    if (!k) return reply.code(404).send();
    const csrf = await reply.generateCsrf();
    const s = literalSearch(q);
    const { rows, total } = await rosterPage(deps.db, k.kind, q, s, page);
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
      ${table(head, rows)}${pagerLinks(`/rosters/${which}`, { q }, page, total)}
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
    const query = (req.query ?? {}) as { q?: unknown; page?: unknown };
    const q = typeof query.q === 'string' ? query.q.slice(0, 100) : '';
    return show(reply, u, (req.params as { which: string }).which, q, undefined, pageNumber(query.page));
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

  /** The changes an import makes (or would make), field by field, with the Art. 15 warning first. */
  async function changeList(r: ImportReport, done: boolean) {
    const units: UnitNames = new Map((await deps.db.unit.findMany()).map((x) => [x.id, x.name]));
    const warning = done ? clearedExemptionsWarning(r) : clearedExemptionsPreviewWarning(r);
    const listed = r.changes
      .slice(0, 30)
      .map((c) => `<li>${esc(c.key)}：${esc(describeChange(c.field, c.from, c.to, units))}</li>`);
    const more =
      r.changeCount > listed.length
        ? `<p>以上是前 ${listed.length} 处，共 ${r.changeCount} 处变更${done ? '，均已记入审计日志' : ''}。</p>`
        : '';
    return `${esc(importSummary(r, done))}${warning ? `<p class="overdue">${esc(warning)}</p>` : ''}${listed.length ? `<ul>${listed.join('')}</ul>${more}` : ''}`;
  }

  function refused(e: unknown): { ok: false; html: string } | null {
    if (e instanceof RosterImportError)
      return {
        ok: false,
        html: `整批未导入，请修改后重试：<ul>${e.errors.map((x) => `<li>第 ${x.row} 行「${esc(x.column)}」：${esc(x.message)}</li>`).join('')}</ul>${e.total > e.errors.length ? `<p>以上是前 ${e.errors.length} 处，共 ${e.total} 处问题。</p>` : ''}`,
      };
    if (e instanceof TableError) return { ok: false, html: esc(e.message) };
    return null;
  }

  /** The preview: what the import would do, and a form that applies exactly that (by the file's hash and the plan's digest). */
  async function preview(
    reply: FastifyReply,
    u: SessionUser,
    which: string,
    id: string,
    name: string,
    plan: RosterPlan,
    note = '',
  ) {
    const csrf = await reply.generateCsrf();
    const confirm = `<form method="post" action="/rosters/${which}/import/confirm"><input type="hidden" name="_csrf" value="${esc(csrf)}">
      <input type="hidden" name="file" value="${esc(id)}"><input type="hidden" name="name" value="${esc(name)}"><input type="hidden" name="digest" value="${esc(plan.digest)}">
      <button>确认导入</button> <a href="/rosters/${which}">取消，不导入</a></form>`;
    const body = `${note ? `<p class="error">${esc(note)}</p>` : ''}<p>文件：${esc(name)}。以下变更<b>尚未保存</b>，核对无误后确认导入。</p>${await changeList(plan.report, false)}${confirm}`;
    return sendPage(reply, `导入预览：${KINDS[which]?.title ?? ''}`, body, u, csrf);
  }

  /** Who may import, and into which roster (an own key of KINDS only): null when the reply is already sent. */
  function importer(req: FastifyRequest, reply: FastifyReply) {
    const u = userOf(req, reply);
    if (!u) return null;
    requireRole(u, ['STAFF', 'LEGAL', 'ADMIN']);
    const which = (req.params as { which: string }).which;
    const k = Object.hasOwn(KINDS, which) ? KINDS[which] : undefined;
    if (!k) {
      reply.code(404).send();
      return null;
    }
    return { u, which, k };
  }

  app.post('/rosters/:which/import', async (req, reply) => {
    const who = importer(req, reply);
    if (!who) return reply;
    const { u, which, k } = who;
    const file = await fileAfterCsrf(req, MAX_FILE_BYTES);
    if (!file) return show(reply, u, which, '', { ok: false, html: '请选择文件' });
    try {
      const bytes = await file.toBuffer().catch((e: unknown) => {
        // The upload stopped at the limit: refused by name, nothing past the limit was kept.
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new TableError(LIMIT_WORDS.fileTooBig(file.filename));
        throw e;
      });
      const plan = await previewRoster(deps.db, k.kind, file.filename, bytes, scopeOf(u));
      const id = keepPending(deps.config.dataDir, file.filename, bytes);
      if (!id) throw new TableError(`${file.filename}：请上传 .xlsx 或 .csv 文件`);
      return preview(reply, u, which, id, file.filename.slice(0, 255), plan);
    } catch (e) {
      const flash = refused(e);
      if (!flash) throw e;
      return show(reply, u, which, '', flash);
    }
  });

  app.post('/rosters/:which/import/confirm', { preHandler: app.csrfProtection }, async (req, reply) => {
    const who = importer(req, reply);
    if (!who) return reply;
    const { u, which, k } = who;
    const b = (req.body ?? {}) as Record<string, unknown>;
    // Claimed for this confirmation alone: a second confirm sent at the same time finds nothing.
    const pending = claimPending(deps.config.dataDir, b.file);
    if (!pending)
      return show(reply, u, which, '', {
        ok: false,
        html: '这次导入已确认过，或预览已过期：请在下方名录中核对，需要时重新选择文件导入',
      });
    const shown = typeof b.name === 'string' && b.name.trim() ? b.name.trim().slice(0, 255) : `名录.${pending.ext}`;
    // The parser goes by the extension of the file that was kept, whatever the name says.
    const name = shown.toLowerCase().endsWith(`.${pending.ext}`) ? shown : `${shown}.${pending.ext}`;
    try {
      const digest = typeof b.digest === 'string' ? b.digest : '';
      const r = await importRoster(deps.db, k.kind, name, pending.bytes, u.displayName, scopeOf(u), digest);
      pending.done();
      return show(reply, u, which, '', { ok: true, html: await changeList(r, true) });
    } catch (e) {
      if (e instanceof PreviewStale) {
        pending.release(); // shown again, to be confirmed again
        return preview(reply, u, which, b.file as string, shown, e.plan, e.message);
      }
      pending.release(); // refused or failed: the same preview may be confirmed again
      const flash = refused(e);
      if (!flash) throw e;
      return show(reply, u, which, '', flash);
    }
  });
}
