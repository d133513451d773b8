// Validators for the human steps: reject an out-of-order, duplicate or
// malformed step before it enters history, with a message naming the field
// and the fix (in Chinese, then English: stepRejected.ts). Pure and
// synchronous, as Update validators must be.

import {
  CATEGORY_CODE,
  type CodeSet,
  FOLLOW_UP_DECISION,
  ITEM_RESULT,
  isCode,
  RECUSAL_MODE,
  STEP,
} from '../../domain/glossary.ts';
import { PROBLEM_WORDS, payloadProblem } from '../payload.ts';
import { rejectStep } from '../stepRejected.ts';
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

/** A code set's names as a person reads a choice: 甲、乙 或 丙. */
const oneOf = (set: CodeSet) => {
  const names = Object.values(set);
  return names.length > 1 ? `${names.slice(0, -1).join('、')} 或 ${names.at(-1)}` : (names[0] ?? '');
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What staff call each field of a step. */
const FIELD_NAMES: Record<string, string> = {
  actor: '操作人',
  inspectorId: '检查人员',
  reason: '回避理由',
  mode: '回避方式',
  withId: '替换人员',
  scheme: '检查方案',
  date: '检查日期',
  endedOn: '检查结束日期',
  results: '检查结果',
  problems: '发现的问题',
  enterpriseOpinion: '企业意见',
  mimeType: '文件类型',
  size: '文件大小',
  sha256: '文件校验值',
  fileName: '文件名',
  platformEnteredOn: '录入监管平台日期',
  creditYongzhouOn: '信用永州公示日期',
  useOfResults: '检查结果运用',
  category: '公示类别',
  decision: '处置决定',
  reasons: '处置理由',
  publishedOn: '处置公示日期',
};

const STEP_NAMES: Readonly<Record<string, string>> = STEP;

/**
 * A rejected step: the caller sees this message; state is unchanged.
 * `field` is a field's API name (or a step's); `zh` and `en` say what is wrong and the fix.
 */
function fail(field: string, zh: string, en: string): never {
  rejectStep(FIELD_NAMES[field.replace(/\[.*$/, '')] ?? STEP_NAMES[field] ?? field, field, zh, en);
}

function requireStage(s: InspectionState, stage: Stage, step: string) {
  if (s.stage !== stage)
    fail(
      step,
      `本检查当前处于“${STAGE_NAMES[s.stage]}”阶段，此步骤须在“${STAGE_NAMES[stage]}”阶段办理`,
      `the inspection is at ${s.stage} (${STAGE_NAMES[s.stage]}), not ${stage} (${STAGE_NAMES[stage]})`,
    );
}

/** A plain object of these fields (plus `actor`), within the size limit: checked first, in every step. */
function requireFields(a: unknown, step: string, fields: readonly string[]) {
  const p = payloadProblem(a, ['actor', ...fields]);
  if (p) fail(p.field === 'payload' ? step : p.field, PROBLEM_WORDS[p.problem].zh, PROBLEM_WORDS[p.problem].en);
}

/** Today in China (the workflow's own clock): no step may date itself after it. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function requireNotFuture(value: string, field: string) {
  const today = chinaToday();
  if (value > today)
    fail(field, `${value} 还没有到（今天是 ${today}）`, `${value} is in the future (today is ${today})`);
}

function requireNotBefore(value: string, field: string, earliest: string | null, what: string) {
  if (earliest && value < earliest)
    fail(field, `${value} 早于${what} ${earliest}`, `${value} is before ${what} (${earliest})`);
}

function requireActor(a: { actor?: unknown }) {
  if (typeof a?.actor !== 'string' || !a.actor.trim() || a.actor.length > 100)
    fail('actor', '请注明办理人（不超过 100 字）', 'say who is taking this step (at most 100 characters)');
}

function requireText(value: unknown, field: string, zh: string, en: string, max = 4000) {
  if (typeof value !== 'string' || !value.trim()) fail(field, zh, en);
  if (value.length > max)
    fail(field, `不超过 ${max} 字（现为 ${value.length} 字）`, `at most ${max} characters (got ${value.length})`);
}

function requireDay(value: unknown, field: string) {
  if (typeof value !== 'string' || !DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    fail(field, `“${String(value)}”不是日期，请按 YYYY-MM-DD 填写`, `"${String(value)}" must be a date YYYY-MM-DD`);
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    fail(field, `${value} 不是真实存在的日期`, `${value} does not exist`);
}

function requireInspector(s: InspectionState, id: unknown) {
  if (!s.team.some((m) => m.kind === 'INSPECTOR' && m.id === id))
    fail('inspectorId', `编号 ${String(id)} 的人员不在本次检查组中`, `${String(id)} is not on this inspection's team`);
}

/** A team member as people know them: by name. */
const memberName = (s: InspectionState, id: number) =>
  s.team.find((m) => m.kind === 'INSPECTOR' && m.id === id)?.name ?? `编号 ${id} 的人员`;

export function validateConfirm(s: InspectionState, a: ConfirmNoConflict, recheck = false) {
  if (!recheck) requireFields(a, 'confirmNoConflict', ['inspectorId']);
  requireStage(s, 'RECUSAL', 'confirmNoConflict');
  requireActor(a);
  requireInspector(s, a.inspectorId);
  if (s.confirmed.includes(a.inspectorId))
    fail('inspectorId', `${memberName(s, a.inspectorId)} 已确认过`, `${a.inspectorId} has already confirmed`);
}

export function validateDeclare(
  s: InspectionState,
  a: DeclareConflict,
  recheck = false,
  origin: InspectionInput['origin'] = 'RANDOM',
) {
  if (!recheck) requireFields(a, 'declareConflict', ['inspectorId', 'reason', 'mode', 'withId']);
  requireStage(s, 'RECUSAL', 'declareConflict');
  requireActor(a);
  requireInspector(s, a.inspectorId);
  if (s.confirmed.includes(a.inspectorId))
    fail(
      'inspectorId',
      `${memberName(s, a.inspectorId)} 已确认无利害关系，如需回避请法规股重新开启`,
      `${a.inspectorId} already confirmed no conflict; ask 法规股 to reopen`,
    );
  requireText(a.reason, 'reason', '请写明利害关系', 'state the conflict of interest (回避理由)', 500);
  if (!isCode(RECUSAL_MODE, a.mode))
    fail('mode', `请选择：${oneOf(RECUSAL_MODE)}`, 'must be SWAP, EXPERT or REPLACEMENT');
  if (a.withId !== undefined && !Number.isInteger(a.withId))
    fail('withId', '须为检查人员或专家的编号', 'must be an inspector or expert id');
  // Art. 8 inspections have no draw to take a replacement from: staff name who stands in (checked before history).
  if (!recheck && origin !== 'RANDOM' && (a.mode === 'SWAP' || a.withId === undefined))
    fail(
      'withId',
      '非随机抽查的回避须写明由哪位执法人员或专家替代（不能与其他检查组交换）',
      'a non-random inspection needs the replacement inspector or expert named (no swap)',
    );
}

export function validateScheme(s: InspectionState, a: SubmitScheme, recheck = false) {
  if (!recheck) requireFields(a, 'submitScheme', ['scheme']);
  requireStage(s, 'SCHEME', 'submitScheme');
  requireActor(a);
  if (s.scheme) fail('scheme', '已提交，不能重复提交', 'already submitted');
  requireText(
    a.scheme,
    'scheme',
    '请写明检查流程、内容和时间段',
    'describe the process, content and time window (检查方案)',
    20_000,
  );
}

export function validateDate(s: InspectionState, input: InspectionInput, a: ChooseDate, recheck = false) {
  if (!recheck) requireFields(a, 'chooseDate', ['date']);
  requireStage(s, 'SCHEME', 'chooseDate');
  requireActor(a);
  if (!s.scheme) fail('chooseDate', '请先提交检查方案', 'submit the inspection scheme first');
  if (s.scheduledDate) fail('date', `已确定（${s.scheduledDate}）`, `already chosen (${s.scheduledDate})`);
  requireDay(a.date, 'date');
  if (a.date < input.window.start || a.date > input.window.end)
    fail(
      'date',
      `${a.date} 不在方案的检查时间段 ${input.window.start} 至 ${input.window.end} 内（第十三条）`,
      `${a.date} is outside the scheme's window ${input.window.start} – ${input.window.end} (Art. 13)`,
    );
}

/**
 * What the payload of recordResults must be whatever the state: its items' shape, text sizes, and its end date's
 * bounds (inside the window, not in the future). Checked when the step arrives, not again in the handler: a
 * history recorded before a bound existed replays as it was.
 */
function resultsBounds(input: InspectionInput, a: RecordResults) {
  if (a.endedOn > input.window.end)
    fail(
      'endedOn',
      `${a.endedOn} 晚于检查时间段的结束日期 ${input.window.end}（第十三条）`,
      `${a.endedOn} is after the window's end ${input.window.end} (Art. 13)`,
    );
  requireNotFuture(a.endedOn, 'endedOn');
  for (const r of a.results) {
    const p = payloadProblem(r, ['itemId', 'result', 'notes']);
    if (p)
      fail(
        'results',
        `每项结果只含事项、结果和备注：${PROBLEM_WORDS[p.problem].zh}`,
        `each result: ${p.field} ${PROBLEM_WORDS[p.problem].en}`,
      );
    if (r.notes !== undefined && (typeof r.notes !== 'string' || r.notes.length > 2000))
      fail(
        `results[${r.itemId}].notes`,
        '备注须为文字，不超过 2000 字',
        'notes must be text of at most 2000 characters',
      );
  }
  if (typeof a.problems !== 'string' || a.problems.length > 4000)
    fail('problems', '须为文字，不超过 4000 字（可为空）', 'text of at most 4000 characters (may be empty)');
  if (typeof a.enterpriseOpinion !== 'string' || a.enterpriseOpinion.length > 4000)
    fail(
      'enterpriseOpinion',
      '请记录企业意见（可为空，不超过 4000 字）',
      'record the enterprise’s opinion (may be empty, at most 4000 characters)',
    );
}

export function validateResults(s: InspectionState, input: InspectionInput, a: RecordResults, recheck = false) {
  if (!recheck) requireFields(a, 'recordResults', ['endedOn', 'results', 'problems', 'enterpriseOpinion']);
  requireStage(s, 'INSPECTION', 'recordResults');
  requireActor(a);
  requireDay(a.endedOn, 'endedOn');
  requireNotBefore(a.endedOn, 'endedOn', s.scheduledDate, '确定的检查日期');
  if (!Array.isArray(a.results) || a.results.length > 200)
    fail('results', '请逐项填写抽取事项的结果', 'give one result per drawn item');
  if (!recheck) resultsBounds(input, a);
  const ids = a.results.map((r) => r?.itemId);
  const missing = input.itemIds.filter((id) => !ids.includes(id));
  if (missing.length) fail('results', `缺少事项 ${missing.join('、')}`, `missing items ${missing.join(', ')}`);
  const extra = ids.filter((id) => !input.itemIds.includes(id as number));
  if (extra.length)
    fail(
      'results',
      `事项 ${extra.join('、')} 不是本次抽取的事项`,
      `items ${extra.join(', ')} were not drawn for this inspection`,
    );
  if (new Set(ids).size !== ids.length) fail('results', '有事项重复填写', 'an item appears twice');
  for (const r of a.results)
    if (r.result !== 'COMPLIANT' && r.result !== 'PROBLEM')
      fail(
        `results[${r.itemId}].result`,
        `须为“${ITEM_RESULT.COMPLIANT}”或“${ITEM_RESULT.PROBLEM}”`,
        'must be COMPLIANT or PROBLEM',
      );
  if (a.results.some((r) => r.result === 'PROBLEM'))
    requireText(a.problems, 'problems', '有事项发现问题，请写明问题', 'describe the problems found');
  if (typeof a.enterpriseOpinion !== 'string')
    fail('enterpriseOpinion', '请记录企业意见（可为空）', 'record the enterprise’s opinion (may be empty)');
}

export function validateFeedbackCard(s: InspectionState, a: FeedbackCardUpload, recheck = false) {
  // A file is named by its content (sha256) only: the worker finds it in its own data directory, never at a path
  // a client gives.
  if (!recheck) requireFields(a, 'uploadFeedbackCard', ['fileName', 'mimeType', 'size', 'sha256']);
  requireStage(s, 'FEEDBACK', 'uploadFeedbackCard');
  requireActor(a);
  if (!['application/pdf', 'image/jpeg', 'image/png'].includes(a.mimeType))
    fail(
      'mimeType',
      `${String(a.mimeType)} 不是扫描件，请上传 PDF、JPEG 或 PNG`,
      `${String(a.mimeType)} is not a scan; upload a PDF, JPEG or PNG`,
    );
  const mib = MAX_SCAN_BYTES / 1024 / 1024;
  if (!Number.isInteger(a.size) || a.size <= 0 || a.size > MAX_SCAN_BYTES)
    fail(
      'size',
      `${a.size} 字节；扫描件须在 1 字节至 ${mib} MiB 之间`,
      `${a.size} bytes; a scan must be 1 byte to ${mib} MiB`,
    );
  if (typeof a.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(a.sha256))
    fail('sha256', '请先保存文件', 'store the file first (storeScan)');
  requireText(a.fileName, 'fileName', '请填写文件名', 'name the file', 255);
}

export function validatePublication(s: InspectionState, a: ConfirmPublication, recheck = false) {
  if (!recheck) {
    requireFields(a, 'confirmPublication', ['platformEnteredOn', 'creditYongzhouOn', 'useOfResults', 'category']);
    // Which categories exist is the database's (the step's client checks the list first, the activity again).
    if (typeof a.category !== 'string' || !CATEGORY_CODE.test(a.category))
      fail('category', '请选择公示类别', 'choose the publication category');
  }
  requireStage(s, 'PUBLICATION', 'confirmPublication');
  requireActor(a);
  for (const field of ['platformEnteredOn', 'creditYongzhouOn'] as const) {
    requireDay(a[field], field);
    // Bounds are the payload's: checked on arrival (a history recorded before them replays as it was).
    if (!recheck) requireNotBefore(a[field], field, s.endedOn, '检查结束日期');
    if (!recheck) requireNotFuture(a[field], field);
  }
  requireText(
    a.useOfResults,
    'useOfResults',
    '请写明检查结果的运用（第十七条）',
    'say how the results are used (检查结果的运用), Art. 17',
    2000,
  );
}

export function validateFollowUp(s: InspectionState, a: DecideFollowUp, recheck = false) {
  if (!recheck) requireFields(a, 'decideFollowUp', ['decision', 'reasons', 'publishedOn']);
  requireStage(s, 'FOLLOW_UP', 'decideFollowUp');
  requireActor(a);
  if (!isCode(FOLLOW_UP_DECISION, a.decision))
    fail(
      'decision',
      `请选择：${oneOf(FOLLOW_UP_DECISION)}`,
      'must be PENALTY, TRANSFER_AGENCY, TRANSFER_JUDICIAL or NONE',
    );
  requireText(a.reasons, 'reasons', '请写明处置理由（第十八条）', 'give the reasons for the decision (Art. 18)', 4000);
  requireDay(a.publishedOn, 'publishedOn');
  if (!recheck) requireNotBefore(a.publishedOn, 'publishedOn', s.endedOn, '检查结束日期');
  if (!recheck) requireNotFuture(a.publishedOn, 'publishedOn');
}
