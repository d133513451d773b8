// One inspector (Art. 9): certificate validity and status, unit, leave —
// edited with every change recorded (who, when, before and after).
import type { FastifyReply } from 'fastify';
import { changeWithAudit } from '../../activities/audit.ts';
import { CERTIFICATE_STATUS } from '../../domain/glossary.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import { type Flash, html, page, sendPage, table } from '../html.ts';
import { rosterHistory } from '../rosterHistory.ts';
import { checkbox, form, optional, Type, text } from '../schemas.ts';
import { type App, requireRole, requireUnit, type SessionUser, userOf, type WebDeps } from '../server.ts';

const STATUS = CERTIFICATE_STATUS;

/** An inspector's page is found by the 执法证号. */
const params = Type.Object({ no: text('执法证号', 100) });

/** The edit form: the select and the date stay text, so the handler's message names a bad one beside the form. */
const edit = form({
  certificateStatus: optional(text('证件状态', 40)),
  certificateTo: optional(text('有效期至', 40)),
  unitId: optional(text('所属单位', 20)),
  onLeave: checkbox('休假/借调'),
});

export async function inspectorRoutes(app: App, deps: WebDeps) {
  async function show(reply: FastifyReply, u: SessionUser, certificateNo: string, message?: Flash) {
    const i = await deps.db.inspector.findUnique({ where: { certificateNo }, include: { unit: true } });
    if (!i)
      return reply
        .code(404)
        .type('text/html')
        .send(page('未找到', html`<p class="error">没有执法证 ${certificateNo}</p>`, u));
    const units = await deps.db.unit.findMany();
    const history = await rosterHistory(deps.db, 'inspector', certificateNo);
    const csrf = await reply.generateCsrf();
    const body = html`
      <form method="post" action="/inspectors/${encodeURIComponent(certificateNo)}"><input type="hidden" name="_csrf" value="${csrf}">
        <label>证件状态 <select name="certificateStatus">${Object.entries(STATUS).map(
          ([k, v]) => html`<option value="${k}" ${k === i.certificateStatus ? html`selected` : null}>${v}</option>`,
        )}</select></label>
        <label>有效期至 <input type="date" name="certificateTo" value="${i.certificateTo.toISOString().slice(0, 10)}"></label>
        <label>所属单位 <select name="unitId">${units.map(
          (x) => html`<option value="${x.id}" ${x.id === i.unitId ? html`selected` : null}>${x.name}</option>`,
        )}</select></label>
        <label><input type="checkbox" name="onLeave" value="1" ${i.onLeave ? html`checked` : null}> 休假/借调（不参与抽取）</label>
        <button>保存</button></form>
      <h2>变更记录</h2>${table(
        ['时间', '办理人', '变更'],
        history.map((h) => [chinaDateTime(h.at.getTime()), h.actor, h.text]),
      )}`;
    return sendPage(reply, `${i.name}（${i.unit.name}）`, body, u, csrf, message);
  }

  app.get('/inspectors/:no', { schema: { params } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    return show(reply, u, req.params.no);
  });

  app.post(
    '/inspectors/:no',
    { schema: { params, body: edit }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      requireRole(u, ['STAFF', 'LEGAL', 'ADMIN']);
      const no = req.params.no;
      const i = await deps.db.inspector.findUnique({ where: { certificateNo: no } });
      if (!i) return reply.code(404).send();
      requireUnit(u, i.unitId, '执法人员');
      const b = req.body;
      // A transfer to another unit is the bureau's to make (法规股), not a unit's: refused before anything else.
      if (b.unitId !== undefined && Number(b.unitId) !== i.unitId)
        requireUnit(u, Number(b.unitId), '单位（调动须由法规股办理）');
      if (!(b.certificateStatus && b.certificateStatus in STATUS))
        return show(reply, u, no, { ok: false, text: '证件状态：请选择 有效、暂扣 或 吊销' });
      const to = new Date(`${b.certificateTo}T00:00:00Z`);
      if (Number.isNaN(to.getTime()) || to < i.certificateFrom)
        return show(reply, u, no, { ok: false, text: '有效期至：须为发证日期之后的日期' });
      const unitId = Number(b.unitId);
      if (!(await deps.db.unit.findUnique({ where: { id: unitId } })))
        return show(reply, u, no, { ok: false, text: '单位：所选单位不存在，请从列表中选择' });
      const next = {
        certificateStatus: b.certificateStatus as keyof typeof STATUS,
        certificateTo: to,
        unitId,
        onLeave: b.onLeave === '1',
      };
      const changes = Object.fromEntries(
        (Object.keys(next) as (keyof typeof next)[])
          .filter(
            (k) =>
              String(i[k] instanceof Date ? (i[k] as Date).toISOString() : i[k]) !==
              String(next[k] instanceof Date ? (next[k] as Date).toISOString() : next[k]),
          )
          .map((k) => [k, { from: i[k], to: next[k] }]),
      );
      if (!Object.keys(changes).length) return show(reply, u, no, { ok: true, text: '没有变化' });
      const entry = { actor: u.displayName, action: 'inspector.edit', subjectType: 'inspector', subjectId: no };
      await changeWithAudit(deps.db, { ...entry, details: { changes } }, (tx) =>
        tx.inspector.update({ where: { certificateNo: no }, data: next }),
      );
      return show(reply, u, no, { ok: true, text: '已保存' });
    },
  );
}
