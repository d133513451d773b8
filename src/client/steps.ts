// The human steps of an inspection, one table for the console and the CLI:
// each step's Update, how what a person submitted (form fields, or the CLI's
// --json-args) becomes the Update's argument, and what must be checked
// against the database first. The workflow's validators have the last word;
// this turns a person's input into the typed argument, and refuses in words
// what cannot be one.
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Db } from '../db/client.ts';
import { type CodeSet, FOLLOW_UP_DECISION, ITEM_RESULT, isCode, RECUSAL_MODE } from '../domain/glossary.ts';
import { categoryProblem } from '../records/publicationCategories.ts';
import * as m from '../workflows/inspection/messages.ts';
import type { InspectionState, ItemResultInput } from '../workflows/inspection/types.ts';

/** What a person submitted, untrusted: form fields, or the CLI's JSON object. */
export type StepInput = Record<string, unknown>;

export interface StepContext {
  db: Db;
  /** Who is taking the step: the signed-in user, or the CLI's --actor. Never read from the input. */
  actor: string;
  /** The inspection's items, for a results form's fields result_<id> / notes_<id>. */
  items: { id: number; name: string }[];
}

/** Input that cannot become the step's argument, or a database check that fails: the message says what to do. */
export class StepInputError extends Error {
  /** The step's field it is about (its API name), for the console to mark. */
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
const optionalNum = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : num(v));

function code<S extends CodeSet>(set: S, v: unknown, label: string, field: string): keyof S & string {
  if (isCode(set, v)) return v;
  throw new StepInputError(`${label}：请选择 ${Object.values(set).join('、')} 之一`, field);
}

const RECORDED = { COMPLIANT: ITEM_RESULT.COMPLIANT, PROBLEM: ITEM_RESULT.PROBLEM } as const;

/** Results from the CLI's array, or from the form's result_<id> and notes_<id> fields. */
function results(b: StepInput, items: StepContext['items']): ItemResultInput[] {
  const rows = Array.isArray(b.results)
    ? b.results.map((r: Record<string, unknown>) => ({ itemId: num(r?.itemId), result: r?.result, notes: r?.notes }))
    : items.map((i) => ({ itemId: i.id, result: b[`result_${i.id}`], notes: b[`notes_${i.id}`] }));
  return rows.map((r) => ({
    itemId: r.itemId,
    result: code(RECORDED, r.result, '检查结果', `results[${r.itemId}].result`),
    notes: str(r.notes),
  }));
}

interface Step<A> {
  update: UpdateDefinition<InspectionState, [A]>;
  parse(b: StepInput, c: StepContext): A;
  /** A check against the database, before anything is sent. */
  check?(db: Db, a: A, s: InspectionState): Promise<{ field: string; problem: string | null }>;
}

const step = <A>(s: Step<A>) => ({
  ...s,
  /** Parse, check, send: the new state, or a StepInputError (a refused Update throws WorkflowUpdateFailedError). */
  async send(handle: WorkflowHandle, b: StepInput, c: StepContext): Promise<InspectionState> {
    const a = s.parse(b, c);
    if (s.check) {
      const { field, problem } = await s.check(c.db, a, await handle.query(m.stateQuery));
      if (problem) throw new StepInputError(problem, field);
    }
    return handle.executeUpdate(s.update, { args: [a] });
  },
});

export const STEPS = {
  confirm: step({
    update: m.confirmNoConflict,
    parse: (b, c) => ({ inspectorId: num(b.inspectorId), actor: c.actor }),
  }),
  declare: step({
    update: m.declareConflict,
    parse: (b, c) => ({
      inspectorId: num(b.inspectorId),
      reason: str(b.reason),
      mode: code(RECUSAL_MODE, b.mode, '回避方式', 'mode'),
      withId: optionalNum(b.withId),
      actor: c.actor,
    }),
  }),
  scheme: step({ update: m.submitScheme, parse: (b, c) => ({ scheme: str(b.scheme), actor: c.actor }) }),
  date: step({ update: m.chooseDate, parse: (b, c) => ({ date: str(b.date), actor: c.actor }) }),
  results: step({
    update: m.recordResults,
    parse: (b, c) => ({
      endedOn: str(b.endedOn),
      results: results(b, c.items),
      problems: str(b.problems),
      enterpriseOpinion: str(b.enterpriseOpinion),
      actor: c.actor,
    }),
  }),
  publication: step({
    update: m.confirmPublication,
    parse: (b, c) => ({
      platformEnteredOn: str(b.platformEnteredOn),
      creditYongzhouOn: str(b.creditYongzhouOn),
      useOfResults: str(b.useOfResults),
      category: str(b.category),
      actor: c.actor,
    }),
    check: async (db, a, s) => ({ field: 'category', problem: await categoryProblem(db, a.category, s.problemsFound) }),
  }),
  followup: step({
    update: m.decideFollowUp,
    parse: (b, c) => ({
      decision: code(FOLLOW_UP_DECISION, b.decision, '处置决定', 'decision'),
      reasons: str(b.reasons),
      publishedOn: str(b.publishedOn),
      actor: c.actor,
    }),
  }),
} as const;

export type StepName = keyof typeof STEPS;
export const isStepName = (s: string): s is StepName => Object.hasOwn(STEPS, s);
