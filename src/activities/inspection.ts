// The inspection's record in the database. Every activity here is
// idempotent: keyed by the inspection and the step, so a retry or a replay
// writes nothing twice.
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { COPY_HOLDERS, renderFilingForm } from '../documents/filingForm.ts';
import { findCjkFont } from '../documents/fonts.ts';
import { renderPdf } from '../documents/pdfThread.ts';
import { scanFile } from '../documents/scans.ts';
import { ORIGIN_NAMES } from '../domain/sectors.ts';
import { categoryProblem } from '../records/publicationCategories.ts';
import type {
  ConfirmPublication,
  DecideFollowUp,
  FeedbackCardUpload,
  InspectionInput,
  RecordResults,
  Stage,
} from '../workflows/inspection/types.ts';
import { changeWithAudit, type Tx } from './audit.ts';
import type { ActivityDeps } from './deps.ts';
import type { OutgoingMail } from './mail.ts';
import { memberRow } from './members.ts';

export interface StepRecord {
  inspectionId: number;
  stepKey: string;
  stage: Stage;
  nextStage: Stage;
  actor: string;
  payload?: unknown;
  patch?: { scheme?: string; scheduledDate?: string; publicationDue?: string; publicationDueProvisional?: boolean };
}

const day = (d: string) => new Date(`${d}T00:00:00Z`);

