import { ApplicationFailure } from '@temporalio/common';
// Validators for the human steps: reject an out-of-order, duplicate or
// malformed step before it enters history, with a message naming the field
// and the fix. Pure and synchronous, as Update validators must be.
import {
  type ChooseDate,
  type ConfirmNoConflict,
  type ConfirmPublication,
  type DecideFollowUp,
  type DeclareConflict,
  type FeedbackCardUpload,
  type InspectionInput,
  type InspectionState,
  MAX_SCAN_BYTES,
  type RecordResults,
  STAGE_NAMES,
  type Stage,
  type SubmitScheme,
} from './types.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A rejected step: the caller sees this message; state is unchanged. */
function fail(message: string): never {
  throw ApplicationFailure.nonRetryable(message, 'StepRejected');
}

function requireStage(s: InspectionState, stage: Stage, step: string) {
  if (s.stage !== stage)
    fail(`${step}: the inspection is at ${s.stage} (${STAGE_NAMES[s.stage]}), not ${stage} (${STAGE_NAMES[stage]})`);
}

function requireActor(a: { actor?: unknown }) {
  if (typeof a?.actor !== 'string' || !a.actor.trim()) fail('actor: say who is taking this step');
}

function requireText(value: unknown, field: string, fix: string, max = 4000) {
  if (typeof value !== 'string' || !value.trim()) fail(`${field}: ${fix}`);
  if (value.length > max) fail(`${field}: at most ${max} characters (got ${value.length})`);
}

function requireDay(value: unknown, field: string) {
  if (typeof value !== 'string' || !DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    fail(`${field}: "${String(value)}" must be a date YYYY-MM-DD`);
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) fail(`${field}: ${value} does not exist`);
}

function requireInspector(s: InspectionState, id: unknown) {
  if (!s.team.some((m) => m.kind === 'INSPECTOR' && m.id === id))
    fail(`inspectorId: ${String(id)} is not on this inspection's team`);
}

export function validateConfirm(s: InspectionState, a: ConfirmNoConflict) {
  requireStage(s, 'RECUSAL', 'confirmNoConflict');
  requireActor(a);
  requireInspector(s, a.inspectorId);
  if (s.confirmed.includes(a.inspectorId)) fail(`inspectorId: ${a.inspectorId} has already confirmed`);
}

export function validateDeclare(s: InspectionState, a: DeclareConflict) {
  requireStage(s, 'RECUSAL', 'declareConflict');
  requireActor(a);
  requireInspector(s, a.inspectorId);
  if (s.confirmed.includes(a.inspectorId))
    fail(`inspectorId: ${a.inspectorId} already confirmed no conflict; ask 法规股 to reopen`);
  requireText(a.reason, 'reason', 'state the conflict of interest (回避理由)', 500);
  if (!['SWAP', 'EXPERT', 'REPLACEMENT'].includes(a.mode)) fail('mode: must be SWAP, EXPERT or REPLACEMENT');
  if (a.withId !== undefined && !Number.isInteger(a.withId)) fail('withId: must be an inspector or expert id');
}

export function validateScheme(s: InspectionState, a: SubmitScheme) {
  requireStage(s, 'SCHEME', 'submitScheme');
  requireActor(a);
  if (s.scheme) fail('scheme: already submitted');
  requireText(a.scheme, 'scheme', 'describe the process, content and time window (检查方案)', 20_000);
}

export function validateDate(s: InspectionState, input: InspectionInput, a: ChooseDate) {
  requireStage(s, 'SCHEME', 'chooseDate');
  requireActor(a);
  if (!s.scheme) fail('chooseDate: submit the inspection scheme first');
  if (s.scheduledDate) fail(`date: already chosen (${s.scheduledDate})`);
  requireDay(a.date, 'date');
  if (a.date < input.window.start || a.date > input.window.end)
    fail(`date: ${a.date} is outside the scheme's window ${input.window.start} – ${input.window.end} (Art. 13)`);
}

export function validateResults(s: InspectionState, input: InspectionInput, a: RecordResults) {
  requireStage(s, 'INSPECTION', 'recordResults');
  requireActor(a);
  requireDay(a.endedOn, 'endedOn');
  if (s.scheduledDate && a.endedOn < s.scheduledDate)
    fail(`endedOn: ${a.endedOn} is before the chosen date ${s.scheduledDate}`);
  if (!Array.isArray(a.results)) fail('results: give one result per drawn item');
  const ids = a.results.map((r) => r?.itemId);
  const missing = input.itemIds.filter((id) => !ids.includes(id));
  if (missing.length) fail(`results: missing items ${missing.join(', ')}`);
  const extra = ids.filter((id) => !input.itemIds.includes(id as number));
  if (extra.length) fail(`results: items ${extra.join(', ')} were not drawn for this inspection`);
  if (new Set(ids).size !== ids.length) fail('results: an item appears twice');
  for (const r of a.results)
    if (r.result !== 'COMPLIANT' && r.result !== 'PROBLEM')
      fail(`results[${r.itemId}].result: must be COMPLIANT or PROBLEM`);
  if (a.results.some((r) => r.result === 'PROBLEM')) requireText(a.problems, 'problems', 'describe the problems found');
  if (typeof a.enterpriseOpinion !== 'string')
    fail('enterpriseOpinion: record the enterprise’s opinion (may be empty)');
}

export function validateFeedbackCard(s: InspectionState, a: FeedbackCardUpload) {
  requireStage(s, 'FEEDBACK', 'uploadFeedbackCard');
  requireActor(a);
  if (!['application/pdf', 'image/jpeg', 'image/png'].includes(a.mimeType))
    fail(`mimeType: ${String(a.mimeType)} is not a scan; upload a PDF, JPEG or PNG`);
  if (!Number.isInteger(a.size) || a.size <= 0 || a.size > MAX_SCAN_BYTES)
    fail(`size: ${a.size} bytes; a scan must be 1 byte to ${MAX_SCAN_BYTES / 1024 / 1024} MiB`);
  if (typeof a.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(a.sha256))
    fail('sha256: store the file first (storeScan)');
  requireText(a.storagePath, 'storagePath', 'store the file first (storeScan)', 1000);
  requireText(a.fileName, 'fileName', 'name the file', 255);
}

export function validatePublication(s: InspectionState, a: ConfirmPublication) {
  requireStage(s, 'PUBLICATION', 'confirmPublication');
  requireActor(a);
  requireDay(a.platformEnteredOn, 'platformEnteredOn');
  requireDay(a.creditYongzhouOn, 'creditYongzhouOn');
  if (s.endedOn && a.platformEnteredOn < s.endedOn)
    fail(`platformEnteredOn: ${a.platformEnteredOn} is before the inspection ended (${s.endedOn})`);
  requireText(a.useOfResults, 'useOfResults', 'say how the results are used (检查结果的运用), Art. 17', 2000);
}

export function validateFollowUp(s: InspectionState, a: DecideFollowUp) {
  requireStage(s, 'FOLLOW_UP', 'decideFollowUp');
  requireActor(a);
  if (!['PENALTY', 'TRANSFER_AGENCY', 'TRANSFER_JUDICIAL', 'NONE'].includes(a.decision))
    fail('decision: must be PENALTY, TRANSFER_AGENCY, TRANSFER_JUDICIAL or NONE');
  requireText(a.reasons, 'reasons', 'give the reasons for the decision (Art. 18)', 4000);
  requireDay(a.publishedOn, 'publishedOn');
}
