// 我的待办 (tasks) and 督办 (supervisor dashboard); 公示 is routes/public.ts.
import { PROVISIONAL_DUE } from '../../domain/glossary.ts';
import { ON_TIME_DEFINITION, rateText } from '../../domain/timeliness.ts';
import { timelinessByUnit } from '../../reports/timeliness.ts';
import { buildYearCharts } from '../../reports/yearly.ts';
import { chinaDate, chinaDateTime } from '../../shared/chinaTime.ts';
import { SA } from '../../shared/searchAttributes.ts';
import { DRAW_STAGE_NAMES, type DrawStage } from '../../workflows/drawRound/messages.ts';
import {
  DEADLINE_NAMES,
  type DeadlineKind,
  LEVEL_NAMES,
  STAGE_NAMES,
  STAGES,
  type Stage,
} from '../../workflows/inspection/types.ts';
import { barChart, coverageChart, monthChart } from '../chart.ts';
import { type Html, html, page, table } from '../html.ts';
import { PAGE_SIZE, pageNumber, pageOf, pagerLinks } from '../pager.ts';
import { Recent } from '../recent.ts';
import { listQuery, oneOf, optional, Type } from '../schemas.ts';
import { literalSearch } from '../search.ts';
import { type App, ownUnitOnly, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';
import { dueBadge } from '../status.ts';

/** The dashboard's charts read the whole year: a minute, up to ten while a fresh one is drawn. */
const CHARTS_MS = 60_000;
const DAY = 86_400_000;

const DUE = { overdue: '已逾期', soon: '三日内到期' } as const;
type Due = keyof typeof DUE;
const tasksQuery = Type.Object({ ...listQuery, due: optional(oneOf('到期情况', ['overdue', 'soon'] as const)) });

/**
 * Open inspections the user may act on (their unit's, or all for bureau-wide
 * roles), from the database's record: each step writes its stage before the
 * step answers, and each deadline keeps the inspection's earliest open due
 * date (`nextDueAt`). Paged and filtered by the database, so a page costs the
 * same with ten or ten thousand open; not Temporal's index, whose listing of
 * every open workflow kept the server busy (docs/performance.md).
 */
function openWhere(u: SessionUser, due: Due | undefined, now: number, q: string) {
  const s = literalSearch(q);
  return {
    stage: { not: 'DONE' },
    ...(ownUnitOnly(u) ? { unitId: u.unitId ?? -1 } : {}),
    ...(due === 'overdue' ? { nextDueAt: { lt: new Date(now) } } : {}),
    ...(due === 'soon' ? { nextDueAt: { gte: new Date(now), lte: new Date(now + 3 * DAY) } } : {}),
    // A credit code is upper case: one typed in lower case still finds its enterprise.
    ...(q
      ? { enterprise: { OR: [{ name: { contains: s.term } }, { creditCode: { contains: s.term.toUpperCase() } }] } }
      : {}),
  };
}

/** One page of open inspections, earliest due first (those with nothing due last). */
async function openPage(deps: WebDeps, u: SessionUser, o: { due?: Due; q: string; page: number; now: number }) {
  const where = openWhere(u, o.due, o.now, o.q);
  const s = literalSearch(o.q);
  const code = o.q.toUpperCase();
  return pageOf(
    o.page,
    o.q !== '',
    {
      count: () => deps.db.inspection.count({ where }),
      rows: (skip, take) =>
        deps.db.inspection.findMany({
          where,
          select: {
            workflowId: true,
            stage: true,
            nextDueAt: true,
            nextDueProvisional: true,
            enterprise: { select: { name: true, creditCode: true } },
            unit: { select: { name: true } },
          },
          orderBy: [{ nextDueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
          skip,
          take,
        }),
    },
    (r) => s.matches(r.enterprise.name) || r.enterprise.creditCode.includes(code),
  );
}

type TaskRow = Awaited<ReturnType<typeof openPage>>['rows'][number];

function taskTable(rows: TaskRow[]) {
  return table(
    ['检查对象', '单位', '环节', '到期'],
    rows.map((r) => [
      html`<a href="/inspections/${encodeURIComponent(r.workflowId)}">${r.enterprise.name}</a>`,
      r.unit.name,
      STAGE_NAMES[r.stage as Stage] ?? r.stage,
      // Due dates are China days (a deadline ends at 24:00 Beijing time); one counted on a year whose
      // holiday schedule is not out yet is marked, as the inspection page marks it.
      html`${dueBadge(r.nextDueAt ? r.nextDueAt.getTime() : null, false)}${r.nextDueProvisional && PROVISIONAL_DUE}`,
    ]),
  );
}

/**
 * Draw sessions waiting on this person: for 法规股 every open round and its
 * next step; for anyone named as a participant, the rounds where it is their
 * turn to commit or reveal. From the server's index (search attributes), so a
 * round whose worker is away never holds up the page.
 */
async function drawTasks(deps: WebDeps, u: SessionUser): Promise<Html | null> {
  const operator = u.role === 'LEGAL' || u.role === 'ADMIN';
  if (!operator && !/^[a-z0-9._-]+$/.test(u.username)) return null;
  const base = "WorkflowType = 'drawRound' AND ExecutionStatus = 'Running'";
  const query = operator ? base : `${base} AND ${SA.waitingOn.name} = '${u.username}'`;
  const rounds: { drawId: string; stage: DrawStage; waiting: string[] }[] = [];
  for await (const wf of deps.client.workflow.list({ query })) {
    const stage = (wf.typedSearchAttributes.get(SA.stage) ?? 'SETUP') as DrawStage;
    const waiting = wf.typedSearchAttributes.get(SA.waitingOn) ?? [];
    rounds.push({ drawId: wf.workflowId.replace(/^draw:/, ''), stage, waiting });
  }
  const users = await deps.db.user.findMany({ where: { username: { in: rounds.flatMap((r) => r.waiting) } } });
  const name = (username: string) => users.find((x) => x.username === username)?.displayName ?? username;
  const rows = rounds.map((r) => {
    const mine = r.waiting.includes(u.username);
    const next = mine
      ? r.stage === 'COMMITTING'
        ? '请提交您的承诺值'
        : '请揭示您的密钥'
      : r.waiting.length
        ? `等待 ${r.waiting.map(name).join('、')}`
        : (DRAW_NEXT[r.stage] ?? '');
    return [
      html`<a href="/draws/${encodeURIComponent(r.drawId)}">${r.drawId}</a>`,
      DRAW_STAGE_NAMES[r.stage] ?? r.stage,
      next,
    ];
  });
  return rows.length || operator ? html`<h2>抽取会</h2>${table(['抽取轮次', '状态', '下一步'], rows)}` : null;
}

/** 法规股's next step at a stage where no participant is awaited. */
const DRAW_NEXT: Partial<Record<DrawStage, string>> = {
  SETUP: '法规股设定参与人和公开随机源',
  COMMITTING: '法规股冻结名录',
  REVEALING: '法规股结束揭示',
  AWAITING_BEACON: '法规股录入公开随机数',
};

/** 法规股's own queue: plans to review. */
async function legalTasks(deps: WebDeps, u: SessionUser): Promise<Html | null> {
  if (u.role !== 'LEGAL' && u.role !== 'ADMIN') return null;
  const plans = await deps.db.annualPlan.findMany({ where: { status: 'SUBMITTED' }, include: { unit: true } });
  return html`<h2>待审核的计划</h2>${table(
    ['计划', '单位'],
    plans.map((p) => [html`<a href="/plans/${p.id}">${p.title}</a>`, p.unit.name]),
  )}`;
}

export async function listRoutes(app: App, deps: WebDeps) {
  const chartsMs = deps.freshness?.chartsMs ?? CHARTS_MS;
  const charts = new Recent<Html>(chartsMs, chartsMs * 10);

  app.get('/tasks', { schema: { querystring: tasksQuery } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    const csrf = await reply.generateCsrf();
    const draws = await drawTasks(deps, u);
    // A 见证人 has draw sessions only.
    if (u.role === 'OBSERVER')
      return reply.type('text/html').send(page('我的待办', draws ?? html`<p>（无）</p>`, u, csrf));
    const q = req.query.q ?? '';
    const due = req.query.due;
    const n = pageNumber(req.query.page);
    const { rows, total, capped } = await openPage(deps, u, { due, q, page: n, now: Date.now() });
    const params = { ...(q ? { q } : {}), ...(due ? { due } : {}) };
    const inspections = html`<h2>检查任务${due ? `（${DUE[due]}）` : ''}</h2>
      <form method="get" action="/tasks">${due ? html`<input type="hidden" name="due" value="${due}">` : null}
        <label>搜索企业名称或统一社会信用代码 <input type="search" name="q" value="${q}"></label><button>查找</button></form>
      ${taskTable(rows)}${pagerLinks('/tasks', params, n, total, capped)}`;
    return reply
      .type('text/html')
      .send(page('我的待办', html`${await legalTasks(deps, u)}${draws}${inspections}`, u, csrf));
  });

  app.get('/supervisor', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, ['SUPERVISOR', 'LEADER', 'LEGAL', 'ADMIN']);
    const now = Date.now();
    // The earliest due of each list here; all of them, paged and searchable, on 我的待办.
    const [overdue, dueSoon, stages] = await Promise.all([
      openPage(deps, u, { due: 'overdue', q: '', page: 1, now }),
      openPage(deps, u, { due: 'soon', q: '', page: 1, now }),
      deps.db.inspection.groupBy({ by: ['stage'], where: openWhere(u, undefined, now, ''), _count: true }),
    ]);
    const first = ({ rows, total }: { rows: TaskRow[]; total: number }, due: Due) =>
      html`${taskTable(rows)}${
        total > PAGE_SIZE && html`<p><a href="/tasks?due=${due}">全部 ${total} 项${DUE[due]}的检查</a></p>`
      }`;
    const escalations = await deps.db.escalation.findMany({
      where: { resolvedAt: null, ...(u.role === 'SUPERVISOR' ? { inspection: { unitId: u.unitId ?? -1 } } : {}) },
      include: { inspection: { include: { enterprise: true } } },
      orderBy: { raisedAt: 'desc' },
      take: 200,
    });
    const csrf = await reply.generateCsrf();
    const year = Number(chinaDate(Date.now()).slice(0, 4));
    const own = u.role === 'SUPERVISOR' ? u.unitId : null;
    // Every unit's on-time rate is the same chart for everyone: drawn once, not once per unit.
    const [rates, ownCharts] = await Promise.all([
      charts.get(`${year}:rates`, async () => {
        const timeliness = await timelinessByUnit(deps.db, year, new Date());
        return html`${barChart(
          `${year} 年各单位及时率`,
          timeliness.map((t) => ({ label: t.unit, value: t.tally.onTime, max: t.tally.due, note: rateText(t.tally) })),
        )}<p class="note">${ON_TIME_DEFINITION}</p>`;
      }),
      charts.get(`${year}:${own ?? 'bureau'}`, async () => {
        const report = await buildYearCharts(deps.db, year, own);
        return html`${monthChart(`${year} 年${own === null ? '' : '本单位'}每月完成与公示`, [
          { name: '完成检查', values: report.months.done },
          { name: '结果公示', values: report.months.published },
        ])}${coverageChart(`${year} 年各行业名录覆盖率（至少随机抽查一次）`, report.sectors)}`;
      }),
    ]);
    const chartBlock = html`${rates}${ownCharts}`;
    return reply.type('text/html').send(
      page(
        '督办',
        html`${chartBlock}<h2>在办检查（按环节）</h2>${table(
          ['环节', '数量'],
          stages
            .sort((a, b) => STAGES.indexOf(a.stage as Stage) - STAGES.indexOf(b.stage as Stage))
            .map((g) => [STAGE_NAMES[g.stage as Stage] ?? g.stage, String(g._count)]),
        )}<h2>三日内到期</h2>${first(dueSoon, 'soon')}<h2>逾期事项</h2>${first(overdue, 'overdue')}<h2>未解除的提醒与上报</h2>${table(
          ['事项', '期限', '级别', '接收人', '到期', '发出'],
          escalations.map((e) => [
            e.inspection?.enterprise.name ?? `计划 #${e.planId}`,
            DEADLINE_NAMES[e.deadline as DeadlineKind] ?? e.deadline,
            LEVEL_NAMES[e.level],
            e.recipient,
            chinaDate(e.dueAt.getTime()),
            chinaDateTime(e.raisedAt.getTime()),
          ]),
        )}`,
        u,
        csrf,
      ),
    );
  });

  // Art. 6, 7, 9, 17: results, the item list and the inspector roster, for everyone.
}
