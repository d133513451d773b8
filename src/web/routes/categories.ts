// 公示类别: the list of result categories the bureau publishes under, edited
// by the administrator to match the platform it reports to. A category in
// use is retired (no longer offered), never deleted or recoded: published
// results keep the name they were published under. Every change is audited.
import type { FastifyReply } from 'fastify';
import { changeWithAudit } from '../../activities/audit.ts';
import { CATEGORY_CODE } from '../../records/publicationCategories.ts';
import { type Flash, type Html, html, sendPage, table } from '../html.ts';
import { form, oneOf, optional, Type, text } from '../schemas.ts';
import { type App, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

const PROBLEMS = { true: '发现问题时', false: '未发现问题时', any: '均可' } as const;
type ProblemsWord = keyof typeof PROBLEMS;
const problemsWord = (p: boolean | null): ProblemsWord => (p === null ? 'any' : p ? 'true' : 'false');
const problemsValue = (w: ProblemsWord) => (w === 'any' ? null : w === 'true');

const select = (current: ProblemsWord): Html =>
  html`<select name="problems" aria-label="是否发现问题">${Object.entries(PROBLEMS).map(
    ([k, v]) => html`<option value="${k}"${k === current ? html` selected` : null}>${v}</option>`,
  )}</select>`;

/** A category's fields as the form sends them: checked by readForm, whose messages name the field. */
const fields = {
  name: optional(text('名称', 200)),
  problems: optional(text('适用', 20)),
  sortOrder: optional(text('排序', 20)),
};
type Fields = { name?: string; problems?: string; sortOrder?: string };

/** A category is found by its code. */
const params = Type.Object({ code: text('类别代码', 100) });

interface CategoryForm {
  name: string;
  problems: boolean | null;
  sortOrder: number;
}

/** The form's fields, or what is wrong with them in words. */
function readForm(b: Fields): CategoryForm | string {
  const name = b.name?.trim() ?? '';
  if (!name || name.length > 60) return '类别名称：请填写（不超过 60 字），与公示平台上的写法一致';
  const p = b.problems !== undefined && Object.hasOwn(PROBLEMS, b.problems) ? (b.problems as ProblemsWord) : null;
  if (!p) return '适用：请选择 发现问题时、未发现问题时 或 均可';
  const sortOrder = Number(b.sortOrder ?? 0);
  if (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 9999) return '排序：请填 0 至 9999 的整数';
  return { name, problems: problemsValue(p), sortOrder };
}

export async function categoryRoutes(app: App, deps: WebDeps) {
  async function show(reply: FastifyReply, u: SessionUser, flash?: Flash) {
    const csrf = await reply.generateCsrf();
    const all = await deps.db.publicationCategory.findMany({ orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
    const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`;
    const rows = all.map((c) => [
      html`<form method="post" action="/admin/categories/${encodeURIComponent(c.code)}" class="inline">${hidden}
        <input type="text" name="name" value="${c.name}" aria-label="名称" required maxlength="60">
        ${select(problemsWord(c.problems))}
        <input type="number" name="sortOrder" value="${c.sortOrder}" aria-label="排序" min="0" max="9999">
        <button>保存</button></form>`,
      c.active ? '使用中' : '已停用',
      html`<form method="post" action="/admin/categories/${encodeURIComponent(c.code)}/active" class="inline">${hidden}
        <input type="hidden" name="active" value="${c.active ? 'false' : 'true'}"><button>${c.active ? '停用' : '恢复'}</button></form>`,
    ]);
    const body = html`<p>结果公示时从此表中选择公示类别；与所报送平台的类别保持一致。已使用的类别只能停用，不能删除，已公示的结果保留公示时的名称。</p>
      ${table(['类别（名称 · 适用 · 排序）', '状态', ''], rows)}
      <h2>新增类别</h2><form method="post" action="/admin/categories">${hidden}
        <label>代码（大写字母、数字、下划线，如 CORRECTED） <input type="text" name="code" required pattern="[A-Z][A-Z0-9_]{1,39}"></label>
        <label>名称 <input type="text" name="name" required maxlength="60"></label>
        <label>适用 ${select('any')}</label>
        <label>排序 <input type="number" name="sortOrder" value="100" min="0" max="9999"></label>
        <button>新增</button></form>`;
    return sendPage(reply, '公示类别', body, u, csrf, flash);
  }

  const admin = (req: Parameters<typeof userOf>[0], reply: FastifyReply) => {
    const u = userOf(req, reply);
    if (u) requireRole(u, ['ADMIN']);
    return u;
  };

  const audited = (u: SessionUser, action: string, code: string, details: object) => ({
    actor: u.displayName,
    action,
    subjectType: 'publicationCategory',
    subjectId: code,
    details,
  });

  app.get('/admin/categories', async (req, reply) => {
    const u = admin(req, reply);
    return u ? show(reply, u) : reply;
  });

  const created = { body: form({ code: optional(text('代码', 100)), ...fields }) };
  app.post('/admin/categories', { schema: created, preHandler: app.csrfProtection }, async (req, reply) => {
    const u = admin(req, reply);
    if (!u) return reply;
    const code = (req.body.code ?? '').trim();
    if (!CATEGORY_CODE.test(code))
      return show(reply, u, { ok: false, text: '代码：请用大写字母开头的 2 至 40 位大写字母、数字或下划线' });
    const form = readForm(req.body);
    if (typeof form === 'string') return show(reply, u, { ok: false, text: form });
    const clash = await deps.db.publicationCategory.findFirst({ where: { OR: [{ code }, { name: form.name }] } });
    if (clash)
      return show(reply, u, { ok: false, text: `已有类别“${clash.name}”（${clash.code}），请换一个代码或名称` });
    await changeWithAudit(deps.db, audited(u, 'category.create', code, { code, ...form }), (tx) =>
      tx.publicationCategory.create({ data: { code, ...form } }),
    );
    return show(reply, u, { ok: true, text: `已新增类别“${form.name}”` });
  });

  const updated = { params, body: form(fields) };
  app.post('/admin/categories/:code', { schema: updated, preHandler: app.csrfProtection }, async (req, reply) => {
    const u = admin(req, reply);
    if (!u) return reply;
    const code = req.params.code;
    const old = await deps.db.publicationCategory.findUnique({ where: { code } });
    if (!old) return reply.code(404).send();
    const form = readForm(req.body);
    if (typeof form === 'string') return show(reply, u, { ok: false, text: form });
    const clash = await deps.db.publicationCategory.findFirst({ where: { name: form.name, code: { not: code } } });
    if (clash) return show(reply, u, { ok: false, text: `名称“${form.name}”已被类别 ${clash.code} 使用` });
    const before = { name: old.name, problems: old.problems, sortOrder: old.sortOrder };
    await changeWithAudit(deps.db, audited(u, 'category.update', code, { before, after: form }), (tx) =>
      tx.publicationCategory.update({ where: { code }, data: form }),
    );
    return show(reply, u, { ok: true, text: `已保存类别“${form.name}”` });
  });

  // Which way is the button's (a hidden field), not typed: anything else is refused by the schema.
  const switched = { params, body: form({ active: oneOf('状态', ['true', 'false']) }) };
  app.post(
    '/admin/categories/:code/active',
    { schema: switched, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = admin(req, reply);
      if (!u) return reply;
      const code = req.params.code;
      const active = req.body.active;
      const old = await deps.db.publicationCategory.findUnique({ where: { code } });
      if (!old) return reply.code(404).send();
      await changeWithAudit(
        deps.db,
        audited(u, active === 'true' ? 'category.restore' : 'category.retire', code, {}),
        (tx) => tx.publicationCategory.update({ where: { code }, data: { active: active === 'true' } }),
      );
      return show(reply, u, { ok: true, text: `类别“${old.name}”已${active === 'true' ? '恢复' : '停用'}` });
    },
  );
}
