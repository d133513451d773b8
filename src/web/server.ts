// The staff console: sessions, roles, CSRF, a rate-limited sign-in. Every
// permission is checked here on the server; pages never hide what the
// server would still allow.
import { randomBytes } from 'node:crypto';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import session from '@fastify/session';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import bcrypt from 'bcryptjs';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { Config } from '../config/index.ts';
import type { Db, User } from '../db/client.ts';
import { ROLE } from '../domain/glossary.ts';
import type { PayloadKeys } from '../temporal/codec.ts';
import { MAX_SCAN_BYTES } from '../workflows/inspection/types.ts';
import { assetRoutes } from './assets.ts';
import { html, page } from './html.ts';
import { assignedRoutes } from './routes/assigned.ts';
import { auditRoutes } from './routes/audit.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { categoryRoutes } from './routes/categories.ts';
import { codecRoutes } from './routes/codec.ts';
import { drawRoutes } from './routes/draws.ts';
import { enterpriseRoutes } from './routes/enterprise.ts';
import { inspectionRoutes } from './routes/inspections.ts';
import { inspectorRoutes } from './routes/inspector.ts';
import { itemRoutes } from './routes/items.ts';
import { listRoutes } from './routes/lists.ts';
import { planRoutes } from './routes/plans.ts';
import { publicRoutes } from './routes/public.ts';
import { publicDrawRoutes } from './routes/publicDraws.ts';
import { reportRoutes } from './routes/reports.ts';
import { rosterRoutes } from './routes/rosters.ts';
import { userRoutes } from './routes/users.ts';
import { form, optional, RequestRefused, refusalOf, Type, text } from './schemas.ts';
import { SignInLimit } from './session/signInLimit.ts';
import { DbSessionStore } from './session/store.ts';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: 'STAFF' | 'LEGAL' | 'SUPERVISOR' | 'LEADER' | 'ADMIN' | 'OBSERVER';
  unitId: number | null;
  unitCode: string | null;
  /** The administrator set this account's password: nothing but 我的账户 until its owner changes it. */
  mustChangePassword: boolean;
  /** The account's sessionVersion at sign-in: a password change or a stop raises it and ends other sessions. */
  sessionVersion: number;
}

declare module 'fastify' {
  interface Session {
    user?: SessionUser;
  }
}

export interface WebDeps {
  db: Db;
  client: Client;
  config: Pick<Config, 'dataDir' | 'optimisationOfficeEmail'>;
  /** Where the console starts Art. 8 inspections (routes/assigned.ts); without it, it starts none. */
  starting?: Pick<Config, 'taskQueue' | 'policy'>;
  sessionSecret?: string;
  /** Failed sign-ins allowed (default: 10 per account and address, 30 per address, a quarter-hour). */
  signInLimit?: SignInLimit;
  /** Behind a reverse proxy: trust its X-Forwarded-For (true, a hop count or addresses; SSJ_TRUST_PROXY). */
  trustProxy?: boolean | number | string;
  /** With codecOrigins: the Temporal Web UI may decode payloads through /codec/decode (routes/codec.ts). */
  payloadKeys?: PayloadKeys;
  codecOrigins?: string[];
  /**
   * How old 督办's charts may be, ms (default a minute; src/web/routes/lists.ts).
   * 0: drawn on every view (a test that checks the numbers right after it changes them).
   */
  freshness?: { chartsMs?: number };
}

/** The console's Fastify: every route's params, query and body typed by its TypeBox schema (src/web/schemas.ts). */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export class Forbidden extends Error {}

function sessionUserOf(u: User & { unit: { code: string } | null }): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitId: u.unitId,
    unitCode: u.unit?.code ?? null,
    mustChangePassword: u.mustChangePassword,
    sessionVersion: u.sessionVersion,
  };
}

/** A hash no password matches, compared against when the account does not exist (uniform sign-in timing). */
const UNKNOWN_USER_HASH = bcrypt.hashSync(randomBytes(16).toString('hex'), 10);

/**
 * Where a 见证人 (an observer from 区优化办 or 纪检 who takes part in draw
 * sessions) may go: their tasks, the draw pages, their account, the public
 * pages. Everything else is the bureau's and answers 403.
 */
const OBSERVER_ROUTES = new Set([
  '/tasks',
  '/draws/:id',
  '/draws/:id/commit',
  '/draws/:id/reveal',
  '/draws/:id/beacon',
  '/account',
  '/account/password',
  '/logout',
  '/login',
  '/',
  '/assets/:name',
]);

/** Where an account whose password the administrator set may go before changing it. */
const BEFORE_PASSWORD_CHANGE = new Set(['/account', '/account/password', '/logout', '/login', '/public']);

