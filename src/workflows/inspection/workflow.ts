// One inspection of one enterprise (Art. 13–18), from recusal to follow-up.
// Human steps arrive as Updates, checked by validators before they enter
// history; every stage with a deadline is watched (deadlines.ts); the
// database record is written through idempotent activities.

import type { UpdateDefinition } from '@temporalio/common';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { OutgoingMail } from '../../activities/mail.ts';
import { chinaDate, endOfChinaDay } from '../../shared/chinaTime.ts';
import { SA } from '../../shared/searchAttributes.ts';
import { db, local, mail } from '../activities.ts';
import { escalation, watchDeadline } from '../deadlines.ts';
import { refuseUnencrypted } from '../payload.ts';
import * as m from './messages.ts';
import { openingState } from './state.ts';
import type {
  AdvanceStep,
  Deadline,
  DeadlineKind,
  DeadlineSpec,
  HistoryEvent,
  InspectionInput,
  InspectionState,
  Stage,
  StepKey,
} from './types.ts';
import * as v from './validate.ts';

export const teamChanged = m.teamChanged;

/** An activity's refusal as the step's own: the person sees the activity's words, the step changes nothing. */
const refusedInWords =
  (type: string) =>
  (e: unknown): never => {
    const cause = (e as { cause?: Error }).cause;
    throw ApplicationFailure.create({ message: cause?.message ?? String(e), type, nonRetryable: true });
  };