export function inspectionActivities(deps: ActivityDeps) {
  const { db, config, now } = deps;

  async function openInspection(input: InspectionInput): Promise<number> {
    const entry = {
      key: `open:${input.workflowId}`,
      actor: 'system',
      action: 'inspection.open',
      subjectType: 'inspection',
      subjectId: input.workflowId,
      details: { origin: input.origin, drawId: input.drawId, team: input.team },
    };
    const row = await changeWithAudit(
      db,
      entry,
      async (tx) =>
        (await tx.inspection.findUnique({ where: { workflowId: input.workflowId } })) ??
        (await createInspection(tx, input)),
      { now },
    );
    return row.id;
  }

  async function createInspection(tx: Tx, input: InspectionInput) {
    const created = await tx.inspection.create({
      data: {
        workflowId: input.workflowId,
        origin: input.origin,
        originNote: input.originNote ?? null,
        unitId: input.unitId,
        enterpriseId: input.enterprise.id,
        drawRecordId: input.drawId,
        stage: 'RECUSAL',
        windowStart: day(input.window.start),
        windowEnd: day(input.window.end),
      },
    });
    for (const m of input.team) await tx.inspectionMember.create({ data: memberRow(created.id, m, input.drawId) });
    for (const itemVersionId of input.itemIds)
      await tx.itemResult.create({ data: { inspectionId: created.id, itemVersionId } });
    return created;
  }

  async function recordStep(s: StepRecord): Promise<void> {
    const entry = {
      key: `step:${s.inspectionId}:${s.stepKey}`,
      actor: s.actor,
      action: `inspection.${s.stepKey.split(':')[0]}`,
      subjectType: 'inspection',
      subjectId: String(s.inspectionId),
      details: s.payload ?? {},
    };
    // The entry is filed even when the step is there: an older build wrote a step in a
    // transaction of its own, and may have crashed before its entry. Keyed, so filed once.
    await changeWithAudit(
      db,
      entry,
      async (tx) => {
        const done = await tx.inspectionStep.findUnique({
          where: { inspectionId_stepKey: { inspectionId: s.inspectionId, stepKey: s.stepKey } },
        });
        if (!done) await writeStep(tx, s);
      },
      { now },
    );
  }

  async function writeStep(tx: Tx, s: StepRecord): Promise<void> {
    await tx.inspectionStep.create({
      data: {
        inspectionId: s.inspectionId,
        stepKey: s.stepKey,
        stage: s.stage,
        actor: s.actor,
        payload: (s.payload ?? {}) as object,
        at: now(),
      },
    });
    await tx.inspection.update({
      where: { id: s.inspectionId },
      data: {
        stage: s.nextStage,
        scheme: s.patch?.scheme,
        scheduledDate: s.patch?.scheduledDate ? day(s.patch.scheduledDate) : undefined,
        publicationDue: s.patch?.publicationDue,
        publicationDueProvisional: s.patch?.publicationDueProvisional,
      },
    });
  }

  async function saveResults(inspectionId: number, r: RecordResults): Promise<void> {
    await db.$transaction(async (tx) => {
      for (const item of r.results)
        await tx.itemResult.update({
          where: { inspectionId_itemVersionId: { inspectionId, itemVersionId: item.itemId } },
          data: { result: item.result, notes: item.notes ?? null },
        });
      await tx.inspection.update({
        where: { id: inspectionId },
        data: { endedAt: day(r.endedOn), enterpriseOpinion: r.enterpriseOpinion },
      });
    });
  }

  async function loadForDocuments(inspectionId: number) {
    return db.inspection.findUniqueOrThrow({
      where: { id: inspectionId },
      include: {
        unit: true,
        enterprise: true,
        drawRecord: true,
        members: { where: { active: true }, include: { inspector: true, expert: true } },
        results: { include: { itemVersion: true } },
        feedbackCard: true,
        filing: true,
      },
    });
  }

  /** Generate the filing form, record its three copies, and return the email to 区优化办. */
  async function prepareFiling(inspectionId: number): Promise<OutgoingMail> {
    const i = await loadForDocuments(inspectionId);
    const formNo = `LSTBA-${(i.windowStart ?? i.createdAt).getUTCFullYear()}-${String(i.id).padStart(5, '0')}`;
    const form = {
      formNo,
      unitName: i.unit.name,
      origin: ORIGIN_NAMES[i.origin],
      drawId: i.drawRecordId,
      drawDigest: i.drawRecord?.inputDigest ?? null,
      enterprise: { name: i.enterprise.name, creditCode: i.enterprise.creditCode, address: i.enterprise.address },
      inspectors: i.members.flatMap((m) =>
        m.inspector ? [{ name: m.inspector.name, certificateNo: m.inspector.certificateNo }] : [],
      ),
      experts: i.members.flatMap((m) => (m.expert ? [{ name: m.expert.name }] : [])),
      items: i.results.map((r) => ({ name: r.itemVersion.name, legalBasis: r.itemVersion.legalBasis })),
      window: {
        start: i.windowStart?.toISOString().slice(0, 10) ?? '',
        end: i.windowEnd?.toISOString().slice(0, 10) ?? '',
      },
      filedOn: (i.filing?.filedAt ?? now()).toISOString().slice(0, 10),
    };
    const dir = path.resolve(config.dataDir, 'documents');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${formNo}.html`);
    fs.writeFileSync(file, renderFilingForm(form));
    const attachments: OutgoingMail['attachments'] = [
      { filename: `${formNo}.html`, path: file, contentType: 'text/html; charset=utf-8' },
    ];
    // The printable PDF needs a CJK font (Debian: fonts-noto-cjk); without one the HTML form still goes.
    const font = findCjkFont();
    if (font) {
      const pdf = path.join(dir, `${formNo}.pdf`);
      fs.writeFileSync(pdf, await renderPdf({ kind: 'filing', data: form, font }));
      attachments.unshift({ filename: `${formNo}.pdf`, path: pdf, contentType: 'application/pdf' });
    }
    if (!i.filing)
      await db.filing.create({
        data: {
          inspectionId,
          formNo,
          filedAt: now(),
          copies: COPY_HOLDERS.map(([holder]) => ({ holder, recordedAt: now().toISOString() })),
          emailMessageId: `<filing.${inspectionId}@ssj.lstyjj>`,
        },
      });
    return {
      key: `filing.${inspectionId}`,
      purpose: 'FILING',
      inspectionId,
      to: config.optimisationOfficeEmail,
      subject: `【登记备案】${i.enterprise.name} ${formNo}`,
      text: `区优化办：\n\n${i.unit.name}对${i.enterprise.name}（${i.enterprise.creditCode}）的“双随机、一公开”检查已完成抽取，登记备案表见附件（一式三份：区优化办、检查单位、检查对象各留存一份）。\n\n冷水滩区应急管理局`,
      attachments,
    };
  }

  /** Record the uploaded scan and return the email that carries it to 区优化办 (Art. 17). */
  async function saveFeedbackCard(inspectionId: number, u: FeedbackCardUpload): Promise<OutgoingMail> {
    const key = `feedback-card.${inspectionId}`;
    // The content id, resolved here: a scan the console stored, never a path from the payload.
    const file = scanFile(config.dataDir, u.sha256, u.mimeType);
    await db.feedbackCard.upsert({
      where: { inspectionId },
      create: {
        inspectionId,
        fileName: u.fileName,
        mimeType: u.mimeType,
        sha256: u.sha256,
        storagePath: path.relative(path.resolve(config.dataDir), file),
        uploadedBy: u.actor,
        emailMessageId: `<${key}@ssj.lstyjj>`,
      },
      update: {},
    });
    const i = await loadForDocuments(inspectionId);
    return {
      key,
      purpose: 'FEEDBACK_CARD',
      inspectionId,
      to: config.optimisationOfficeEmail,
      subject: `【满意度反馈卡】${i.enterprise.name} ${i.filing?.formNo ?? ''}`.trim(),
      text: `区优化办：\n\n${i.unit.name}对${i.enterprise.name}（${i.enterprise.creditCode}）的检查已结束，《冷水滩区涉企检查满意度反馈卡》扫描件见附件。\n\n冷水滩区应急管理局`,
      attachments: [{ filename: u.fileName, path: file, contentType: u.mimeType }],
    };
  }

  /** The Art. 17 publication record: who was drawn, time, process, results, feedback, opinions, use of results. */
  /** The category's name as published; a code the list does not have (now) is refused for good, in words. */
  async function publishedCategory(p: ConfirmPublication, problemsFound: boolean) {
    if (p.category === undefined) return null; // a step taken before categories existed
    const problem = await categoryProblem(db, p.category, problemsFound);
    if (problem) throw ApplicationFailure.nonRetryable(problem, 'PublicationCategoryRejected');
    const c = await db.publicationCategory.findUniqueOrThrow({ where: { code: p.category } });
    return { code: c.code, name: c.name };
  }

  async function savePublication(inspectionId: number, p: ConfirmPublication, dueDate: string): Promise<void> {
    const i = await loadForDocuments(inspectionId);
    const category = await publishedCategory(
      p,
      i.results.some((r) => r.result === 'PROBLEM'),
    );
    const content = {
      enterprise: { name: i.enterprise.name, creditCode: i.enterprise.creditCode },
      drawnBy: i.drawRecordId
        ? { drawId: i.drawRecordId, digest: i.drawRecord?.inputDigest }
        : { origin: ORIGIN_NAMES[i.origin] },
      inspectors: i.members.flatMap((m) =>
        m.inspector ? [{ name: m.inspector.name, certificateNo: m.inspector.certificateNo }] : [],
      ),
      experts: i.members.flatMap((m) => (m.expert ? [m.expert.name] : [])),
      time: { scheduled: i.scheduledDate?.toISOString().slice(0, 10), ended: i.endedAt?.toISOString().slice(0, 10) },
      process: i.scheme,
      results: i.results.map((r) => ({ item: r.itemVersion.name, result: r.result, notes: r.notes })),
      feedback: i.feedbackCard ? { received: true, sha256: i.feedbackCard.sha256 } : { received: false },
      enterpriseOpinion: i.enterpriseOpinion,
      useOfResults: p.useOfResults,
      ...(category ? { category: category.name } : {}),
    };
    await db.publication.upsert({
      where: { inspectionId },
      create: {
        inspectionId,
        dueDate,
        platformEnteredAt: day(p.platformEnteredOn),
        creditYongzhouAt: day(p.creditYongzhouOn),
        content,
        publishedBy: p.actor,
        category: category?.code ?? null,
        categoryName: category?.name ?? null,
      },
      update: {},
    });
  }

  async function saveFollowUp(inspectionId: number, f: DecideFollowUp): Promise<void> {
    await db.followUp.upsert({
      where: { inspectionId },
      create: {
        inspectionId,
        decision: f.decision,
        reasons: f.reasons,
        decidedBy: f.actor,
        decidedAt: now(),
        publishedAt: day(f.publishedOn),
      },
      update: {},
    });
  }

  return { openInspection, recordStep, saveResults, prepareFiling, saveFeedbackCard, savePublication, saveFollowUp };
}
