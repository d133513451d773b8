// 公示: what Art. 2, 7, 9, 11 and 17 make public, for anyone, signed in or
// not: the annual plans, the draws (routes/publicDraws.ts), the results
// with their publication category, the item list and the inspector roster.
// Every list is searchable and paged.
import { FOLLOW_UP_DECISION, nameOf } from '../../domain/glossary.ts';
import { SECTOR_NAMES } from '../../domain/sectors.ts';
import type { DrawRule } from '../../draw/rule.ts';
import { buildYearCharts } from '../../reports/yearly.ts';
import { chinaDate, chinaDateTime } from '../../shared/chinaTime.ts';
import { coverageChart, monthChart } from '../chart.ts';
import { type Html, html, joined, page, table } from '../html.ts';
import { PAGE_SIZE, pageNumber, pageOf, pagerLinks, SEARCH_LIMIT } from '../pager.ts';
import { Recent } from '../recent.ts';
import { listQuery, optional, Type, text } from '../schemas.ts';
import { literalSearch } from '../search.ts';
import type { App, WebDeps } from '../server.ts';

const TABS = {
  results: '抽查结果',
  plans: '年度检查计划',
  items: '随机抽查事项清单',
  inspectors: '执法检查人员名录',
} as const;
type Tab = keyof typeof TABS;

interface Query {
  tab: Tab;
  q: string;
  page: number;
  year: number;
}

/** A credit code or certificate number typed in lower case is still that code (they are kept in capitals). */
const codeCase = (q: string) => (/^[0-9A-Za-z]{6,}$/.test(q) ? q.toUpperCase() : q);

/**
 * The page's parameters, bounded: a tab or year the page does not know falls
 * back to the default (anyone may type any address), so they are text here.
 */
const publicQuery = Type.Object({
  tab: optional(text('栏目', 40)),
  year: optional(text('年度', 20)),
  ...listQuery,
});

const isTab = (t: string | undefined): t is Tab => t !== undefined && Object.hasOwn(TABS, t);

function readQuery(r: { tab?: string; q?: string; page?: string; year?: string }): Query {
  const tab = isTab(r.tab) ? r.tab : 'results';
  const year = Number(r.year);
  return {
    tab,
    q: r.q !== undefined ? codeCase(r.q.trim().slice(0, 100)) : '',
    page: pageNumber(r.page),
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : Number(chinaDate(Date.now()).slice(0, 4)),
  };
}

/** A window's first and last day, as people write it. */
const span = (from: Date, to: Date) => `${chinaDate(from.getTime())} 至 ${chinaDate(to.getTime())}`;
const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** What a round's rule draws: its sectors, its ratio (or count). */
function ruleWords(rule: DrawRule): { sectors: string; ratio: string; count: string } {
  const sectors = rule.sectors === 'ALL' ? '全部行业领域' : rule.sectors.map((s) => SECTOR_NAMES[s]).join('、');
  const risk = rule.riskRatios
    ? Object.entries(rule.riskRatios)
        .map(([c, r]) => `${c} 类 ${percent(r ?? 0)}`)
        .join('，')
    : null;
  if (risk) return { sectors, ratio: `按风险等级：${risk}`, count: '按比例' };
  if ('ratio' in rule.enterprises) return { sectors, ratio: percent(rule.enterprises.ratio), count: '按比例' };
  return { sectors, ratio: '—', count: `${rule.enterprises.count} 家` };
}

async function plansTab(deps: WebDeps, q: Query) {
  const plans = await deps.db.annualPlan.findMany({
    where: { year: q.year, status: { in: ['APPROVED', 'RUNNING', 'CLOSED'] } },
    include: { unit: true, rounds: { orderBy: { roundNo: 'asc' } } },
    orderBy: { unitId: 'asc' },
  });
  const drawn = await deps.db.inspection.groupBy({
    by: ['unitId'],
    where: { origin: 'RANDOM', drawRecord: { planRound: { plan: { year: q.year } } } },
    _count: { _all: true },
  });
  const drawnBy = new Map(drawn.map((d) => [d.unitId, d._count._all]));
  const s = literalSearch(q.q);
  const rows = plans
    .filter((p) => !q.q || s.matches(p.title, p.unit.name, p.scope))
    .map((p) => {
      const words = p.rounds.map((r) => ruleWords(r.rule as unknown as DrawRule));
      return [
        p.unit.name,
        p.title,
        html`${p.scope}<br><small>${[...new Set(words.map((w) => w.sectors))].join('；')}</small>`,
        joined(
          p.rounds.map((r) => span(r.windowStart, r.windowEnd)),
          html`<br>`,
        ),
        joined([...new Set(words.map((w) => w.ratio))], html`<br>`),
        `每年 ${p.rounds.length} 次`,
        html`${[...new Set(words.map((w) => w.count))].join('、')}<br><small>已抽取 ${drawnBy.get(p.unitId) ?? 0} 家</small>`,
      ];
    });
  return table(['单位', '计划名称', '检查内容', '检查时间', '抽查比例', '抽查频次', '抽查数量'], rows);
}

