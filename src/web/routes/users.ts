// Accounts: 我的账户 (anyone changes their own password) and 用户 (the
// administrator creates accounts, stops and restores them, and sets a new
// initial password). Every change is filed in the audit log; no password or
// hash ever is.
import bcrypt from 'bcryptjs';
import type { FastifyReply } from 'fastify';
import type { Static } from 'typebox';
import {
  AccountError,
  changePlace,
  createAccount,
  MIN_PASSWORD,
  passwordProblem,
  ROLES,
  setActive,
  setPassword,
} from '../../accounts/accounts.ts';
import type { User } from '../../db/client.ts';
import { type Flash, html, joined, ROLE_NAMES, sendPage, table } from '../html.ts';
import { pageNumber, pageOf, pagerLinks } from '../pager.ts';
import { form, listQuery, optional, Type, text } from '../schemas.ts';
import { literalSearch } from '../search.ts';
import { type App, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

function hidden(csrf: string) {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}

/** A password typed in a form: bounded well above the rule's 200 (src/accounts), whose message is the clearer one. */
const password = (title: string) => optional(text(title, 1_000));
/** A unit chosen from the select: its id, or empty for none. */
const unitChoice = optional(Type.String({ title: '单位', maxLength: 12, pattern: '^[0-9]*$' }));

const passwordChange = form({
  current: password('当前密码'),
  next: password('新密码'),
  again: password('再输一次新密码'),
});
const newAccount = form({
  username: optional(text('用户名', 200)),
  displayName: optional(text('姓名', 200)),
  password: password('初始密码'),
  role: optional(text('角色', 40)),
  unitId: unitChoice,
});
/** The forms of the 用户 page's row of actions on an account: each sends some of these. */
const accountAction = form({
  active: optional(text('账号状态', 8)),
  password: password('新的初始密码'),
  role: optional(text('角色', 40)),
  unitId: unitChoice,
});

export async function userRoutes(app: App, deps: WebDeps) {
  async function accountPage(reply: FastifyReply, u: SessionUser, flash?: Flash) {
    const csrf = await reply.generateCsrf();
    const unit = u.unitId === null ? null : await deps.db.unit.findUnique({ where: { id: u.unitId } });
    const first = u.mustChangePassword
      ? html`<p class="error">您的密码由管理员设定。请先修改密码，然后才能使用其他功能。</p>`
      : null;
    const body = html`${first}${table(
      ['用户名', '姓名', '角色', '单位'],
      [[u.username, u.displayName, ROLE_NAMES[u.role], unit?.name ?? '（全局）']],
    )}<h2>修改密码</h2><form method="post" action="/account/password">${hidden(csrf)}
      <label>当前密码 <input type="password" name="current" autocomplete="current-password" required></label>
      <label>新密码（至少 ${MIN_PASSWORD} 位） <input type="password" name="next" autocomplete="new-password" required></label>
      <label>再输一次新密码 <input type="password" name="again" autocomplete="new-password" required></label>
      <button>修改</button></form>`;
    return sendPage(reply, '我的账户', body, u, csrf, flash);
  }

  app.get('/account', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply; // redirected to sign in: an async handler must return the reply it sent
    return accountPage(reply, u);
  });

  app.post(
    '/account/password',
    { schema: { body: passwordChange }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      const b = req.body;
      const me = await deps.db.user.findUniqueOrThrow({ where: { id: u.id } });
      const problem =
        (!(await bcrypt.compare(b.current ?? '', me.passwordHash)) && '当前密码：不对，请重新输入') ||
        passwordProblem('next', b.next, u.username) ||
        (b.next !== b.again && '再输一次新密码：两次输入的新密码不一致') ||
        (b.next === b.current && '新密码：不能与当前密码相同');
      if (problem) return accountPage(reply, u, { ok: false, text: problem });
      const version = await setPassword(deps.db, u.username, b.next as string, u.displayName, 'user.password');
      // Every other session of this account ends; this one goes on.
      req.session.user = { ...u, mustChangePassword: false, sessionVersion: version };
      return accountPage(
        reply,
        { ...u, mustChangePassword: false, sessionVersion: version },
        { ok: true, text: '密码已修改，下次登录请使用新密码。' },
      );
    },
  );

  /** The accounts, searched by username, name or unit and paged; after an action, the first page unsearched. */
  async function usersPage(reply: FastifyReply, u: SessionUser, flash?: Flash, list = { q: '', page: 1 }) {
    const s = literalSearch(list.q);
    const where = list.q
      ? {
          OR: [
            { username: { contains: s.term } },
            { displayName: { contains: s.term } },
            { unit: { name: { contains: s.term } } },
          ],
        }
      : {};
    const {
      rows: users,
      total,
      capped,
    } = await pageOf(
      list.page,
      list.q !== '',
      {
        count: () => deps.db.user.count({ where }),
        rows: (skip, take) =>
          deps.db.user.findMany({ where, include: { unit: true }, orderBy: { id: 'asc' }, skip, take }),
      },
      (x) => s.matches(x.username, x.displayName, x.unit?.name),
    );
    const units = await deps.db.unit.findMany();
    const csrf = await reply.generateCsrf();
    const roleSelect = (current: string) =>
      html`<select name="role" aria-label="角色">${ROLES.map((r) => html`<option value="${r}"${r === current && html` selected`}>${ROLE_NAMES[r]}</option>`)}</select>`;
    const unitSelect = (current: number | null) =>
      html`<select name="unitId" aria-label="单位"><option value="">—</option>${units.map((x) => html`<option value="${x.id}"${x.id === current && html` selected`}>${x.name}</option>`)}</select>`;
    const actions = (x: (typeof users)[0]) =>
      x.id === u.id
        ? '（本人）'
        : html`<form method="post" action="/admin/users/${encodeURIComponent(x.username)}/active" class="inline">${hidden(csrf)}
          <input type="hidden" name="active" value="${x.active ? 'false' : 'true'}"><button>${x.active ? '停用' : '启用'}</button></form>
          <form method="post" action="/admin/users/${encodeURIComponent(x.username)}/password">${hidden(csrf)}
          <input type="password" name="password" placeholder="新的初始密码" aria-label="新的初始密码" autocomplete="new-password" required> <button>重置密码</button></form>
          <form method="post" action="/admin/users/${encodeURIComponent(x.username)}/role">${hidden(csrf)}
          ${roleSelect(x.role)} ${unitSelect(x.unitId)} <button>调整角色</button></form>`;
    const body = html`<form method="get" action="/admin/users"><label>搜索用户名、姓名或单位 <input type="search" name="q" value="${list.q}"></label><button>查找</button></form>
      ${table(
        ['用户名', '姓名', '角色', '单位', '状态', ''],
        users.map((x) => [
          x.username,
          x.displayName,
          ROLE_NAMES[x.role],
          x.unit?.name ?? '',
          x.active ? '在用' : html`<span class="overdue">已停用</span>`,
          actions(x),
        ]),
      )}${pagerLinks('/admin/users', list.q ? { q: list.q } : {}, list.page, total, capped)}
      <h2>新建用户</h2><form method="post" action="/admin/users">${hidden(csrf)}
      <label>用户名 <input type="text" name="username" required></label><label>姓名 <input type="text" name="displayName" required></label>
      <label>初始密码（至少 ${MIN_PASSWORD} 位） <input type="password" name="password" required></label>
      <label>角色 ${roleSelect('STAFF')}</label>
      <label>单位 ${unitSelect(null)}</label>
      <button>创建</button></form>`;
    return sendPage(reply, '用户', body, u, csrf, flash);
  }

  app.get('/admin/users', { schema: { querystring: Type.Object(listQuery) } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, ['ADMIN']);
    return usersPage(reply, u, undefined, { q: req.query.q ?? '', page: pageNumber(req.query.page) });
  });

  app.post('/admin/users', { schema: { body: newAccount }, preHandler: app.csrfProtection }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, ['ADMIN']);
    const b = req.body;
    const unit = b.unitId ? { id: Number(b.unitId) } : null;
    const account = { username: b.username ?? '', displayName: b.displayName ?? '', role: b.role ?? '', unit };
    try {
      await createAccount(deps.db, { ...account, password: b.password ?? '' }, u.displayName);
    } catch (e) {
      if (!(e instanceof AccountError)) throw e;
      return usersPage(reply, u, { ok: false, html: joined(e.problems, html`<br>`) });
    }
    // The new account found, wherever it falls in the pages.
    return reply.redirect(`/admin/users?${new URLSearchParams({ q: account.username })}`);
  });

  /** An administrator's action on someone else's account: the account is checked here, the action says what it did. */
  function onOtherAccount(
    action: string,
    act: (u: SessionUser, x: User, body: Static<typeof accountAction>) => Promise<Flash>,
  ) {
    const schema = { params: Type.Object({ username: text('用户名', 200) }), body: accountAction };
    app.post(`/admin/users/:username/${action}`, { schema, preHandler: app.csrfProtection }, async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      requireRole(u, ['ADMIN']);
      const { username } = req.params;
      const x = await deps.db.user.findUnique({ where: { username } });
      if (!x) return usersPage(reply, u, { ok: false, text: `用户名：没有用户 ${username}` });
      if (x.id === u.id)
        return usersPage(reply, u, { ok: false, text: '不能停用自己或在此重置自己的密码（请用“我的账户”）' });
      return usersPage(reply, u, await act(u, x, req.body));
    });
  }

  onOtherAccount('active', async (u, x, { active }) => {
    if (active !== 'true' && active !== 'false') return { ok: false, text: '账号状态：请用页面上的“停用”或“恢复”按钮' };
    // Stopped takes effect at the account's next click: every request reloads the account.
    await setActive(deps.db, x.username, active === 'true', u.displayName);
    return { ok: true, text: `${x.displayName}（${x.username}）已${active === 'true' ? '启用' : '停用'}` };
  });

  onOtherAccount('role', async (u, x, { role, unitId }) => {
    try {
      await changePlace(deps.db, x.username, role ?? '', unitId ? { id: Number(unitId) } : null, u.displayName);
    } catch (e) {
      if (!(e instanceof AccountError)) throw e;
      return { ok: false, html: joined(e.problems, html`<br>`) };
    }
    return { ok: true, text: `${x.displayName}（${x.username}）现为${ROLE_NAMES[role ?? ''] ?? role}` };
  });

  onOtherAccount('password', async (u, x, { password }) => {
    const bad = passwordProblem('password', password, x.username);
    if (bad) return { ok: false, text: bad };
    await setPassword(deps.db, x.username, password as string, u.displayName, 'user.passwordReset');
    return { ok: true, text: `${x.displayName}（${x.username}）的密码已重置：请当面告知本人，其登录后须先修改密码` };
  });
}
