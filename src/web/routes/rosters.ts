// 名录库: browse and search the enterprise and inspector rosters, import a
// file (nothing stored unless every row is right), export .xlsx / .csv.
import type { FastifyReply, FastifyRequest } from 'fastify';
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
import { type Child, type Flash, type Html, html, sendPage, table } from '../html.ts';
import { fileAfterCsrf } from '../multipart.ts';
import { pageNumber, pageOf, pagerLinks } from '../pager.ts';
import { form, listQuery, oneOf, optional, Type, text } from '../schemas.ts';
import { type LiteralSearch, literalSearch } from '../search.ts';
import { type App, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

const KINDS: Record<string, { kind: RosterKind; title: string }> = {
  enterprises: { kind: 'enterprises', title: '检查企业名录库' },
  inspectors: { kind: 'inspectors', title: '执法检查人员名录库' },
  items: { kind: 'items', title: '随机抽查事项清单（导入导出）' },
};

/** A unit's staff import their own unit's rows only; the bureau-wide roles, any. */
const scopeOf = (u: SessionUser) => (u.role === 'STAFF' ? { unitId: u.unitId ?? -1 } : null);

/** A page of the enterprise or inspector roster, each row linked to its own page (with its edit form and history). */
async function rosterPage(
  db: WebDeps['db'],
  kind: RosterKind,
  q: string,
  s: LiteralSearch,
  page: number,
): Promise<{ rows: Child[][]; total: number; capped: boolean }> {
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
      html`<a href="/enterprises/${encodeURIComponent(e.creditCode)}">${e.creditCode}</a>`,
      e.name,
      SECTOR_NAMES[e.sector],
      e.township,
      OPERATING_STATE[e.operatingState],
      e.riskClass,
    ]);
    return { rows, total: r.total, capped: r.capped };
  }
  if (kind !== 'inspectors') return { rows: [], total: 0, capped: false };
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
    html`<a href="/inspectors/${encodeURIComponent(i.certificateNo)}">${i.name}</a>`,
    i.certificateNo,
    i.unit.name,
    i.certificateTo.toISOString().slice(0, 10),
    CERTIFICATE_STATUS[i.certificateStatus],
  ]);
  return { rows, total: r.total, capped: r.capped };
}

/** The rosters a page, an export or an import is about (the path's first segment). */
const rosterKind = oneOf('名录', ['enterprises', 'inspectors', 'items']);

