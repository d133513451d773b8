// 发起非随机检查 (Art. 8): staff start an inspection from a complaint, a
// report, an assignment, a campaign or a referral, with its basis, choosing
// the team and the items. It then runs like any other inspection and is never
// counted as random. A unit's staff start their own unit's only.
import type { FastifyReply } from 'fastify';
import { AssignedFormError, assignedInspectionInput } from '../../client/assigned.ts';
import { startAssignedInspection } from '../../client/start.ts';
import { ORIGIN_NAMES } from '../../domain/sectors.ts';
import { chinaDate } from '../../shared/chinaTime.ts';
import { type Flash, html, joined, sendPage } from '../html.ts';
import { form, longText, optional, Type, text } from '../schemas.ts';
import { type App, ownUnitOnly, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

const STARTERS: SessionUser['role'][] = ['STAFF', 'SUPERVISOR', 'LEGAL', 'ADMIN'];
type Form = Record<string, string | string[] | undefined>;
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** A list of ticked boxes: one box ticked comes as a single value, made a list of one by the schema. */
const ticked = (title: string) => optional(Type.Array(text(title, 100), { title, maxItems: 1_000 }));

const assignedForm = form({
  origin: optional(text('来源', 40)),
  basis: optional(longText('依据', 2_000)),
  unitCode: optional(text('承办单位', 40)),
  creditCode: optional(text('企业的统一社会信用代码', 100)),
  inspectors: ticked('执法人员'),
  items: ticked('检查事项'),
  from: optional(text('检查开始', 40)),
  to: optional(text('检查结束', 40)),
});

export async function assignedRoutes(app: App, deps: WebDeps) {
  const starting = deps.starting;
  if (!starting) return;
  async function show(reply: FastifyReply, u: SessionUser, f: Form = {}, flash?: Flash) {
    const units = await deps.db.unit.findMany({ orderBy: { id: 'asc' } });
    const mine = ownUnitOnly(u) ? units.filter((x) => x.id === u.unitId) : units;
    const inspectors = await deps.db.inspector.findMany({
      where: { active: true, certificateStatus: 'VALID', ...(ownUnitOnly(u) ? { unitId: u.unitId ?? -1 } : {}) },
      include: { unit: true },
      orderBy: { id: 'asc' },
    });
    const items = await deps.db.itemVersion.findMany({
      where: { reviewState: 'PUBLISHED', OR: [{ effectiveTo: null }, { effectiveTo: { gt: new Date() } }] },
      include: { item: true },
      orderBy: { id: 'asc' },
    });
    const checked = (name: string, v: string) => list(f[name]).includes(v) && html` checked`;
    const today = chinaDate(Date.now());
    const origins = Object.entries(ORIGIN_NAMES)
      .filter(([k]) => k !== 'RANDOM')
      .map(([k, v]) => html`<option value="${k}"${one(f.origin) === k && html` selected`}>${v}</option>`);
    const csrf = await reply.generateCsrf();
    const body = html`<p>投诉、举报、上级交办、专项行动或其他部门移送的检查（第八条）：按此登记后与随机抽查一样逐步办理、备案和公示，但不计入随机抽查次数。</p>
      <form method="post" action="/inspections/new"><input type="hidden" name="_csrf" value="${csrf}">
        <label>来源 <select name="origin">${origins}</select></label>
        <label>依据（投诉举报编号、交办文件或专项行动名称）<textarea name="basis" rows="2" maxlength="500" required>${one(f.basis)}</textarea></label>
        <label>承办单位 <select name="unitCode">${mine.map((x) => html`<option value="${x.code}"${one(f.unitCode) === x.code && html` selected`}>${x.name}</option>`)}</select></label>
        <label>企业的统一社会信用代码 <input type="text" name="creditCode" value="${one(f.creditCode)}" maxlength="18" required></label>
        <fieldset><legend>执法人员（至少两名）</legend>${inspectors.map((i) => html`<label><input type="checkbox" name="inspectors" value="${i.certificateNo}"${checked('inspectors', i.certificateNo)}> ${i.name}（${i.unit.name}，${i.certificateNo}）</label>`)}</fieldset>
        <fieldset><legend>检查事项</legend>${items.map((v) => html`<label><input type="checkbox" name="items" value="${v.item.code}"${checked('items', v.item.code)}> ${v.item.code} ${v.name}</label>`)}</fieldset>
        <label>检查开始 <input type="date" name="from" value="${one(f.from) || today}" required></label>
        <label>检查结束 <input type="date" name="to" value="${one(f.to)}" required></label>
        <button>开始检查</button></form>`;
    return sendPage(reply, '发起非随机检查', body, u, csrf, flash);
  }

  app.get('/inspections/new', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, STARTERS);
    return show(reply, u);
  });

  app.post(
    '/inspections/new',
    { schema: { body: assignedForm }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      requireRole(u, STARTERS);
      const f: Form = req.body;
      const unitCode = ownUnitOnly(u) ? (u.unitCode ?? '') : one(f.unitCode);
      const form = {
        origin: one(f.origin),
        basis: one(f.basis),
        unitCode,
        creditCode: one(f.creditCode),
        inspectorCerts: list(f.inspectors),
        itemCodes: list(f.items),
        from: one(f.from),
        to: one(f.to),
      };
      try {
        const input = await assignedInspectionInput(deps.db, starting.policy, form);
        await startAssignedInspection(deps.client, starting.taskQueue, input).catch((e: Error) => {
          if (e.name !== 'WorkflowExecutionAlreadyStartedError') throw e; // a double click: the one already started
        });
        return reply.redirect(`/inspections/${encodeURIComponent(input.workflowId)}`);
      } catch (e) {
        if (!(e instanceof AssignedFormError)) throw e;
        reply.code(400);
        return show(reply, u, f, { ok: false, html: joined(e.problems, html`<br>`) });
      }
    },
  );
}
