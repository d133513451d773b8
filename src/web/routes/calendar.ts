// 节假日安排: which years' official schedules the deadlines count on, and
// where each came from; the administrator and 法规股 enter a new year's
// schedule when 国务院办公厅 announces it (late in the year before), and every
// open inspection recomputes its provisional due dates.
import type { FastifyReply } from 'fastify';
import { CalendarImportError, type CalendarRow, checkRows, importCalendarYear } from '../../calendar/import.ts';
import { packageCalendar } from '../../calendar/officialCalendar.ts';
import { notifyCalendarChanged } from '../../client/calendar.ts';
import { chinaDate } from '../../shared/chinaTime.ts';
import { type Flash, html, joined, sendPage, table } from '../html.ts';
import { form, longText, optional, Type, text } from '../schemas.ts';
import { type App, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

const KINDS: Record<string, CalendarRow['kind']> = {
  休: 'HOLIDAY',
  HOLIDAY: 'HOLIDAY',
  班: 'WORKDAY',
  WORKDAY: 'WORKDAY',
};

/**
 * One day per line, "2027-10-01 休 国庆节" or "2027-10-09 班 国庆节调休";
 * blank lines are skipped, and problems name the line they are on.
 */
export function parseSchedule(
  text: string,
  year?: number,
): { rows: CalendarRow[]; lines: number[]; problems: string[] } {
  const rows: CalendarRow[] = [];
  const lines: number[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const [date = '', kind = '', ...name] = line.split(/\s+/);
    if (!KINDS[kind]) problems.push(`第 ${i + 1} 行「类型」：“${kind}”应为 休 或 班`);
    rows.push({ date, kind: KINDS[kind] ?? (kind as CalendarRow['kind']), name: name.join(' ') });
    lines.push(i + 1);
  });
  // Every bad line in one pass: the dates, names and repeats too, each named by its line (a bad kind once).
  if (year !== undefined)
    for (const p of checkRows(year, rows)) {
      if (p.includes('「类型」')) continue;
      const at = Number(p.match(/^第 (\d+) 条/)?.[1]);
      problems.push(p.replace(/^第 \d+ 条/, `第 ${lines[at - 1]} 行`));
    }
  const lineOf = (p: string) => Number(p.match(/^第 (\d+) 行/)?.[1] ?? 0);
  problems.sort((a, b) => lineOf(a) - lineOf(b));
  return { rows, lines, problems };
}

/** A year's schedule as entered: the year and the days stay text, so the handler names a bad line by its number. */
const schedule = form({
  year: optional(text('年份', 10)),
  source: optional(text('依据（通知文号）', 200)),
  days: optional(longText('放假和调休的日子', 20_000)),
});