export async function rosterRoutes(app: App, deps: WebDeps) {
  prunePending(deps.config.dataDir); // files previewed and never confirmed do not outlive a day
  async function show(reply: FastifyReply, u: SessionUser, which: string, q: string, message?: Flash, page = 1) {
    const k = KINDS[which];
    if (!k) return reply.code(404).send();
    const csrf = await reply.generateCsrf();
    const s = literalSearch(q);
    const { rows, total, capped } = await rosterPage(deps.db, k.kind, q, s, page);
    const head =
      k.kind === 'enterprises'
        ? ['统一社会信用代码', '企业名称', '领域', '乡镇街道', '经营状态', '风险']
        : ['姓名', '执法证号', '单位', '有效期至', '状态'];
    const history = await deps.db.auditLog.findMany({
      where: { action: `roster.import.${k.kind}` },
      orderBy: { id: 'desc' },
      take: 10,
    });
    const body = html`
      <form method="get"><label>搜索 <input type="text" name="q" value="${q}"></label><button>查找</button></form>
      <p>导出：<a href="/rosters/${which}/export.xlsx">Excel</a> · <a href="/rosters/${which}/export.csv">CSV</a></p>
      <form method="post" action="/rosters/${which}/import" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${csrf}">
        <h3>导入（.xlsx / .csv，与导出格式相同；有任何错误则整批不导入）</h3><label>名录文件 <input type="file" name="file" required></label><button>导入</button></form>
      ${table(head, rows)}${pagerLinks(`/rosters/${which}`, { q }, page, total, capped)}
      <h2>导入记录</h2>${table(
        ['时间', '办理人', '文件', '行数'],
        history.map((h) => [
          h.at.toISOString().slice(0, 16),
          h.actor,
          (h.details as { fileName?: string }).fileName,
          (h.details as { rows?: number }).rows,
        ]),
      )}`;
    return sendPage(reply, k.title, body, u, csrf, message);
  }

  const list = { params: Type.Object({ which: rosterKind }), querystring: Type.Object(listQuery) };
  app.get('/rosters/:which', { schema: list }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    const q = (req.query.q ?? '').slice(0, 100);
    return show(reply, u, req.params.which, q, undefined, pageNumber(req.query.page));
  });

  const exported = { params: Type.Object({ which: rosterKind, format: oneOf('格式', ['xlsx', 'csv']) }) };
  app.get('/rosters/:which/export.:format', { schema: exported }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    const { which, format } = req.params;
    const k = KINDS[which];
    if (!k) return reply.code(404).send();
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
  async function changeList(r: ImportReport, done: boolean): Promise<Html> {
    const units: UnitNames = new Map((await deps.db.unit.findMany()).map((x) => [x.id, x.name]));
    const warning = done ? clearedExemptionsWarning(r) : clearedExemptionsPreviewWarning(r);
    const listed = r.changes
      .slice(0, 30)
      .map((c) => html`<li>${c.key}：${describeChange(c.field, c.from, c.to, units)}</li>`);
    const more =
      r.changeCount > listed.length &&
      html`<p>以上是前 ${listed.length} 处，共 ${r.changeCount} 处变更${done ? '，均已记入审计日志' : ''}。</p>`;
    return html`${importSummary(r, done)}${warning ? html`<p class="overdue">${warning}</p>` : null}${listed.length ? html`<ul>${listed}</ul>${more}` : null}`;
  }

  function refused(e: unknown): Flash | null {
    if (e instanceof RosterImportError)
      return {
        ok: false,
        html: html`整批未导入，请修改后重试：<ul>${e.errors.map((x) => html`<li>第 ${x.row} 行「${x.column}」：${x.message}</li>`)}</ul>${e.total > e.errors.length && html`<p>以上是前 ${e.errors.length} 处，共 ${e.total} 处问题。</p>`}`,
      };
    if (e instanceof TableError) return { ok: false, html: html`${e.message}` };
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
    const confirm = html`<form method="post" action="/rosters/${which}/import/confirm"><input type="hidden" name="_csrf" value="${csrf}">
      <input type="hidden" name="file" value="${id}"><input type="hidden" name="name" value="${name}"><input type="hidden" name="digest" value="${plan.digest}">
      <button>确认导入</button> <a href="/rosters/${which}">取消，不导入</a></form>`;
    const body = html`${note ? html`<p class="error">${note}</p>` : null}<p>文件：${name}。以下变更<b>尚未保存</b>，核对无误后确认导入。</p>${await changeList(plan.report, false)}${confirm}`;
    return sendPage(reply, `导入预览：${KINDS[which]?.title ?? ''}`, body, u, csrf);
  }

  /** Who may import, and into which roster (an own key of KINDS only): null when the reply is already sent. */
  function importer(req: FastifyRequest, reply: FastifyReply, which: string) {
    const u = userOf(req, reply);
    if (!u) return null;
    requireRole(u, ['STAFF', 'LEGAL', 'ADMIN']);
    const k = Object.hasOwn(KINDS, which) ? KINDS[which] : undefined;
    if (!k) {
      reply.code(404).send();
      return null;
    }
    return { u, which, k };
  }

  // An upload (multipart): the file is read after its form's token checks out, so no body schema.
  app.post('/rosters/:which/import', { schema: { params: Type.Object({ which: rosterKind }) } }, async (req, reply) => {
    const who = importer(req, reply, req.params.which);
    if (!who) return reply;
    const { u, which, k } = who;
    const file = await fileAfterCsrf(req, MAX_FILE_BYTES);
    if (!file) return show(reply, u, which, '', { ok: false, html: html`请选择文件` });
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

  const confirmation = {
    params: Type.Object({ which: rosterKind }),
    body: form({
      file: optional(text('预览文件', 200)),
      name: optional(text('文件名', 1000)),
      digest: optional(text('变更摘要', 200)),
    }),
  };
  app.post(
    '/rosters/:which/import/confirm',
    { schema: confirmation, preHandler: app.csrfProtection },
    async (req, reply) => {
      const who = importer(req, reply, req.params.which);
      if (!who) return reply;
      const { u, which, k } = who;
      const b = req.body;
      // Claimed for this confirmation alone: a second confirm sent at the same time finds nothing.
      const pending = claimPending(deps.config.dataDir, b.file);
      if (!pending)
        return show(reply, u, which, '', {
          ok: false,
          html: html`这次导入已确认过，或预览已过期：请在下方名录中核对，需要时重新选择文件导入`,
        });
      const shown = b.name?.trim() ? b.name.trim().slice(0, 255) : `名录.${pending.ext}`;
      // The parser goes by the extension of the file that was kept, whatever the name says.
      const name = shown.toLowerCase().endsWith(`.${pending.ext}`) ? shown : `${shown}.${pending.ext}`;
      try {
        const digest = b.digest ?? '';
        const r = await importRoster(deps.db, k.kind, name, pending.bytes, u.displayName, scopeOf(u), digest);
        pending.done();
        return show(reply, u, which, '', { ok: true, html: await changeList(r, true) });
      } catch (e) {
        if (e instanceof PreviewStale) {
          pending.release(); // shown again, to be confirmed again
          return preview(reply, u, which, b.file ?? '', shown, e.plan, e.message);
        }
        pending.release(); // refused or failed: the same preview may be confirmed again
        const flash = refused(e);
        if (!flash) throw e;
        return show(reply, u, which, '', flash);
      }
    },
  );
}