/**
 * The year's charts, five minutes old at most (ten while a fresh one is drawn;
 * src/web/recent.ts): the public page is anyone's to reload, and the charts read
 * the year's inspections and the whole roster.
 */
const CHART_TTL_MS = 5 * 60_000;
/** Per database (each console has its own), a dozen years at most. */
const chartsByDb = new WeakMap<object, Recent<Html>>();

function yearCharts(deps: WebDeps, year: number): Promise<Html> {
  const charts = chartsByDb.get(deps.db) ?? new Recent<Html>(CHART_TTL_MS, 2 * CHART_TTL_MS, 12);
  chartsByDb.set(deps.db, charts);
  return charts.get(String(year), () => renderYearCharts(deps, year));
}

async function renderYearCharts(deps: WebDeps, year: number): Promise<Html> {
  const r = await buildYearCharts(deps.db, year, null);
  return html`${monthChart(`${year} 年每月公示的抽查结果`, [{ name: '结果公示', values: r.months.published }])}${coverageChart(`${year} 年各行业名录覆盖率（至少随机抽查一次）`, r.sectors)}`;
}

async function resultsTab(deps: WebDeps, q: Query) {
  const s = literalSearch(q.q);
  const where = q.q
    ? {
        inspection: {
          enterprise: { OR: [{ name: { contains: s.term } }, { creditCode: { contains: s.term } }] },
        },
      }
    : {};
  const include = { inspection: { include: { enterprise: true, followUp: true } } } as const;
  // A search is checked literally after the database's LIKE, so it is paged here; a plain list by the database.
  const liked = q.q
    ? await deps.db.publication.findMany({
        where,
        include,
        orderBy: { creditYongzhouAt: 'desc' },
        take: SEARCH_LIMIT + 1,
      })
    : null;
  const found =
    liked
      ?.slice(0, SEARCH_LIMIT)
      .filter((p) => s.matches(p.inspection.enterprise.name, p.inspection.enterprise.creditCode)) ?? null;
  const total = found ? found.length : await deps.db.publication.count();
  const pubs = found
    ? found.slice((q.page - 1) * PAGE_SIZE, q.page * PAGE_SIZE)
    : await deps.db.publication.findMany({
        include,
        orderBy: [{ creditYongzhouAt: 'desc' }, { id: 'desc' }],
        skip: (q.page - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
      });
  const rows = pubs.map((p) => {
    const c = p.content as { time?: { ended?: string }; results?: { result: string }[]; useOfResults?: string };
    const problems = (c.results ?? []).filter((r) => r.result === 'PROBLEM').length;
    const f = p.inspection.followUp;
    return [
      p.inspection.enterprise.name,
      p.inspection.enterprise.creditCode,
      c.time?.ended ?? '',
      // Published before categories existed: what the items say.
      p.categoryName ?? (problems ? `发现问题 ${problems} 项` : '未发现问题'),
      c.useOfResults ?? '',
      f ? `${nameOf(FOLLOW_UP_DECISION, f.decision)}：${f.reasons}` : '—',
      chinaDate(p.creditYongzhouAt.getTime()),
    ];
  });
  return html`${q.q || q.page > 1 ? null : await yearCharts(deps, q.year)}${table(
    ['检查对象', '统一社会信用代码', '检查时间', '公示类别', '结果运用', '后续处置', '公示日期'],
    rows,
  )}${pagerLinks('/public', { tab: 'results', q: q.q }, q.page, total, (liked?.length ?? 0) > SEARCH_LIMIT)}`;
}

async function itemsTab(deps: WebDeps, q: Query) {
  const now = new Date();
  const s = literalSearch(q.q);
  const items = (
    await deps.db.itemVersion.findMany({
      where: { reviewState: 'PUBLISHED', OR: [{ effectiveTo: null }, { effectiveTo: { gt: now } }] },
      include: { item: true },
      orderBy: { id: 'asc' },
    })
  ).filter((v) => !q.q || s.matches(v.item.code, v.name, v.content, v.legalBasis));
  const shown = items.slice((q.page - 1) * PAGE_SIZE, q.page * PAGE_SIZE);
  const row = (v: (typeof items)[number]) => [
    v.item.code,
    SECTOR_NAMES[v.item.sector],
    v.name,
    v.content,
    v.legalBasis,
    `${chinaDate(v.effectiveFrom.getTime())}${v.effectiveFrom > now ? '（即将施行）' : ''}`,
  ];
  return html`${table(['编号', '领域', '事项名称', '检查内容', '依据', '施行日期'], shown.map(row))}${pagerLinks(
    '/public',
    { tab: 'items', q: q.q },
    q.page,
    items.length,
  )}`;
}

async function inspectorsTab(deps: WebDeps, q: Query) {
  const s = literalSearch(q.q);
  const where = {
    active: true,
    certificateStatus: 'VALID' as const,
    ...(q.q ? { OR: [{ name: { contains: s.term } }, { certificateNo: { contains: s.term } }] } : {}),
  };
  const { rows, total, capped } = await pageOf(
    q.page,
    q.q !== '',
    {
      count: () => deps.db.inspector.count({ where }),
      rows: (skip, take) =>
        deps.db.inspector.findMany({ where, include: { unit: true }, orderBy: { id: 'asc' }, skip, take }),
    },
    (i) => s.matches(i.name, i.certificateNo),
  );
  return html`${table(
    ['姓名', '单位', '执法证号'],
    rows.map((i) => [i.name, i.unit.name, i.certificateNo]),
  )}${pagerLinks('/public', { tab: 'inspectors', q: q.q }, q.page, total, capped)}`;
}

const TAB_BODY: Record<Tab, (deps: WebDeps, q: Query) => Promise<Html>> = {
  results: resultsTab,
  plans: plansTab,
  items: itemsTab,
  inspectors: inspectorsTab,
};

function searchForm(q: Query): Html {
  const year =
    q.tab === 'plans'
      ? html`<label>年度 <input type="number" name="year" value="${q.year}" min="2000" max="2100"></label>`
      : null;
  return html`<form method="get" action="/public" class="search"><input type="hidden" name="tab" value="${q.tab}">${year}
    <label>搜索 <input type="search" name="q" value="${q.q}" placeholder="名称、信用代码、执法证号"></label><button>查找</button></form>`;
}

export async function publicRoutes(app: App, deps: WebDeps) {
  app.get('/public', { schema: { querystring: publicQuery } }, async (req, reply) => {
    const q = readQuery(req.query);
    const tabs = joined(
      [
        ...(Object.entries(TABS) as [Tab, string][]).map(([k, name]) =>
          k === q.tab ? html`<b>${name}</b>` : html`<a href="/public?tab=${k}">${name}</a>`,
        ),
        html`<a href="/public/draws">抽取公示</a>`,
      ],
      ' · ',
    );
    const newest = await deps.db.auditLog.findFirst({ orderBy: { id: 'desc' } });
    // The audit log's head, for anyone to note: an entry deleted or rewritten later no longer matches it.
    const anchor = newest
      ? html`<p>审计日志锚点（${chinaDateTime(newest.at.getTime())}）：<code class="wrap">${newest.id}:${newest.hash}</code>。记下它，日后可用 <code>ssj audit verify --anchor ${newest.id}:…</code> 核对日志未被删改。</p>`
      : null;
    const body = html`<nav class="tabs">${tabs}</nav><h2>${TABS[q.tab]}</h2>${searchForm(q)}${await TAB_BODY[q.tab](deps, q)}
      <p><a href="/public/draws">抽取公示</a>：每一轮抽取的参与人、承诺值、冻结的名录校验值、揭示的密钥、公开随机数和抽取结果，可下载后自行复核。</p>${anchor}`;
    const user = req.session.user;
    return reply
      .type('text/html')
      .send(page('“双随机、一公开”公示', body, user, user ? await reply.generateCsrf() : undefined));
  });
}
