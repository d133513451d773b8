// Server-rendered pages: plain HTML that works in any office browser.
import type { FastifyReply } from 'fastify';
import { type CjkFont, findCjkFont } from '../documents/fonts.ts';
import { ROLE } from '../domain/glossary.ts';

import { type Child, Html, html, joined } from './view.ts';

export { type Child, Html, html, joined };

export interface PageUser {
  displayName: string;
  role: string;
}

export const ROLE_NAMES: Readonly<Record<string, string>> = ROLE;

/** Every role but the 见证人, who sees only draw sessions and the public pages. */
const BUREAU_STAFF = ['STAFF', 'LEGAL', 'SUPERVISOR', 'LEADER', 'ADMIN'];

/** The menu: every page the role may open, and only those (the server checks again on each). */
const MENU: [href: string, label: string, roles?: string[]][] = [
  ['/tasks', '我的待办'],
  ['/plans', '年度计划', BUREAU_STAFF],
  ['/inspections/new', '非随机检查', ['STAFF', 'SUPERVISOR', 'LEGAL', 'ADMIN']],
  ['/rosters/enterprises', '企业名录', BUREAU_STAFF],
  ['/rosters/inspectors', '执法人员', BUREAU_STAFF],
  ['/items', '事项清单', BUREAU_STAFF],
  ['/supervisor', '督办', ['SUPERVISOR', 'LEGAL', 'LEADER', 'ADMIN']],
  ['/reports', '年度报告', BUREAU_STAFF],
  ['/calendar', '节假日', BUREAU_STAFF],
  ['/audit', '审计', ['LEGAL', 'LEADER', 'ADMIN']],
  ['/admin/users', '用户', ['ADMIN']],
  ['/admin/categories', '公示类别', ['ADMIN']],
  ['/public', '公示'],
];

/** A whole page: the document, the menu for the user's role, the title and the body. */
export function page(title: string, body: Html, user?: PageUser | null, csrf?: string): string {
  const menu = MENU.filter(([, , roles]) => !roles || (user && roles.includes(user.role))).map(
    ([href, label]) => html`<li><a href="${href}">${label}</a></li>`,
  );
  const nav = user
    ? html`<nav><ul>${menu}</ul><ul class="who"><li><a href="/account">${user.displayName}（${ROLE_NAMES[user.role] ?? user.role}）</a></li>
       <li><form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button class="secondary outline">退出</button></form></li></ul></nav>`
    : html`<nav><ul><li><a href="/public">公示</a></li><li><a href="/login">登录</a></li></ul></nav>`;
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · 双随机、一公开</title>
<link rel="stylesheet" href="/assets/pico.css"><link rel="stylesheet" href="/assets/ssj.css"></head>
<body><header class="container">${nav}</header><main class="container"><h1>${title}</h1>${body}</main></body></html>`
    .markup;
}

/** A table: text cells are escaped like everything else; a cell that is markup (a link, a form) is Html. */
export function table(head: string[], rows: Child[][]): Html {
  if (!rows.length) return html`<p>（无）</p>`;
  return html`<div class="table-wrap"><table><tr>${head.map((h) => html`<th>${h}</th>`)}</tr>${rows.map(
    (r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`,
  )}</table></div>`;
}

/** The CJK font for a PDF, or a 503 that says how to install one. */
export function fontOr503(reply: FastifyReply): CjkFont | null {
  const font = findCjkFont();
  if (!font)
    reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .send('SSJ_CJK_FONT: no CJK font installed (apt-get install fonts-noto-cjk)');
  return font;
}

/** The outcome of a form, shown on top of the page it returns to. */
export interface Flash {
  ok: boolean;
  text?: string;
  /** Markup (e.g. a list of row errors). */
  html?: Html;
}

/** A console page, with the outcome of a form on top; 400 when the form was refused. */
export function sendPage(reply: FastifyReply, title: string, body: Html, user: PageUser, csrf: string, flash?: Flash) {
  const banner = !flash
    ? null
    : flash.html !== undefined
      ? html`<div class="${flash.ok ? 'ok' : 'error'}">${flash.html}</div>`
      : html`<p class="${flash.ok ? 'ok' : 'error'}">${flash.text}</p>`;
  return reply
    .code(flash && !flash.ok ? 400 : 200)
    .type('text/html')
    .send(page(title, html`${banner}${body}`, user, csrf));
}