/** The signed-in user, or a redirect to sign in. */
export function userOf(req: FastifyRequest, reply: FastifyReply): SessionUser | null {
  const u = req.session.user;
  if (!u) {
    // A long address (a long search) is not carried: safeNext would drop it anyway, and the login page bounds it.
    reply.redirect(req.url.length < 500 ? `/login?next=${encodeURIComponent(req.url)}` : '/login');
    return null;
  }
  return u;
}

/**
 * Where to go after signing in: a path on this site, or 我的待办. Never an open
 * redirect: no scheme, no "//" or "/\" (which browsers read as another host), no
 * backslash, tab or other control character anywhere (browsers drop or turn them).
 */
export function safeNext(next: string | undefined): string {
  const local = (p: string) => p.length < 500 && /^\/(?![/\\])[!-~]*$/.test(p) && !p.includes('\\');
  if (typeof next !== 'string' || !local(next)) return '/tasks';
  // Decoded too: `/%5Cevil` or `/%2F/evil` must not become a host in a browser that decodes before it resolves.
  try {
    return local(decodeURIComponent(next)) ? next : '/tasks';
  } catch {
    return '/tasks';
  }
}

/** Why a workflow refused a step (its validator's or handler's words), or null when it was not a refusal. */
export const rejection = (e: unknown) =>
  e instanceof WorkflowUpdateFailedError ? ((e.cause as Error | undefined)?.message ?? e.message) : null;

/** Staff and supervisors work for one unit: they see and change that unit's plans, draws and roster only. */
export const ownUnitOnly = (u: SessionUser) => u.role === 'STAFF' || u.role === 'SUPERVISOR';

/** 403 unless the user may act for this unit (bureau-wide roles may act for every unit). */
export function requireUnit(u: SessionUser, unitId: number | null, what: string) {
  if (ownUnitOnly(u) && unitId !== u.unitId) throw new Forbidden(`这是其他单位的${what}：只能查看和办理本单位的`);
}

export function requireRole(u: SessionUser, roles: SessionUser['role'][]) {
  if (!roles.includes(u.role)) throw new Forbidden(`需要以下角色之一：${roles.map((r) => ROLE[r]).join('、')}`);
}

