// The human steps' validators speak to staff in Chinese — the field as they
// know it, what is wrong, the fix — and keep the field's API name and the same
// in English in the failure's details, for logs and `--json`, out of what a
// person reads.
import { describe, expect, it } from 'vitest';
import { openingState } from '../../src/workflows/inspection/state.ts';
import type { InspectionInput, InspectionState } from '../../src/workflows/inspection/types.ts';
import * as v from '../../src/workflows/inspection/validate.ts';
import { CALM_POLICY } from '../support/fixtures.ts';

const input: InspectionInput = {
  workflowId: 'w',
  origin: 'RANDOM',
  unitId: 1,
  unitCode: 'FMG',
  enterprise: { id: 1, name: '冷水滩区富泰页岩矿', creditCode: '91431103MA4L8UK46T' },
  drawId: 'D1',
  team: [{ kind: 'INSPECTOR', id: 7, name: '彭敏' }],
  itemIds: [11, 12],
  window: { start: '2026-10-01', end: '2026-11-27' },
  policy: CALM_POLICY,
};

function state(over: Partial<InspectionState>): InspectionState {
  return { ...openingState(input), inspectionId: 1, ...over };
}

const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return e as Error & { details?: { field: string; en: string }[] };
  }
  throw new Error('the step was accepted');
};
const message = (fn: () => void) => refusal(fn).message;
/** English prose: two Latin words in a row (codes such as PDF or YYYY-MM-DD are not prose). */
const ENGLISH = /[A-Za-z]{2,} [A-Za-z]{2,}/;