export async function calendarRoutes(app: App, deps: WebDeps) {
  /** Who enters a year's schedule. */
  const ENTER: SessionUser['role'][] = ['ADMIN', 'LEGAL'];

  async function show(reply: FastifyReply, u: SessionUser, year: number, flash?: Flash, typed = '') {
    const thisYear = Number(chinaDate(Date.now()).slice(0, 4));
    const pkg = packageCalendar();
    const fromPackage = new Set(pkg.publishedYears);
    const imported = new Map((await deps.db.calendarYear.findMany()).map((y) => [y.year, y]));
    const status = (y: number) => {
      const i = imported.get(y);
      if (i) return `已录入（${i.source}，${chinaDate(i.publishedAt.getTime())}）`;
      if (fromPackage.has(y)) return '已收录（随程序的 chinese-days 日历）';
      return html`<span class="overdue">尚未录入：该年的期限按周一至周五暂算，标为“暂定”</span>`;
    };
    const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, year])].sort();
    const days = await deps.db.calendarDay.findMany({
      where: { date: { startsWith: `${year}-` } },
      orderBy: { date: 'asc' },
    });
    const fromPkg = Object.entries({ ...pkg.holidays, ...pkg.workdays })
      .filter(([d]) => d.startsWith(`${year}-`) && !days.some((x) => x.date === d))
      // The package names a day "Spring Festival,春节,4": show the Chinese.
      .map(([date, name]) => ({
        date,
        kind: date in pkg.holidays ? 'HOLIDAY' : 'WORKDAY',
        name: name.split(',')[1] ?? name,
        source: '程序包',
      }));
    const all = [...days, ...fromPkg].sort((a, b) => a.date.localeCompare(b.date));
    const csrf = await reply.generateCsrf();
    const entry = ENTER.includes(u.role)
      ? html`<h2>录入 ${year} 年安排</h2><form method="post" action="/calendar">
        <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="year" value="${year}">
        <label>依据（通知文号） <input type="text" name="source" required placeholder="国办发明电〔${year - 1}〕×号"></label>
        <label>放假和调休的日子，每行一天：日期 休/班 名称 <textarea name="days" rows="12" placeholder="${year}-10-01 休 国庆节&#10;${year}-10-09 班 国庆节调休">${typed}</textarea></label>
        <button>录入（替换该年已录入的安排）</button></form>
        <form method="post" action="/calendar/recompute"><input type="hidden" name="_csrf" value="${csrf}">
        <button>通知进行中的检查重新计算期限</button></form>`
      : null;
    const body = html`${table(
      ['年份', '国务院办公厅放假安排'],
      years.map((y) => [html`<a href="/calendar?year=${y}">${y}</a>`, status(y)]),
    )}<h2>${year} 年的放假与调休</h2>${table(
      ['日期', '', '名称', '来源'],
      all.map((d) => [d.date, d.kind === 'HOLIDAY' ? '休' : '班', d.name, d.source]),
    )}${entry}`;
    return sendPage(reply, '节假日安排', body, u, csrf, flash);
  }

  // The year stays text: the page says in words what is wrong with one typed into the address.
  const chosen = { querystring: Type.Object({ year: optional(text('年份', 10)) }) };
  app.get('/calendar', { schema: chosen }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    const q = req.query.year;
    const year = q ? Number(q) : Number(chinaDate(Date.now()).slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      return sendPage(reply, '节假日安排', html``, u, await reply.generateCsrf(), {
        ok: false,
        text: `年份：“${q}”不是有效年份，请填写如 2027 的四位年份`,
      });
    return show(reply, u, year);
  });

  /** Tell open inspections; say so plainly if Temporal cannot be reached, so nobody assumes it happened. */
  async function notify(): Promise<{ ok: boolean; text: string }> {
    try {
      return { ok: true, text: `${await notifyCalendarChanged(deps.client)} 项进行中的检查已重新计算期限` };
    } catch (e) {
      const why = (e as Error).message.split('\n')[0];
      return { ok: false, text: `未能通知进行中的检查（${why}），请稍后点“通知进行中的检查重新计算期限”` };
    }
  }

  app.post('/calendar', { schema: { body: schedule }, preHandler: app.csrfProtection }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, ENTER);
    const b = req.body;
    const year = Number(b.year);
    const { rows, lines, problems } = parseSchedule(b.days ?? '', Number.isInteger(year) ? year : undefined);
    if (!b.source?.trim()) problems.push('「通知文号」：请填写，如 国办发明电〔2026〕×号');
    if (!rows.length) problems.push('「日期」：请每行填写一天，如 2027-10-01 休 国庆节');
    const refuse = (list: string[]) =>
      show(reply, u, year, { ok: false, html: html`未录入，原有安排不变：<br>${joined(list, html`<br>`)}` }, b.days);
    if (!Number.isInteger(year)) return refuse([`「年份」：“${b.year}”不是年份`]);
    if (problems.length) return refuse(problems);
    try {
      await importCalendarYear(deps.db, year, rows, { source: b.source?.trim() ?? '', actor: u.displayName });
    } catch (e) {
      if (!(e instanceof CalendarImportError)) throw e;
      return refuse(e.problems.map((p) => p.replace(/^第 (\d+) 条/, (_, n) => `第 ${lines[Number(n) - 1]} 行`)));
    }
    // Stored either way: a failed notice shows as a warning inside the success, not as a refusal.
    const told = await notify();
    const notice = told.ok ? told.text : html`<span class="overdue">${told.text}</span>`;
    return show(reply, u, year, { ok: true, html: html`已录入 ${year} 年 ${rows.length} 天；${notice}` });
  });

  app.post('/calendar/recompute', { preHandler: app.csrfProtection }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, ENTER);
    const year = Number(chinaDate(Date.now()).slice(0, 4));
    return show(reply, u, year, await notify());
  });
}
