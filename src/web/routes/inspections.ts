// The inspection page: timeline, team, deadlines, escalations, documents,
// and the form for the current step, which submits the matching Update.
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyReply } from 'fastify';
import { STEPS, StepInputError, type StepName } from '../../client/steps.ts';
import { renderPdf } from '../../documents/pdfThread.ts';
import { MAX_PHOTOS, ScanRejected, scanFile, storeScans } from '../../documents/scans.ts';
import { schemeDraft } from '../../documents/scheme.ts';
import { ITEM_RESULT, nameOf, PROVISIONAL_DUE } from '../../domain/glossary.ts';
import { activeCategories } from '../../records/publicationCategories.ts';
import { loadSchemeData } from '../../records/scheme.ts';
import { chinaDate, chinaDateTime } from '../../shared/chinaTime.ts';
import * as m from '../../workflows/inspection/messages.ts';
import {
  DEADLINE_NAMES,
  type InspectionState,
  LEVEL_NAMES,
  MAX_SCAN_BYTES,
  STAGE_NAMES,
} from '../../workflows/inspection/types.ts';
import type { StepRejection } from '../../workflows/stepRejected.ts';
import { inForm, markInvalid, refill } from '../formState.ts';
import { type ItemLine, stepForms } from '../forms.ts';
import { fontOr503, type Html, html, page, sendPage, table } from '../html.ts';
import { emailPurpose, emailState, timelineRow } from '../inspectionLabels.ts';
import { recordedState } from '../inspectionRecord.ts';
import { filesAfterCsrf } from '../multipart.ts';
import { id, oneOf, Type, text } from '../schemas.ts';
import { type App, Forbidden, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';
import { dueBadge, stageStepper } from '../status.ts';

/** Staff and supervisors see their own unit's inspections only. */
async function loadAllowed(deps: WebDeps, u: SessionUser, workflowId: string) {
  const row = await deps.db.inspection.findUnique({
    where: { workflowId },
    include: {
      enterprise: true,
      unit: true,
      results: { include: { itemVersion: true } },
      emails: true,
      filing: true,
      feedbackCard: true,
    },
  });
  if (!row) return null;
  if ((u.role === 'STAFF' || u.role === 'SUPERVISOR') && row.unitId !== u.unitId)
    throw new Forbidden('这是其他单位的检查任务');
  return row;
}

type Allowed = NonNullable<Awaited<ReturnType<typeof loadAllowed>>>;
type StepHandle = ReturnType<WebDeps['client']['workflow']['getHandle']>;

/** The field a refusal names: the validator's (in the failure's details) or the form parser's. */
function refusedField(e: unknown): string | undefined {
  if (e instanceof StepInputError) return e.field;
  const cause = e instanceof WorkflowUpdateFailedError ? e.cause : undefined;
  if (cause instanceof ApplicationFailure) return (cause.details?.[0] as StepRejection | undefined)?.field;
  return undefined;
}

/** A refused step's form: what was typed put back, the field named by the refusal marked with its message. */
function refusedForm(
  stepForm: Html,
  m?: { ok: boolean; text: string; field?: string; values?: Record<string, unknown>; step?: string },
): Html {
  if (!m || m.ok) return stepForm;
  // Two forms of a stage may share a field (回避: confirm and declare both name an inspector): the refused one only.
  return inForm(stepForm, m.step ?? '', (form) => {
    const refilled = m.values ? refill(form, m.values) : form;
    return m.field ? markInvalid(refilled, m.field, m.text) : refilled;
  });
}

/** An upload past the limits, refused in words (nothing of it is kept). */
function tooMuch(e: unknown): never {
  const code = (e as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    throw new ScanRejected(
      `扫描件：一次上传的文件合计不超过 ${MAX_SCAN_BYTES / 1048576} MB，请减少张数或降低扫描、拍照分辨率`,
    );
  if (code === 'FST_FILES_LIMIT') throw new ScanRejected(`扫描件：一次最多 ${MAX_PHOTOS} 张照片`);
  throw e;
}

/** How long a page waits for the workflow's answer before it shows the database's record instead. */
const QUERY_WAIT_MS = 5_000;
const NOT_LIVE =
  '检查流程暂时没有应答，以下是数据库中记录的情况（截至最近一次办理）。现在不能在此办理步骤，请稍后刷新；如果一直这样，请联系系统管理员。';
/** A step sent to a workflow that has ended: stopped from the Temporal UI or CLI, or its history gone. */
const ENDED = '这项检查的流程已经结束或被停止，不能再办理步骤；如需继续办理，请联系系统管理员。';
const GONE =
  '流程服务中已没有这项检查的流程记录（例如保存期限已过），以下是数据库中记录的情况（截至最近一次办理）。不能再在此办理步骤；如需继续办理，请联系系统管理员。';

/**
 * The inspection's state from its workflow; when the workflow cannot answer in time (its worker stopped or
 * overloaded, its history gone), from the database's record, marked so the page offers no step.
 */
async function stateOf(
  deps: WebDeps,
  workflowId: string,
  reply: FastifyReply,
): Promise<{ state: InspectionState; live: boolean; gone?: boolean }> {
  try {
    const handle = deps.client.workflow.getHandle(workflowId);
    const state = await deps.client.withDeadline(Date.now() + QUERY_WAIT_MS, () => handle.query(m.stateQuery));
    return { state, live: true };
  } catch (e) {
    const recorded = await recordedState(deps.db, workflowId, Date.now());
    if (!recorded) throw e;
    reply.log.warn({ workflowId, err: e }, 'inspection page: the workflow did not answer; shown from the database');
    return { state: recorded, live: false, gone: e instanceof WorkflowNotFoundError };
  }
}

export async function inspectionRoutes(app: App, deps: WebDeps) {
  async function render(
    reply: FastifyReply,
    u: SessionUser,
    workflowId: string,
    message?: { ok: boolean; text: string; field?: string; values?: Record<string, unknown>; step?: string },
  ) {
    const row = await loadAllowed(deps, u, workflowId);
    if (!row)
      return reply
        .code(404)
        .type('text/html')
        .send(page('未找到', html`<p class="error">没有检查 ${workflowId}</p>`, u));
    const { state: s, live, gone } = await stateOf(deps, workflowId, reply);
    const items: ItemLine[] = row.results.map((r) => ({ id: r.itemVersionId, name: r.itemVersion.name }));
    const csrf = await reply.generateCsrf();
    const draft = s.stage === 'SCHEME' && !s.scheme ? schemeDraft(await loadSchemeData(deps.db, row.id)) : '';
    const base = `/inspections/${encodeURIComponent(workflowId)}/steps`;
    const forms = live
      ? refusedForm(
          stepForms(s, base, csrf, items, draft, s.stage === 'PUBLICATION' ? await activeCategories(deps.db) : []),
          message,
        )
      : html`<p class="note">检查流程恢复应答后，可在此办理下一步。</p>`;
    const body = html`${live ? null : html`<p class="error">${gone ? GONE : NOT_LIVE}</p>`}
      <p>${row.unit.name} · ${row.enterprise.creditCode} · 当前环节：<b>${STAGE_NAMES[s.stage]}</b></p>
      ${stageStepper(s.stage, s.problemsFound)}
      <h2>检查组</h2><p>${s.team.map((t) => `${t.name}${t.kind === 'EXPERT' ? '（专家）' : ''}${s.confirmed.includes(t.id) ? ' ✓' : ''}`).join('、')}</p>
      <h2>检查事项</h2>${table(
        ['事项', '依据', '结果'],
        row.results.map((r) => [
          r.itemVersion.name,
          r.itemVersion.legalBasis,
          `${nameOf(ITEM_RESULT, r.result)}${r.notes ? `：${r.notes}` : ''}`,
        ]),
      )}
      <h2>文书</h2><p>${row.filing ? html`<a href="/documents/filing/${row.id}">登记备案表 ${row.filing.formNo}</a>（一式三份）` : '登记备案表：尚未生成'}
      · <a href="/documents/scheme/${row.id}">检查方案（PDF）</a>
      · <a href="/documents/feedback-card/${row.id}">打印满意度反馈卡（预填编号）</a>
      · ${row.feedbackCard ? html`<a href="/documents/scan/${row.id}">满意度反馈卡扫描件</a>` : '满意度反馈卡扫描件：尚未上传'}</p>
      ${forms}
      <h2>期限</h2>${table(
        ['事项', '到期', '状态'],
        s.deadlines.map((d) => [
          DEADLINE_NAMES[d.kind],
          `${d.dueDate ?? chinaDate(d.dueAt)}${d.provisional ? PROVISIONAL_DUE : ''}`,
          dueBadge(d.dueAt, d.status === 'MET', { withDate: false }),
        ]),
      )}
      <h2>提醒与上报</h2>${table(
        ['期限', '级别', '时间'],
        s.escalations.map((e) => [DEADLINE_NAMES[e.kind], LEVEL_NAMES[e.level], chinaDateTime(e.at)]),
      )}
      <h2>邮件</h2>${table(
        ['用途', '收件人', '状态'],
        row.emails.map((e) => [emailPurpose(e.purpose), e.to, emailState(e)]),
      )}
      <h2>过程记录</h2>${table(
        ['时间', '步骤', '办理人', '说明'],
        s.history.map((h) => {
          const [step, note] = timelineRow(h, s.team);
          return [chinaDateTime(h.at), step, h.actor === 'system' ? '系统' : h.actor, note];
        }),
      )}`;
    return sendPage(reply, row.enterprise.name, body, u, csrf, message);
  }

  // Documents, with the same unit check as the inspection itself.
  const documentParams = Type.Object({
    kind: oneOf('文书', ['filing', 'feedback-card', 'scheme', 'scan']),
    inspectionId: id('检查编号'),
  });
  app.get('/documents/:kind/:inspectionId', { schema: { params: documentParams } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    const { kind, inspectionId } = req.params;
    const insp = await deps.db.inspection.findUnique({ where: { id: inspectionId } });
    if (!insp) return reply.code(404).send();
    const row = await loadAllowed(deps, u, insp.workflowId);
    if (kind === 'filing' && row?.filing) {
      const file = path.resolve(deps.config.dataDir, 'documents', `${row.filing.formNo}.html`);
      return reply.type('text/html; charset=utf-8').send(fs.readFileSync(file));
    }
    if ((kind === 'feedback-card' || kind === 'scheme') && row) {
      const font = fontOr503(reply);
      if (!font) return reply;
      if (kind === 'scheme')
        return reply
          .type('application/pdf')
          .send(await renderPdf({ kind: 'scheme', data: await loadSchemeData(deps.db, row.id), font }));
      const { state: st } = await stateOf(deps, row.workflowId, reply);
      const pdf = await renderPdf({
        kind: 'feedbackCard',
        data: {
          reference: `FK-${String(row.id).padStart(5, '0')}`,
          workflowId: row.workflowId,
          unitName: row.unit.name,
          enterpriseName: row.enterprise.name,
          creditCode: row.enterprise.creditCode,
          inspectors: st.team.map((t) => t.name),
          date: st.scheduledDate,
        },
        font,
      });
      return reply.type('application/pdf').send(pdf);
    }
    if (kind === 'scan' && row?.feedbackCard) {
      // By content id, inside the data directory: never the stored path as it stands.
      const card = row.feedbackCard;
      return reply.type(card.mimeType).send(fs.readFileSync(scanFile(deps.config.dataDir, card.sha256, card.mimeType)));
    }
    return reply.code(404).send();
  });

  /** An inspection's workflow id, as its page's address has it. */
  const inspectionParams = { id: text('检查', 200) };

  app.get('/inspections/:id', { schema: { params: Type.Object(inspectionParams) } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    return render(reply, u, req.params.id);
  });

  /** A step taken: the page with its outcome, or with its refusal in words and the form as it was left. */
  async function takeStep(
    reply: FastifyReply,
    u: SessionUser,
    workflowId: string,
    step: string,
    values: Record<string, string>,
    take: (handle: StepHandle, row: Allowed) => Promise<string>,
  ) {
    // Bureau leaders receive escalations and read; the units (and 法规股 for decisions) do the steps.
    requireRole(u, ['STAFF', 'SUPERVISOR', 'LEGAL', 'ADMIN']);
    const row = await loadAllowed(deps, u, workflowId);
    if (!row) return reply.code(404).send();
    try {
      const done = await take(deps.client.workflow.getHandle(workflowId), row);
      return render(reply, u, workflowId, { ok: true, text: done });
    } catch (e) {
      const reason =
        e instanceof WorkflowUpdateFailedError
          ? ((e.cause as Error | undefined)?.message ?? e.message)
          : e instanceof ScanRejected || e instanceof StepInputError
            ? e.message
            : e instanceof WorkflowNotFoundError
              ? ENDED
              : null;
      if (reason === null) throw e;
      // The form comes back as it was left, the refused field marked.
      return render(reply, u, workflowId, { ok: false, text: reason, field: refusedField(e), values, step });
    }
  }

  // An upload checks its form's token itself (src/web/multipart.ts), and its body is files: no body schema.
  app.post('/inspections/:id/steps/card', { schema: { params: Type.Object(inspectionParams) } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    return takeStep(reply, u, req.params.id, 'card', {}, async (handle) => {
      const files = await filesAfterCsrf(req, { fileSize: MAX_SCAN_BYTES, files: MAX_PHOTOS }).catch(tooMuch);
      // The stage first: a scan the inspection cannot take yet is not written to disk.
      const st = await handle.query(m.stateQuery);
      if (st.stage !== 'FEEDBACK')
        throw new ScanRejected(
          `上传满意度反馈卡：本检查当前处于“${STAGE_NAMES[st.stage]}”阶段，须在“${STAGE_NAMES.FEEDBACK}”阶段上传`,
        );
      const upload = await storeScans(deps.config.dataDir, files, u.displayName, (photos) =>
        renderPdf({ kind: 'photos', data: photos }),
      );
      await handle.executeUpdate(m.uploadFeedbackCard, { args: [upload] });
      return `反馈卡已保存，并将自动发送至 ${deps.config.optimisationOfficeEmail}`;
    });
  });

  // Every other step: a form whose fields depend on the step and the inspection's items
  // (result_12, notes_12), read by the step's parser (src/client/steps.ts); its token checked first.
  const stepParams = Type.Object({ ...inspectionParams, step: oneOf('步骤', Object.keys(STEPS) as StepName[]) });
  const stepBody = Type.Record(
    Type.String({ maxLength: 100 }),
    Type.String({ title: '填写的内容', maxLength: 50_000 }),
    { maxProperties: 2_000 },
  );
  app.post(
    '/inspections/:id/steps/:step',
    { schema: { params: stepParams, body: stepBody }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      const { id, step } = req.params; // one of STEPS: the schema refused any other
      return takeStep(reply, u, id, step, req.body, async (handle, row) => {
        const items = row.results.map((r) => ({ id: r.itemVersionId, name: r.itemVersion.name }));
        await STEPS[step].send(handle, { ...req.body }, { db: deps.db, actor: u.displayName, items });
        return '已提交';
      });
    },
  );
}
