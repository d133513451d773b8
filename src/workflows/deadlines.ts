// A deadline on a workflow step: remind the assignee before it, escalate to
// the unit's supervisor when it slips, then to the bureau leader after a
// further delay. Finishing the step ends the watch and cancels every pending
// timer; a due date that moves (a provisional one recomputed) re-arms it.
import { condition } from '@temporalio/workflow';
import type { EscalationRequest } from '../activities/escalation.ts';
import type { OutgoingMail } from '../activities/mail.ts';
import type { Deadline } from '../domain/deadline.ts';
import { db } from './activities.ts';

export type Level = 'REMINDER' | 'SUPERVISOR' | 'LEADER';

export interface Watch {
  deadline: Deadline;
  /** Bumped whenever deadline.dueAt changes. */
  version: () => number;
  isDone: () => boolean;
  remindBeforeMs: number;
  leaderAfterMs: number;
  fire: (level: Level) => Promise<void>;
}

const LEVELS: Level[] = ['REMINDER', 'SUPERVISOR', 'LEADER'];

/**
 * A deadline's `fire`, the same for a plan and an inspection: the database
 * activity records the escalation once (keyed by workflow, deadline and level)
 * and writes its letter to the assignee, the unit's supervisor or the bureau
 * leader; the workflow then records it in its history and sends the letter.
 * The request is read when the level fires (the stage may have moved on).
 */
export function escalation(
  request: () => Omit<EscalationRequest, 'level'>,
  raised: (level: Level, letter: OutgoingMail) => void,
): (level: Level) => Promise<void> {
  return async (level) => {
    const letter = await db.raiseEscalation({ ...request(), level });
    raised(level, letter);
  };
}

function nextAt(w: Watch, reached: number): number {
  const due = w.deadline.dueAt;
  if (reached === 0) return due - w.remindBeforeMs;
  if (reached === 1) return due;
  return due + w.leaderAfterMs;
}

/**
 * Resolves when the step is done; fires each level once, in order. A deadline
 * already past several levels when the watch starts or re-arms (an inspection
 * opened late, a provisional date recomputed into the past) gives one notice,
 * at the level its lateness has reached, not every level at once.
 */
export async function watchDeadline(w: Watch): Promise<void> {
  let reached = 0;
  let catchingUp = true; // until the watch first waits for a level's time
  while (!w.isDone()) {
    if (reached === LEVELS.length) {
      await condition(w.isDone);
      break;
    }
    const v = w.version();
    const wait = nextAt(w, reached) - Date.now();
    if (wait > 0) {
      catchingUp = false;
      if (await condition(() => w.isDone() || w.version() !== v, wait)) {
        catchingUp = w.version() !== v;
        continue;
      }
    }
    const level = LEVELS[reached++] as Level;
    if (level === 'REMINDER' && w.remindBeforeMs <= 0) continue;
    if (level !== 'REMINDER') w.deadline.status = 'OVERDUE';
    const nextAlsoPast = reached < LEVELS.length && nextAt(w, reached) <= Date.now();
    // Already past the next level too (opened late, or recomputed into the past): one notice, at the level reached.
    if (catchingUp && nextAlsoPast) continue;
    await w.fire(level);
  }
  if (w.deadline.status === 'OPEN') w.deadline.status = 'MET';
}