describe('step rejections', () => {
  it('name the stage in Chinese when a step comes out of order', () => {
    const r = refusal(() => v.validateScheme(state({}), { scheme: 'x', actor: '张' }));
    expect(r.message).toBe('提交检查方案：本检查当前处于“回避确认”阶段，此步骤须在“检查方案”阶段办理');
    expect(r.details).toEqual([
      { field: 'submitScheme', en: 'the inspection is at RECUSAL (回避确认), not SCHEME (检查方案)' },
    ]);
  });

  it('names the choices in the glossary’s words, one wording per code', () => {
    const declare = { inspectorId: 7, actor: '张', reason: '亲属', mode: 'X' as never };
    expect(message(() => v.validateDeclare(state({}), declare))).toBe(
      '回避方式：请选择：不参与本次检查，由系统另行选取替代人员、与其他执法检查人员交换被检查对象 或 由专家替代',
    );
    const decide = { decision: 'FINE' as never, reasons: '理由', publishedOn: '2026-10-10', actor: '张' };
    expect(message(() => v.validateFollowUp(state({ stage: 'FOLLOW_UP' }), decide))).toBe(
      '处置决定：请选择：行政处罚、移送其他行政机关、移送司法机关 或 不予处罚',
    );
  });

  it('asks for the publication category before anything else of the step', () => {
    const at = state({ stage: 'PUBLICATION', endedOn: '2026-11-27' });
    const published = {
      platformEnteredOn: '2026-11-28',
      creditYongzhouOn: '2026-11-28',
      useOfResults: '归档',
      actor: '张',
    };
    expect(message(() => v.validatePublication(at, published))).toBe('公示类别：请选择公示类别');
    expect(message(() => v.validatePublication(at, { ...published, category: 'no problem' }))).toBe(
      '公示类别：请选择公示类别',
    );
    expect(() => v.validatePublication(at, { ...published, category: 'NO_PROBLEM' })).not.toThrow();
  });

  it('name the field, what is wrong and the fix, in Chinese', () => {
    const scheme = state({ stage: 'SCHEME', scheme: '方案' });
    expect(message(() => v.validateDate(scheme, input, { date: '2026-11-28', actor: '张' }))).toBe(
      '检查日期：2026-11-28 不在方案的检查时间段 2026-10-01 至 2026-11-27 内（第十三条）',
    );
    expect(message(() => v.validateDate(scheme, input, { date: '2026-02-30', actor: '张' }))).toMatch(
      /^检查日期：2026-02-30 不是真实存在的日期$/,
    );
    const inspection = state({ stage: 'INSPECTION', scheduledDate: '2026-10-10' });
    const results = [
      { itemId: 11, result: 'PROBLEM' as const },
      { itemId: 12, result: 'MAYBE' as never },
    ];
    expect(
      message(() =>
        v.validateResults(inspection, input, {
          endedOn: '2026-10-10',
          results,
          problems: '',
          enterpriseOpinion: '',
          actor: '张',
        }),
      ),
    ).toMatch(/^检查结果：须为“符合”或“发现问题”$/);
    expect(message(() => v.validateConfirm(state({}), { inspectorId: 8, actor: '' }))).toBe(
      '操作人：请注明办理人（不超过 100 字）',
    );
  });

  it('never start with an API name: every field a step can reject has a Chinese name', () => {
    const rejections = [
      () => v.validateConfirm(state({}), { inspectorId: 8, actor: '张' }),
      () => v.validateDeclare(state({}), { inspectorId: 7, actor: '张', reason: '', mode: 'SWAP' }),
      () => v.validateDeclare(state({}), { inspectorId: 7, actor: '张', reason: '亲属', mode: 'X' as never }),
      () => v.validateScheme(state({ stage: 'SCHEME' }), { scheme: ' ', actor: '张' }),
      () => v.validateDate(state({ stage: 'SCHEME' }), input, { date: '2026-10-02', actor: '张' }),
      () =>
        v.validatePublication(state({ stage: 'PUBLICATION', endedOn: '2026-10-10' }), {
          platformEnteredOn: '2026-10-09',
          creditYongzhouOn: '2026-10-12',
          useOfResults: '归档',
          category: 'NO_PROBLEM',
          actor: '张',
        }),
      () =>
        v.validateFollowUp(state({ stage: 'FOLLOW_UP' }), {
          decision: 'PENALTY',
          reasons: '',
          publishedOn: '2026-10-20',
          actor: '张',
        }),
      () =>
        v.validateFeedbackCard(state({ stage: 'FEEDBACK' }), {
          fileName: 'card.exe',
          mimeType: 'application/x-msdownload',
          size: 10,
          sha256: 'a'.repeat(64),
          actor: '张',
        } as never),
    ];
    for (const r of rejections) {
      const e = refusal(r);
      expect(e.message).toMatch(/^[\u4e00-\u9fff][^：]*：.+$/);
      expect(e.message).not.toMatch(ENGLISH);
      expect(e.details?.[0]?.en).toMatch(ENGLISH); // the English is kept, for the logs
    }
  });

  it('refuse a payload that is not the step’s shape: unknown fields (a file path), wrong types, too much', () => {
    const card = {
      fileName: 'c.pdf',
      mimeType: 'application/pdf' as const,
      size: 10,
      sha256: 'a'.repeat(64),
      actor: '张',
    };
    expect(() => v.validateFeedbackCard(state({ stage: 'FEEDBACK' }), card)).not.toThrow();
    // A path from a client is never taken: the worker finds the file by its content id.
    expect(
      message(() =>
        v.validateFeedbackCard(state({ stage: 'FEEDBACK' }), { ...card, storagePath: '/etc/passwd' } as never),
      ),
    ).toMatch(/^storagePath：不是此步骤的字段，请删除/);
    const results = (notes: unknown) => ({
      endedOn: '2026-11-27',
      results: [
        { itemId: 11, result: 'COMPLIANT' as const, notes },
        { itemId: 12, result: 'COMPLIANT' as const },
      ],
      problems: '',
      enterpriseOpinion: '',
      actor: '张',
    });
    const at = state({ stage: 'INSPECTION' });
    const window = { ...input, window: { start: '2026-11-01', end: '2026-12-31' } };
    expect(() => v.validateResults(at, window, results('整改到位') as never)).not.toThrow();
    // notes: 123 passed before and wedged the inspection: the database refused it, the activity retried forever.
    expect(message(() => v.validateResults(at, window, results(123) as never))).toMatch(/^检查结果：备注须为文字/);
    expect(
      message(() => v.validateScheme(state({ stage: 'SCHEME' }), { scheme: 'x'.repeat(70_000), actor: '张' })),
    ).toMatch(/内容过长/);
    expect(message(() => v.validateScheme(state({ stage: 'SCHEME' }), 'x' as never))).toMatch(/须为一个对象/);
  });

  it('refuse dates that cannot be: after the window, in the future, before the inspection ended', () => {
    const window = { ...input, window: { start: '2026-11-01', end: '2099-12-31' } };
    const results = (endedOn: string) => ({
      endedOn,
      results: [
        { itemId: 11, result: 'COMPLIANT' as const },
        { itemId: 12, result: 'COMPLIANT' as const },
      ],
      problems: '',
      enterpriseOpinion: '',
      actor: '张',
    });
    const at = state({ stage: 'INSPECTION' });
    // 2099: deadlines in 2100, no reminder would ever fire.
    expect(message(() => v.validateResults(at, window, results('2099-12-31')))).toMatch(
      /^检查结束日期：2099-12-31 还没有到/,
    );
    expect(message(() => v.validateResults(at, input, results('2026-11-28')))).toMatch(
      /晚于检查时间段的结束日期 2026-11-27/,
    );
    const published = {
      platformEnteredOn: '2026-11-28',
      creditYongzhouOn: '1900-01-01',
      useOfResults: '归档',
      category: 'NO_PROBLEM',
      actor: '张',
    };
    expect(
      message(() => v.validatePublication(state({ stage: 'PUBLICATION', endedOn: '2026-11-27' }), published)),
    ).toMatch(/^信用永州公示日期：1900-01-01 早于检查结束日期 2026-11-27/);
    const future = { decision: 'NONE' as const, reasons: '无违法行为', publishedOn: '2099-01-01', actor: '张' };
    expect(message(() => v.validateFollowUp(state({ stage: 'FOLLOW_UP', endedOn: '2026-11-27' }), future))).toMatch(
      /还没有到/,
    );
  });
});
