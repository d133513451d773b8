// One enterprise: its record, an edit form for what changes (operating
// state, risk class, credit flags, contact), and its history from the audit
// log — every change with who, when, before and after.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { changeWithAudit } from '../../activities/audit.ts';
import { nameOf, OPERATING_STATE, ORIGIN, STAGE } from '../../domain/glossary.ts';
import { SECTOR_NAMES } from '../../domain/sectors.ts';
import { chinaDate, chinaDateTime } from '../../shared/chinaTime.ts';
import { esc, page, sendPage, table } from '../html.ts';
import { rosterHistory } from '../rosterHistory.ts';
import { ownUnitOnly, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

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

export async function enterpriseRoutes(app: FastifyInstance, deps: WebDeps) {
  async function show(reply: FastifyReply, u: SessionUser, code: string, message?: { ok: boolean; text: string }) {
    const e = await deps.db.enterprise.findUnique({ where: { creditCode: code } });
    if (!e)
      return reply
        .code(404)
        .type('text/html')
        .send(page('未找到', `<p class="error">没有企业 ${esc(code)}</p>`, u));
    const history = await rosterHistory(deps.db, 'enterprise', code);
    // The roster is the bureau's; another unit's inspections of the enterprise are that unit's.
    const inspections = await deps.db.inspection.findMany({
      where: { enterpriseId: e.id, ...(ownUnitOnly(u) ? { unitId: u.unitId ?? -1 } : {}) },
      orderBy: { createdAt: 'desc' },
    });
    const csrf = await reply.generateCsrf();
    const flag = (name: string, label: string, v: boolean) =>
      `<label><input type="checkbox" name="${name}" value="是" ${v ? 'checked' : ''}> ${esc(label)}</label>`;
    const body = `
      <p>${esc(e.creditCode)} · ${esc(SECTOR_NAMES[e.sector])} · ${esc(e.township)} · ${esc(e.address)}</p>
      <form method="post" action="/enterprises/${encodeURIComponent(code)}"><input type="hidden" name="_csrf" value="${esc(csrf)}">
        <label>经营状态 <select name="operatingState">${Object.entries(STATES)
          .map(([k, v]) => `<option value="${k}" ${k === e.operatingState ? 'selected' : ''}>${v}</option>`)
          .join('')}</select></label>
        <label>风险等级 <select name="riskClass">${['A', 'B', 'C', 'D'].map((r) => `<option ${r === e.riskClass ? 'selected' : ''}>${r}</option>`).join('')}</select></label>
        ${flag('seriousViolation', '严重违法失信名单', e.seriousViolation)}${flag('abnormalOperation', '经营异常', e.abnormalOperation)}${flag('penalized', '因违法受过行政处罚', e.penalized)}
        <label>联系人 <input type="text" name="contactName" value="${esc(e.contactName)}"></label><label>联系电话 <input type="text" name="contactPhone" value="${esc(e.contactPhone)}"></label>
        <button>保存</button></form>
      <h2>检查记录</h2>${table(
        ['检查时间段', '方式', '环节'],
        inspections.map((i) => [
          `<a href="/inspections/${encodeURIComponent(i.workflowId)}">${esc(inspectionWindow(i))}</a>`,
          esc(nameOf(ORIGIN, i.origin)),
          esc(nameOf(STAGE, i.stage)),
        ]),
      )}
      <h2>变更记录</h2>${table(
        ['时间', '办理人', '变更'],
        history.map((h) => [esc(chinaDateTime(h.at.getTime())), esc(h.actor), esc(h.text)]),
      )}`;
    return sendPage(reply, e.name, body, u, csrf, message);
  }

  app.get('/enterprises/:code', async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    return show(reply, u, (req.params as { code: string }).code);
  });

  app.post('/enterprises/:code', { preHandler: app.csrfProtection }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, ['STAFF', 'LEGAL', 'ADMIN']);
    const code = (req.params as { code: string }).code;
    const b = req.body as Record<string, string | undefined>;
    const e = await deps.db.enterprise.findUnique({ where: { creditCode: code } });
    if (!e) return reply.code(404).send();
    if (!(b.operatingState && b.operatingState in STATES))
      return show(reply, u, code, { ok: false, text: '经营状态：请选择 正常、停产停业 或 关闭注销' });
    if (!/^[ABCD]$/.test(b.riskClass ?? ''))
      return show(reply, u, code, { ok: false, text: '风险等级：请选择 A、B、C 或 D' });
    const next = {
      operatingState: b.operatingState as keyof typeof STATES,
      riskClass: b.riskClass as string,
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
  });
}
