// 发起非随机检查 (Art. 8): staff start an inspection from a complaint, a
// report, an assignment, a campaign or a referral, with its basis, choosing
// the team and the items. It then runs like any other inspection and is never
// counted as random. A unit's staff start their own unit's only.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AssignedFormError, assignedInspectionInput } from '../../client/assigned.ts';
import { startAssignedInspection } from '../../client/start.ts';
import { ORIGIN_NAMES } from '../../domain/sectors.ts';
import { chinaDate } from '../../shared/chinaTime.ts';
import { esc, type Flash, sendPage } from '../html.ts';
import { ownUnitOnly, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

const STARTERS: SessionUser['role'][] = ['STAFF', 'SUPERVISOR', 'LEGAL', 'ADMIN'];
type Form = Record<string, string | string[] | undefined>;
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

export async function assignedRoutes(app: FastifyInstance, deps: WebDeps) {
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
    const checked = (name: string, v: string) => (list(f[name]).includes(v) ? ' checked' : '');
    const today = chinaDate(Date.now());
    const origins = Object.entries(ORIGIN_NAMES)
      .filter(([k]) => k !== 'RANDOM')
      .map(([k, v]) => `<option value="${k}"${one(f.origin) === k ? ' selected' : ''}>${esc(v)}</option>`)
      .join('');
    const csrf = await reply.generateCsrf();
    const body = `<p>投诉、举报、上级交办、专项行动或其他部门移送的检查（第八条）：按此登记后与随机抽查一样逐步办理、备案和公示，但不计入随机抽查次数。</p>
      <form method="post" action="/inspections/new"><input type="hidden" name="_csrf" value="${esc(csrf)}">
        <label>来源 <select name="origin">${origins}</select></label>
        <label>依据（投诉举报编号、交办文件或专项行动名称）<textarea name="basis" rows="2" maxlength="500" required>${esc(one(f.basis))}</textarea></label>
        <label>承办单位 <select name="unitCode">${mine.map((x) => `<option value="${esc(x.code)}"${one(f.unitCode) === x.code ? ' selected' : ''}>${esc(x.name)}</option>`).join('')}</select></label>
        <label>企业的统一社会信用代码 <input type="text" name="creditCode" value="${esc(one(f.creditCode))}" maxlength="18" required></label>
        <fieldset><legend>执法人员（至少两名）</legend>${inspectors.map((i) => `<label><input type="checkbox" name="inspectors" value="${esc(i.certificateNo)}"${checked('inspectors', i.certificateNo)}> ${esc(i.name)}（${esc(i.unit.name)}，${esc(i.certificateNo)}）</label>`).join('')}</fieldset>
        <fieldset><legend>检查事项</legend>${items.map((v) => `<label><input type="checkbox" name="items" value="${esc(v.item.code)}"${checked('items', v.item.code)}> ${esc(v.item.code)} ${esc(v.name)}</label>`).join('')}</fieldset>
        <label>检查开始 <input type="date" name="from" value="${esc(one(f.from) || today)}" required></label>
        <label>检查结束 <input type="date" name="to" value="${esc(one(f.to))}" required></label>
        <button>开始检查</button></form>`;
    return sendPage(reply, '发起非随机检查', body, u, csrf, flash);
  }

  app.get('/inspections/new', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, STARTERS);
    return show(reply, u);
  });

  app.post('/inspections/new', { preHandler: app.csrfProtection }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, STARTERS);
    const f = (req.body ?? {}) as Form;
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
      return show(reply, u, f, { ok: false, html: e.problems.map(esc).join('<br>') });
    }
  });
}