export async function buildServer(deps: WebDeps) {
  // Forms are small: 256 KiB for any body. Uploads are multipart, limited per file by the multipart plugin.
  const app: App = Fastify({
    logger: false,
    bodyLimit: 256 * 1024,
    trustProxy: (deps.trustProxy ?? false) as boolean,
    // A refused request names the field by its title in the schema (verbose: the schema comes with the error).
    ajv: { customOptions: { verbose: true } },
    schemaErrorFormatter: refusalOf,
  }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(helmet, {
    // Pages are server-rendered: their own scripts and styles only, nothing framed, nothing sent elsewhere.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    // Plain HTTP on an office network is common: HSTS is for the HTTPS proxy in front (README, "Security").
    strictTransportSecurity: false,
  });
  // Pages and styles compressed for a phone on a slow connection (Pico's 83 KB of CSS travel as about 12 KB).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  // Every HTML page declares its encoding.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (reply.getHeader('content-type') === 'text/html') reply.header('content-type', 'text/html; charset=utf-8');
    return payload;
  });
  await app.register(cookie);
  await app.register(session, {
    secret: deps.sessionSecret ?? randomBytes(32).toString('hex'),
    store: new DbSessionStore(deps.db),
    // A session is stored once it holds something (a form's token, a user): none for a reader of /public.
    saveUninitialized: false,
    // Saved when it changes (sign-in, a form's first token), not on every page: a page view writes nothing.
    // The 8 hours then run from sign-in, a working day, however busy the day.
    rolling: false,
    cookieName: 'ssj.sid',
    cookie: { secure: 'auto', httpOnly: true, sameSite: 'lax', maxAge: 8 * 3600_000 },
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/session',
    // Forms carry the token in the body (uploads too: src/web/multipart.ts), scripts in a header; never the URL.
    getToken: (req) =>
      (req.body as { _csrf?: string } | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: MAX_SCAN_BYTES, files: 1 } });

  // The account is read again on every request: one the administrator stopped is signed out at its next click,
  // and a changed role or unit applies at once, not when the 8-hour session ends.
  app.addHook('preHandler', async (req, reply) => {
    const was = req.session?.user;
    if (!was) return;
    const now = await deps.db.user.findUnique({ where: { id: was.id }, include: { unit: true } });
    // Stopped, or its password changed elsewhere (sessionVersion): this session is over.
    if (!now?.active || now.sessionVersion !== was.sessionVersion) req.session.user = undefined;
    else if (JSON.stringify(sessionUserOf(now)) !== JSON.stringify(was)) req.session.user = sessionUserOf(now);
    const route = req.routeOptions.url ?? '';
    if (now?.active && now.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(route)) return reply.redirect('/account');
    if (now?.active && now.role === 'OBSERVER' && !OBSERVER_ROUTES.has(route) && !route.startsWith('/public'))
      throw new Forbidden('见证人只能查看和参加抽取会');
  });

  app.setErrorHandler((err, req, reply) => {
    const user = req.session?.user;
    if (err instanceof Forbidden)
      return reply
        .code(403)
        .type('text/html')
        .send(page('无权访问', html`<p class="error">${err.message}</p>`, user));
    if (err instanceof RequestRefused)
      return reply
        .code(400)
        .type('text/html')
        .send(page('无法处理', html`<p class="error">${err.message}</p>`, user));
    const e = err as { statusCode?: number; message: string };
    if (e.statusCode === 403)
      return reply
        .code(403)
        .type('text/html')
        .send(page('无权访问', html`<p class="error">表单已过期，请返回重试（CSRF）。</p>`, user));
    const status = e.statusCode ?? 500;
    if (status < 500)
      return reply
        .code(status)
        .type('text/html')
        .send(page('无法处理', html`<p class="error">请求无法处理：${e.message}</p>`, user));
    // The details (a database message, a source path) go to the log, under a number the page gives.
    const incident = randomBytes(4).toString('hex');
    console.error(`ssj console: incident ${incident} on ${req.method} ${req.url}:`, err);
    return reply
      .code(500)
      .type('text/html')
      .send(
        page(
          '出错了',
          html`<p class="error">系统出错，请稍后再试；如仍出错，请把编号 ${incident} 告诉管理员。</p>`,
          user,
        ),
      );
  });

  const loginQuery = { querystring: Type.Object({ next: optional(text('登录后前往', 1000)) }) };
  app.get('/login', { schema: loginQuery }, async (req, reply) => {
    const next = safeNext(req.query.next);
    return reply.type('text/html').send(loginPage(await reply.generateCsrf(), next));
  });

  const limit = deps.signInLimit ?? new SignInLimit();
  const signIn = form({
    username: optional(text('用户名', 64)),
    password: optional(text('密码', 200)),
    next: optional(text('登录后前往', 1000)),
  });
  app.post('/login', { schema: { body: signIn }, preHandler: app.csrfProtection }, async (req, reply) => {
    const username = req.body.username ?? '';
    const password = req.body.password ?? '';
    const next = safeNext(req.body.next);
    const wait = limit.blockedFor(req.ip, username);
    if (wait)
      return reply
        .code(429)
        .type('text/html')
        .send(loginPage(await reply.generateCsrf(), next, `登录失败次数过多，请 ${wait} 分钟后再试`));
    const user = username ? await deps.db.user.findUnique({ where: { username }, include: { unit: true } }) : null;
    // The same bcrypt work whether the account exists or not: the time taken tells nobody which names are real.
    const matches = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user?.active || !matches || !password) {
      limit.failed(req.ip, username);
      return reply
        .code(401)
        .type('text/html')
        .send(loginPage(await reply.generateCsrf(), next, '用户名或密码错误'));
    }
    limit.succeeded(req.ip, username);
    await req.session.regenerate();
    req.session.user = sessionUserOf(user);
    return reply.redirect(next);
  });

  app.post('/logout', { preHandler: app.csrfProtection }, async (req, reply) => {
    await req.session.destroy();
    return reply.redirect('/login');
  });

  app.get('/', async (_req, reply) => reply.redirect('/tasks'));
  await listRoutes(app, deps);
  await publicRoutes(app, deps);
  await categoryRoutes(app, deps);
  await inspectionRoutes(app, deps);
  await planRoutes(app, deps);
  await rosterRoutes(app, deps);
  await enterpriseRoutes(app, deps);
  await itemRoutes(app, deps);
  await auditRoutes(app, deps);
  await calendarRoutes(app, deps);
  await userRoutes(app, deps);
  await inspectorRoutes(app, deps);
  await reportRoutes(app, deps);
  await drawRoutes(app, deps);
  await publicDrawRoutes(app, deps);
  await codecRoutes(app, deps);
  await assignedRoutes(app, deps);
  assetRoutes(app);
  return app;
}

function loginPage(csrfToken: string, next: string, error?: string) {
  return page(
    '登录',
    html`${error ? html`<p class="error">${error}</p>` : null}<form method="post" action="/login">
      <input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="next" value="${next}">
      <label>用户名 <input type="text" name="username" autocomplete="username" required></label>
      <label>密码 <input type="password" name="password" autocomplete="current-password" required></label>
      <button>登录</button></form>
      <p>忘记密码或账户被停用：请联系系统管理员（在“用户”页重置或启用）。</p>`,
  );
}
