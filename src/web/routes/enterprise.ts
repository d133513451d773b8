// One enterprise: its record, an edit form for what changes (operating
// state, risk class, credit flags, contact), and its history from the audit
// log — every change with who, when, before and after.
import type { FastifyReply } from 'fastify';
import { changeWithAudit } from '../../activities/audit.ts';
import { nameOf, OPERATING_STATE, ORIGIN, STAGE } from '../../domain/glossary.ts';
import { SECTOR_NAMES } from '../../domain/sectors.ts';
import { chinaDate, chinaDateTime } from '../../shared/chinaTime.ts';
import { type Flash, html, page, sendPage, table } from '../html.ts';
import { rosterHistory } from '../rosterHistory.ts';
import { checkbox, form, optional, Type, text } from '../schemas.ts';
import { type App, ownUnitOnly, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

const STATES = OPERATING_STATE;
const EDITABLE = [
  'operatingState',
  'riskClass',
  'seriousViolation',
  'abnormalOperation',
  'penalized',
  'contactName',
  'contactPhone',
] as const;

/** An inspection as a person finds it on the page: by its window (its id carries codes, kept in the link). */
const inspectionWindow = (i: { windowStart: Date | null; windowEnd: Date | null; createdAt: Date }) =>
  i.windowStart && i.windowEnd
    ? `${chinaDate(i.windowStart.getTime())} 至 ${chinaDate(i.windowEnd.getTime())}`
    : `${chinaDate(i.createdAt.getTime())} 开启`;

/** An enterprise's page is found by its 统一社会信用代码. */
const params = Type.Object({ code: text('统一社会信用代码', 100) });

/** The edit form: the selects stay text, so the handler's message names a bad choice beside the form. */
const edit = form({
  operatingState: optional(text('经营状态', 40)),
  riskClass: optional(text('风险等级', 10)),
  seriousViolation: checkbox('严重违法失信名单'),
  abnormalOperation: checkbox('经营异常'),
  penalized: checkbox('因违法受过行政处罚'),
  contactName: optional(text('联系人', 200)),
  contactPhone: optional(text('联系电话', 40)),
});

export async function enterpriseRoutes(app: App, deps: WebDeps) {
  async function show(reply: FastifyReply, u: SessionUser, code: string, message?: Flash) {
    const e = await deps.db.enterprise.findUnique({ where: { creditCode: code } });
    if (!e)
      return reply
        .code(404)
        .type('text/html')
        .send(page('未找到', html`<p class="error">没有企业 ${code}</p>`, u));
    const history = await rosterHistory(deps.db, 'enterprise', code);
    // The roster is the bureau's; another unit's inspections of the enterprise are that unit's.
    const inspections = await deps.db.inspection.findMany({
      where: { enterpriseId: e.id, ...(ownUnitOnly(u) ? { unitId: u.unitId ?? -1 } : {}) },
      orderBy: { createdAt: 'desc' },
    });
    const csrf = await reply.generateCsrf();
    const flag = (name: string, label: string, v: boolean) =>
      html`<label><input type="checkbox" name="${name}" value="是" ${v ? html`checked` : null}> ${label}</label>`;
    const body = html`
      <p>${e.creditCode} · ${SECTOR_NAMES[e.sector]} · ${e.township} · ${e.address}</p>
      <form method="post" action="/enterprises/${encodeURIComponent(code)}"><input type="hidden" name="_csrf" value="${csrf}">
        <label>经营状态 <select name="operatingState">${Object.entries(STATES).map(
          ([k, v]) => html`<option value="${k}" ${k === e.operatingState ? html`selected` : null}>${v}</option>`,
        )}</select></label>
        <label>风险等级 <select name="riskClass">${['A', 'B', 'C', 'D'].map(
          (r) => html`<option ${r === e.riskClass ? html`selected` : null}>${r}</option>`,
        )}</select></label>
        ${flag('seriousViolation', '严重违法失信名单', e.seriousViolation)}${flag('abnormalOperation', '经营异常', e.abnormalOperation)}${flag('penalized', '因违法受过行政处罚', e.penalized)}
        <label>联系人 <input type="text" name="contactName" value="${e.contactName}"></label><label>联系电话 <input type="text" name="contactPhone" value="${e.contactPhone}"></label>
        <button>保存</button></form>
      <h2>检查记录</h2>${table(
        ['检查时间段', '方式', '环节'],
        inspections.map((i) => [
          html`<a href="/inspections/${encodeURIComponent(i.workflowId)}">${inspectionWindow(i)}</a>`,
          nameOf(ORIGIN, i.origin),
          nameOf(STAGE, i.stage),
        ]),
      )}
      <h2>变更记录</h2>${table(
        ['时间', '办理人', '变更'],
        history.map((h) => [chinaDateTime(h.at.getTime()), h.actor, h.text]),
      )}`;
    return sendPage(reply, e.name, body, u, csrf, message);
  }

  app.get('/enterprises/:code', { schema: { params } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    return show(reply, u, req.params.code);
  });

  app.post(
    '/enterprises/:code',
    { schema: { params, body: edit }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      requireRole(u, ['STAFF', 'LEGAL', 'ADMIN']);
      const code = req.params.code;
      const b = req.body;
      const e = await deps.db.enterprise.findUnique({ where: { creditCode: code } });
      if (!e) return reply.code(404).send();
      if (!(b.operatingState && b.operatingState in STATES))
        return show(reply, u, code, { ok: false, text: '经营状态：请选择 正常、停产停业 或 关闭注销' });
      const riskClass = b.riskClass ?? '';
      if (!/^[ABCD]$/.test(riskClass))
        return show(reply, u, code, { ok: false, text: '风险等级：请选择 A、B、C 或 D' });
      const next = {
        operatingState: b.operatingState as keyof typeof STATES,
        riskClass,
        seriousViolation: b.seriousViolation === '是',
        abnormalOperation: b.abnormalOperation === '是',
        penalized: b.penalized === '是',
        contactName: b.contactName?.trim() || null,
        contactPhone: b.contactPhone?.trim() || null,
      };
      const changes = Object.fromEntries(
        EDITABLE.filter((k) => e[k] !== next[k]).map((k) => [k, { from: e[k], to: next[k] }]),
      );
      if (!Object.keys(changes).length) return show(reply, u, code, { ok: true, text: '没有变化' });
      const entry = { actor: u.displayName, action: 'enterprise.edit', subjectType: 'enterprise', subjectId: code };
      await changeWithAudit(deps.db, { ...entry, details: { changes } }, (tx) =>
        tx.enterprise.update({ where: { creditCode: code }, data: next }),
      );
      return show(reply, u, code, { ok: true, text: '已保存' });
    },
  );
}
