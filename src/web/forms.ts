// The form for an inspection's current step, and the parsing of what comes
// back into the Update's arguments. The workflow's validators have the last
// word; a rejection comes back to the page as a message.

import { type CodeSet, FOLLOW_UP_DECISION, ITEM_RESULT, RECUSAL_MODE } from '../domain/glossary.ts';
import type { InspectionState } from '../workflows/inspection/types.ts';
import { type Html, html } from './view.ts';

/** A result as recorded: an item is either 符合 or 发现问题 (NOT_CHECKED is only the state before). */
const RECORDED_RESULT = { COMPLIANT: ITEM_RESULT.COMPLIANT, PROBLEM: ITEM_RESULT.PROBLEM } as const;

/** A select's options: the codes as values, the glossary's words as text. */
export const options = (set: CodeSet, selected?: string): Html[] =>
  Object.entries(set).map(
    ([code, name]) => html`<option value="${code}"${code === selected ? html` selected` : null}>${name}</option>`,
  );

export interface ItemLine {
  id: number;
  name: string;
}

const text = (name: string, label: string, type = 'text') =>
  html`<label>${label} <input type="${type}" name="${name}" required></label>`;
const area = (name: string, label: string, required = true, value = '') =>
  html`<label>${label} <textarea name="${name}" rows="${value ? 16 : 3}" ${required ? html`required` : null}>${value}</textarea></label>`;

function form(action: string, csrf: string, title: string, fields: Html, multipart = false): Html {
  // The token comes first in the body, before any file (src/web/multipart.ts): never in the URL.
  return html`<form method="post" action="${action}" ${multipart ? html`enctype="multipart/form-data"` : null}>
    <h3>${title}</h3><input type="hidden" name="_csrf" value="${csrf}">${fields}<button>提交</button></form>`;
}

/** `schemeDraft`: the scheme drawn up from the plan and the draw, for the unit to edit and submit. */
/** A publication category as the form offers it (src/records/publicationCategories.ts). */
export interface CategoryLine {
  code: string;
  name: string;
  problems: boolean | null;
}

/** The categories that fit what the inspection found, in the list's order. */
const categoryChoices = (categories: CategoryLine[], problemsFound: boolean) =>
  Object.fromEntries(
    categories.filter((c) => c.problems === null || c.problems === problemsFound).map((c) => [c.code, c.name]),
  );

export function stepForms(
  s: InspectionState,
  base: string,
  csrf: string,
  items: ItemLine[],
  schemeDraft = '',
  categories: CategoryLine[] = [],
): Html {
  const inspectors = s.team.filter((t) => t.kind === 'INSPECTOR');
  switch (s.stage) {
    case 'RECUSAL': {
      const open = inspectors.filter((t) => !s.confirmed.includes(t.id));
      const who = html`<label>检查人员 <select name="inspectorId">${open.map((t) => html`<option value="${t.id}">${t.name}</option>`)}</select></label>`;
      return html`${form(`${base}/confirm`, csrf, '确认无利害关系', who)}${form(
        `${base}/declare`,
        csrf,
        '申请回避（第十四条）',
        html`${who}${area('reason', '回避理由')}<label>方式 <select name="mode">${options(RECUSAL_MODE)}</select></label>`,
      )}`;
    }
    case 'SCHEME':
      return s.scheme
        ? form(`${base}/date`, csrf, '确定检查日期（在检查方案时间段内）', text('date', '检查日期', 'date'))
        : form(
            `${base}/scheme`,
            csrf,
            '检查方案（流程、内容、时间段）',
            area('scheme', '检查方案（已按年度计划和抽取结果起草，可修改）', true, schemeDraft),
          );
    case 'INSPECTION':
      return form(
        `${base}/results`,
        csrf,
        '检查结果',
        html`${text('endedOn', '检查结束日期', 'date')}${items.map(
          (i) =>
            html`<label>${i.name} <select name="result_${i.id}">${options(RECORDED_RESULT)}</select><input type="text" name="notes_${i.id}" placeholder="备注"></label>`,
        )}${area('problems', '发现的问题（如有）', false)}${area('enterpriseOpinion', '被检查对象的意见建议', false)}`,
      );
    case 'FEEDBACK':
      return form(
        `${base}/card`,
        csrf,
        '上传满意度反馈卡（扫描件，或用手机拍照）',
        // On a phone the first input opens the camera; several photos (the card's sides) become one PDF.
        html`<label>拍照（手机直接调用相机，可拍多张） <input type="file" name="file" accept="image/jpeg,image/png" capture="environment" multiple></label>
        <label>或选择文件（PDF 扫描件，或 JPEG/PNG 照片，可多选） <input type="file" name="file" accept="application/pdf,image/jpeg,image/png" multiple></label>`,
        true,
      );
    case 'PUBLICATION':
      return form(
        `${base}/publication`,
        csrf,
        '录入省双随机平台并在“信用永州”公示',
        html`${text('platformEnteredOn', '录入平台日期', 'date')}${text('creditYongzhouOn', '信用永州公示日期', 'date')}<label>公示类别 <select name="category" required>${options(categoryChoices(categories, s.problemsFound))}</select></label>${area('useOfResults', '检查结果的运用')}`,
      );
    case 'FOLLOW_UP':
      return form(
        `${base}/followup`,
        csrf,
        '后续处置（第十八条）',
        html`<label>决定 <select name="decision">${options(FOLLOW_UP_DECISION)}</select></label>${area('reasons', '理由')}${text('publishedOn', '公示日期', 'date')}`,
      );
    default:
      return html``;
  }
}
