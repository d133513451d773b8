// 年度计划 and 抽取: plans with their coverage preview, submit and 法规股's
// review; each round's draw links to its page (routes/draws.ts).
import type { FastifyReply } from 'fastify';
import { changeWithAudit } from '../../activities/audit.ts';
import type { DrawRule } from '../../draw/rule.ts';
import {
  PLAN_STATUS_NAMES,
  planState,
  planWorkflowId,
  reviewPlan,
  submitPlan,
} from '../../workflows/annualPlan/messages.ts';
import { type Html, html, page, sendPage, table } from '../html.ts';
import { pageNumber, pageOf, pagerLinks } from '../pager.ts';
import { parseRound, roundBody, roundForm } from '../roundEditor.ts';
import { form, id, listQuery, longText, oneOf, optional, Type } from '../schemas.ts';
import { literalSearch } from '../search.ts';
import {
  type App,
  ownUnitOnly,
  rejection,
  requireRole,
  requireUnit,
  type SessionUser,
  userOf,
  type WebDeps,
} from '../server.ts';

/** A plan status as the console shows it. */
const statusName = (st: string) => PLAN_STATUS_NAMES[st as keyof typeof PLAN_STATUS_NAMES] ?? st;

export async function planRoutes(app: App, deps: WebDeps) {
  const mayEdit = (u: SessionUser, unitId: number) =>
    u.role === 'ADMIN' || (u.role !== 'LEADER' && (u.unitId === unitId || u.role === 'LEGAL'));

  app.get('/plans', { schema: { querystring: Type.Object(listQuery) } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    const q = req.query.q ?? '';
    const s = literalSearch(q);
    const where = {
      ...(ownUnitOnly(u) ? { unitId: u.unitId ?? -1 } : {}),
      ...(q ? { OR: [{ title: { contains: s.term } }, { unit: { name: { contains: s.term } } }] } : {}),
    };
    const pageNo = pageNumber(req.query.page);
    const {
      rows: plans,
      total,
      capped,
    } = await pageOf(
      pageNo,
      q !== '',
      {
        count: () => deps.db.annualPlan.count({ where }),
        rows: (skip, take) =>
          deps.db.annualPlan.findMany({
            where,
            include: { unit: true },
            orderBy: [{ year: 'desc' }, { unitId: 'asc' }],
            skip,
            take,
          }),
      },
      (p) => s.matches(p.title, p.unit.name, String(p.year)),
    );
    const csrf = await reply.generateCsrf();
    return reply.type('text/html').send(
      page(
        '年度检查计划',
        html`<form method="get"><label>搜索计划名称或单位 <input type="search" name="q" value="${q}"></label><button>查找</button></form>
        ${table(
          ['计划', '单位', '年度', '状态'],
          plans.map((p) => [
            html`<a href="/plans/${p.id}">${p.title}</a>`,
            p.unit.name,
            String(p.year),
            statusName(p.status),
          ]),
        )}${pagerLinks('/plans', q ? { q } : {}, pageNo, total, capped)}`,
        u,
        csrf,
      ),
    );
  });

  async function showPlan(reply: FastifyReply, u: SessionUser, id: number, message?: { ok: boolean; text: string }) {
    const plan = await deps.db.annualPlan.findUniqueOrThrow({
      where: { id },
      include: { unit: true, rounds: { orderBy: { roundNo: 'asc' } } },
    });
    requireUnit(u, plan.unitId, '年度计划');
    const s = await deps.client.workflow
      .getHandle(planWorkflowId(plan.unit.code, plan.year))
      .query(planState)
      .catch(() => null);
    const csrf = await reply.generateCsrf();
    const p = s?.preview;
    const action = (step: string, label: string, extra: Html | null = null) =>
      html`<form method="post" action="/plans/${id}/${step}"><input type="hidden" name="_csrf" value="${csrf}">${extra}<button>${label}</button></form>`;
    const editable = (s?.status === 'DRAFT' || s?.status === 'RETURNED') && mayEdit(u, plan.unitId);
    const forms = !s
      ? html`<p>计划流程尚未启动（npm start 会为演示数据启动它）。</p>`
      : s.status === 'DRAFT' || s.status === 'RETURNED'
        ? mayEdit(u, plan.unitId)
          ? action('submit', '报法规股审核')
          : null
        : s.status === 'SUBMITTED' && (u.role === 'LEGAL' || u.role === 'ADMIN')
          ? html`${action('approve', '批准')}${action(
              'return',
              '退回',
              html`<label>退回理由 <textarea name="reasons" required></textarea></label>`,
            )}`
          : null;
    const body = html`
      <p>${plan.unit.name} · ${plan.year} 年 · 状态：<b>${statusName(s?.status ?? plan.status)}</b>${s?.returnReason ? `（退回理由：${s.returnReason}）` : ''}</p>
      <p>检查对象范围：${plan.scope}</p><p>对执法人员的要求：${plan.inspectorRequirements}</p>
      ${p ? html`<h2>覆盖面与检查频次预估（第十二条）</h2><p>范围内企业 ${p.inScope} 家；预计全年至少检查一次的比例 <b>${(p.coverage * 100).toFixed(0)}%</b>；单个企业预计最多 ${p.maxExpectedLoad.toFixed(2)} 次；超过第十五条 4 次上限的企业 ${p.overCap} 家。</p>` : null}
      ${forms}
      ${editable ? html`<h2>编辑抽取轮次</h2>${plan.rounds.map((r) => roundForm(`/plans/${id}/rounds/${r.roundNo}`, csrf, { ...r, rule: r.rule as unknown as DrawRule }))}` : null}
      <h2>抽取轮次</h2>${table(
        ['轮次', '抽取日期', '检查时间段', '抽取'],
        plan.rounds.map((r) => {
          const info = s?.rounds.find((x) => x.roundNo === r.roundNo);
          return [
            String(r.roundNo),
            r.drawDate.toISOString().slice(0, 10),
            `${r.windowStart.toISOString().slice(0, 10)} 至 ${r.windowEnd.toISOString().slice(0, 10)}`,
            info?.started
              ? html`<a href="/draws/${encodeURIComponent(info.drawId)}">${info.drawId}</a>`
              : (info?.drawId ?? ''),
          ];
        }),
      )}`;
    return sendPage(reply, plan.title, body, u, csrf, message);
  }

  const planParams = { id: id('计划编号') };
  app.get('/plans/:id', { schema: { params: Type.Object(planParams) } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    return showPlan(reply, u, req.params.id);
  });

  const review = {
    params: Type.Object({ ...planParams, step: oneOf('操作', ['submit', 'approve', 'return']) }),
    body: form({ reasons: optional(longText('退回理由', 5_000)) }),
  };
  app.post('/plans/:id/:step', { schema: review, preHandler: app.csrfProtection }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    const { id, step } = req.params;
    const plan = await deps.db.annualPlan.findUniqueOrThrow({ where: { id }, include: { unit: true } });
    const handle = deps.client.workflow.getHandle(planWorkflowId(plan.unit.code, plan.year));
    try {
      if (step === 'submit') {
        if (!mayEdit(u, plan.unitId)) requireRole(u, ['ADMIN']);
        await handle.executeUpdate(submitPlan, { args: [{ actor: u.displayName }] });
      } else {
        requireRole(u, ['LEGAL', 'ADMIN']); // 法规股 reviews plans
        const reasons = req.body.reasons;
        await handle.executeUpdate(reviewPlan, {
          args: [{ actor: u.displayName, decision: step === 'approve' ? 'APPROVE' : 'RETURN', reasons }],
        });
      }
      return showPlan(reply, u, plan.id, { ok: true, text: '已提交' });
    } catch (e) {
      const why = rejection(e);
      if (why === null) throw e;
      return showPlan(reply, u, plan.id, { ok: false, text: why });
    }
  });

  const roundEdit = {
    params: Type.Object({ ...planParams, roundNo: id('轮次') }),
    body: roundBody,
  };
  app.post('/plans/:id/rounds/:roundNo', { schema: roundEdit, preHandler: app.csrfProtection }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    const { id, roundNo } = req.params;
    const plan = await deps.db.annualPlan.findUniqueOrThrow({ where: { id } });
    if (!mayEdit(u, plan.unitId)) requireRole(u, ['ADMIN']);
    if (plan.status !== 'DRAFT' && plan.status !== 'RETURNED')
      return showPlan(reply, u, plan.id, { ok: false, text: `计划${statusName(plan.status)}，不能再修改` });
    let fields: ReturnType<typeof parseRound>;
    try {
      fields = parseRound(req.body);
    } catch (e) {
      return showPlan(reply, u, plan.id, { ok: false, text: (e as Error).message });
    }
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    const entry = { actor: u.displayName, action: 'plan.round.edit', subjectType: 'plan', subjectId: String(plan.id) };
    await changeWithAudit(deps.db, { ...entry, details: { roundNo, ...fields } }, (tx) =>
      tx.planRound.update({
        where: { planId_roundNo: { planId: plan.id, roundNo } },
        data: {
          drawDate: day(fields.drawDate),
          windowStart: day(fields.windowStart),
          windowEnd: day(fields.windowEnd),
          rule: fields.rule as object,
        },
      }),
    );
    return showPlan(reply, u, plan.id, { ok: true, text: `第 ${roundNo} 轮已保存；提交时重新计算覆盖面` });
  });
}