export async function inspection(input: InspectionInput): Promise<InspectionState> {
  refuseUnencrypted(input);
  const s = openingState(input);
  const pendingMail: Promise<unknown>[] = [];
  let dueVersion = 0;
  let busy = false;

  const sendLater = (msg: OutgoingMail) => pendingMail.push(mail.sendEmail(msg));
  const log = (event: HistoryEvent, actor = 'system') =>
    s.history.push({ ...event, at: Date.now(), stage: s.stage, actor });

  /** Human steps run one at a time, even when their activities take a while. */
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !busy && s.inspectionId !== null);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  }

  let published = '';
  function publishSearchAttributes() {
    const open = s.deadlines.filter((d) => d.status !== 'MET');
    const next = open.length ? Math.min(...open.map((d) => d.dueAt)) : null;
    const overdue = s.deadlines.some((d) => d.status === 'OVERDUE');
    // Each upsert is an event and a visibility write on the server; most steps
    // change nothing the lists filter on: only a change is published.
    const values = `${s.stage}|${next}|${overdue}`;
    if (values === published) return;
    published = values;
    if (input.searchAttributes === false) return;
    upsertSearchAttributes([
      { key: SA.stage, value: s.stage },
      { key: SA.dueDate, value: next === null ? null : new Date(next) },
      { key: SA.overdue, value: overdue },
    ]);
  }

  /**
   * A step's record is written by a local activity, so an Update answers
   * without an activity task through the server and a second workflow task
   * (idempotent by (inspectionId, stepKey): a re-run after a crash writes once).
   */
  const recordStep = local.recordStep;

  async function advance(stepKey: AdvanceStep, next: Stage, actor: string, payload?: unknown, patch?: object) {
    await recordStep({
      inspectionId: s.inspectionId as number,
      stepKey,
      stage: s.stage,
      nextStage: next,
      actor,
      payload,
      patch,
    });
    log({ kind: stepKey }, actor);
    s.stage = next;
    publishSearchAttributes();
  }

  async function dueOf(kind: DeadlineKind, spec: DeadlineSpec | 'WINDOW_END', from: string): Promise<Deadline> {
    const fixed = { kind, from: null, workingDays: null, provisional: false, status: 'OPEN' as const };
    if (spec === 'WINDOW_END') return { ...fixed, dueAt: endOfChinaDay(input.window.end), dueDate: input.window.end };
    if ('afterMs' in spec) return { ...fixed, dueAt: Date.now() + spec.afterMs, dueDate: null };
    const due = await db.dueDate(from, spec.workingDays);
    const counted = { from, workingDays: spec.workingDays, provisional: due.provisional };
    return { ...fixed, ...counted, dueAt: endOfChinaDay(due.date), dueDate: due.date };
  }

  /** Open a deadline and start watching it until `isDone`; `done` settles when the step is done. */
  async function watch(
    kind: DeadlineKind,
    spec: DeadlineSpec | 'WINDOW_END',
    from: string,
    isDone: () => boolean,
  ): Promise<{ done: Promise<void> }> {
    const deadline = await dueOf(kind, spec, from);
    s.deadlines.push(deadline);
    publishSearchAttributes();
    const fire = escalation(
      () => ({
        inspectionId: s.inspectionId as number,
        workflowId: input.workflowId,
        stage: s.stage,
        kind,
        dueAt: deadline.dueAt,
      }),
      (level, letter) => {
        s.escalations.push({ kind, level, at: Date.now() });
        log({ kind: 'escalation', deadline: kind, level, to: letter.to });
        sendLater(letter);
        publishSearchAttributes();
      },
    );
    // Each deadline's due and met time, for the yearly report. (Not local activities: they run beside
    // Updates and timers, and as local activities their results replayed in another order.)
    const inspectionId = s.inspectionId as number;
    const opened = db.recordDeadline({
      inspectionId,
      kind,
      dueAt: deadline.dueAt,
      provisional: deadline.provisional,
      metAt: null,
    });
    openRecords.set(kind, opened);
    await opened;
    const done = watchDeadline({
      deadline,
      version: () => dueVersion,
      isDone,
      remindBeforeMs: input.policy.remindBeforeMs,
      leaderAfterMs: input.policy.leaderAfterMs,
      fire,
    }).then(async () => {
      await db.recordDeadline({
        inspectionId,
        kind,
        dueAt: deadline.dueAt,
        provisional: deadline.provisional,
        metAt: Date.now(),
      });
      if (s.escalations.some((e) => e.kind === kind)) await db.resolveEscalations(input.workflowId, kind);
      publishSearchAttributes();
    });
    return { done };
  }

  /** Each deadline's first row, written when it opened: a move waits for it, or the row would take the old date. */
  const openRecords = new Map<DeadlineKind, Promise<void>>();
  let moves: Promise<void> = Promise.resolve();
  /**
   * A moved due date written to the deadline's row: one move after another (two calendar changes close
   * together land in order), each with the date as it stands when it is written.
   */
  function moveRecord(d: Deadline): Promise<void> {
    // A move that failed is its own signal's failure: it does not stop the next one.
    moves = moves
      .catch(() => undefined)
      .then(async () => {
        await openRecords.get(d.kind);
        const { kind, dueAt, provisional } = d;
        await db.moveDeadline({ inspectionId: s.inspectionId as number, kind, dueAt, provisional });
      });
    return moves;
  }

  // ---- queries, signals and human steps ----
  setHandler(m.stateQuery, () => s);

  setHandler(m.teamChanged, (a) => {
    // Sent only by the draw's workflow: anything else (an unencrypted or malformed signal) changes nothing.
    const team = Array.isArray(a?.team) ? a.team : null;
    if (!team) return;
    // A swap in another inspection of the same draw moved someone onto or off this team.
    s.team = team;
    s.confirmed = s.confirmed.filter((id) => team.some((t) => t.kind === 'INSPECTOR' && t.id === id));
    log({ kind: 'teamChanged' });
  });

  setHandler(m.calendarChanged, async () => {
    for (const d of s.deadlines.filter((x) => x.provisional && x.status !== 'MET')) {
      if (d.from === null || d.workingDays === null) continue;
      const due = await db.dueDate(d.from, d.workingDays);
      d.dueDate = due.date;
      d.dueAt = endOfChinaDay(due.date);
      d.provisional = due.provisional;
      dueVersion++;
      log({ kind: 'calendarChanged', deadline: d.kind, dueDate: due.date, provisional: due.provisional });
      // The database's copy follows, for the task lists and the yearly report (histories before this replay without).
      if (patched('deadline-record-follows-calendar')) await moveRecord(d);
    }
    publishSearchAttributes();
  });

  /**
   * A human step: its validator rejects a malformed or out-of-order step before it enters history; its
   * handler takes the lock, checks again with `recheck` (the state may have moved while the step waited;
   * the payload's own shape and bounds were checked on arrival, so a history recorded before a bound
   * existed replays unchanged), runs, and answers with the new state.
   */
  function humanStep<A>(
    update: UpdateDefinition<InspectionState, [A]>,
    validate: (a: A, recheck: boolean) => void,
    run: (a: A) => Promise<void>,
  ) {
    setHandler(
      update,
      (a) =>
        exclusive(async () => {
          validate(a, true);
          await run(a);
          return s;
        }),
      { validator: (a) => validate(a, false) },
    );
  }

  /** A step that stays in its stage (a confirmation, the scheme): its row, written by a local activity. */
  const recordInStage = (stepKey: StepKey, stage: Stage, a: { actor: string }, patch?: object) =>
    recordStep({
      inspectionId: s.inspectionId as number,
      stepKey,
      stage,
      nextStage: stage,
      actor: a.actor,
      payload: a,
      ...(patch ? { patch } : {}),
    });

  humanStep(
    m.confirmNoConflict,
    (a, recheck) => v.validateConfirm(s, a, recheck),
    async (a) => {
      await recordInStage(`confirm:${a.inspectorId}`, 'RECUSAL', a);
      s.confirmed.push(a.inspectorId);
      log({ kind: 'confirm', inspectorId: a.inspectorId }, a.actor);
    },
  );

  humanStep(
    m.declareConflict,
    (a, recheck) => (recheck ? v.validateDeclare(s, a, true) : v.validateDeclare(s, a, false, input.origin)),
    async (a) => {
      const request = {
        inspectionId: s.inspectionId as number,
        drawId: input.drawId,
        enterpriseId: input.enterprise.id,
      };
      const outcome = await db.recuse({ ...request, request: a }).catch(refusedInWords('RecusalRejected'));
      s.team = outcome.team;
      s.drawId = outcome.drawId ?? s.drawId;
      s.confirmed = s.confirmed.filter((id) => outcome.team.some((t) => t.kind === 'INSPECTOR' && t.id === id));
      for (const c of outcome.changed)
        await getExternalWorkflowHandle(c.workflowId).signal(m.teamChanged, { team: c.team });
      log({ kind: 'recusal', inspectorId: a.inspectorId, mode: a.mode, reason: a.reason }, a.actor);
    },
  );

  humanStep(
    m.submitScheme,
    (a, recheck) => v.validateScheme(s, a, recheck),
    async (a) => {
      await recordInStage('scheme', 'SCHEME', a, { scheme: a.scheme });
      s.scheme = a.scheme;
      log({ kind: 'scheme' }, a.actor);
    },
  );

  humanStep(
    m.chooseDate,
    (a, recheck) => v.validateDate(s, input, a, recheck),
    async (a) => {
      await advance('date', 'INSPECTION', a.actor, a, { scheduledDate: a.date });
      s.scheduledDate = a.date;
    },
  );

  humanStep(
    m.recordResults,
    (a, recheck) => v.validateResults(s, input, a, recheck),
    async (a) => {
      await db.saveResults(s.inspectionId as number, a);
      s.problemsFound = a.results.some((r) => r.result === 'PROBLEM');
      const summary = { endedOn: a.endedOn, problems: a.problems, problemsFound: s.problemsFound };
      await advance('results', 'FEEDBACK', a.actor, summary);
      s.endedOn = a.endedOn;
    },
  );

  humanStep(
    m.uploadFeedbackCard,
    (a, recheck) => v.validateFeedbackCard(s, a, recheck),
    async (a) => {
      const msg = await db.saveFeedbackCard(s.inspectionId as number, a);
      s.feedbackCard = { sha256: a.sha256, fileName: a.fileName };
      sendLater(msg); // Art. 17: the scan goes to 区优化办 automatically, exactly once
      await advance('feedbackCard', 'PUBLICATION', a.actor, { fileName: a.fileName, sha256: a.sha256 });
    },
  );

  humanStep(
    m.confirmPublication,
    (a, recheck) => v.validatePublication(s, a, recheck),
    async (a) => {
      const due = s.deadlines.find((d) => d.kind === 'PUBLICATION');
      const dueDate = due?.dueDate ?? chinaDate(due?.dueAt ?? Date.now());
      await db.savePublication(s.inspectionId as number, a, dueDate).catch(refusedInWords('PublicationRejected'));
      await advance('publication', s.problemsFound ? 'FOLLOW_UP' : 'DONE', a.actor, a);
    },
  );

  humanStep(
    m.decideFollowUp,
    (a, recheck) => v.validateFollowUp(s, a, recheck),
    async (a) => {
      await db.saveFollowUp(s.inspectionId as number, a);
      await advance('followUp', 'DONE', a.actor, a);
    },
  );

  // ---- the process ----
  s.inspectionId = await db.openInspection(input);
  if (input.searchAttributes !== false)
    upsertSearchAttributes([
      { key: SA.unit, value: input.unitCode },
      { key: SA.enterprise, value: input.enterprise.creditCode },
      { key: SA.origin, value: input.origin },
    ]);
  log({ kind: 'opened', origin: input.origin, drawId: input.drawId });
  const today = chinaDate(Date.now());
  const allConfirmed = () =>
    s.team.filter((t) => t.kind === 'INSPECTOR').every((t) => s.confirmed.includes(t.id)) && !busy;

  const watches: Promise<void>[] = [];
  watches.push((await watch('RECUSAL', input.policy.recusal, today, allConfirmed)).done);
  await condition(allConfirmed);
  await advance('recusalClosed', 'FILING', 'system', { team: s.team });

  const filing = await db.prepareFiling(s.inspectionId);
  sendLater(filing);
  await advance('filing', 'SCHEME', 'system', { to: filing.to });

  watches.push((await watch('SCHEME', input.policy.scheme, today, () => s.scheduledDate !== null)).done);
  await condition(() => s.stage !== 'SCHEME');
  watches.push((await watch('INSPECTION', input.policy.inspection, today, () => s.endedOn !== null)).done);
  await condition(() => s.stage !== 'INSPECTION');

  const ended = s.endedOn as string;
  watches.push((await watch('FEEDBACK_CARD', input.policy.feedbackCard, ended, () => s.feedbackCard !== null)).done);
  watches.push(
    (await watch('PUBLICATION', input.policy.publication, ended, () => s.stage === 'FOLLOW_UP' || s.stage === 'DONE'))
      .done,
  );
  if (s.problemsFound)
    watches.push((await watch('FOLLOW_UP', input.policy.followUp, ended, () => s.stage === 'DONE')).done);
  await condition(() => s.stage === 'DONE');

  await Promise.all(watches);
  await Promise.all(pendingMail); // every email delivered before the workflow closes
  await condition(allHandlersFinished);
  publishSearchAttributes();
  return s;
}

/** The workflow ID for a random inspection: one per enterprise per draw, so a retry never starts a second. */
export function inspectionWorkflowId(drawId: string, creditCode: string): string {
  return `inspection:${drawId}:${creditCode}`;
}
