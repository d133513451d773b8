// Deadlines, as every workflow keeps them: how long a step may take, the
// escalation policy a workflow starts with, and a deadline's state. Shared by
// the inspection, the annual plan and the draw round; pure types.
import type { DeadlineKind } from './glossary.ts';

/** How long a step may take: working days on the official calendar, or (tests) plain milliseconds. */
export type DeadlineSpec = { workingDays: number } | { afterMs: number };

/** Escalation policy: configuration (src/config/policy.ts), carried in the input so a running inspection keeps the policy it started with. */
export interface DeadlinePolicy {
  recusal: DeadlineSpec;
  /** Scheme and date: by default before the window ends; afterMs overrides for tests. */
  scheme: DeadlineSpec | 'WINDOW_END';
  inspection: DeadlineSpec | 'WINDOW_END';
  feedbackCard: DeadlineSpec;
  /** Art. 17: seven working days after the inspection ends. */
  publication: DeadlineSpec;
  followUp: DeadlineSpec;
  /** Remind the assignee this long before a deadline. */
  remindBeforeMs: number;
  /** Escalate to the bureau leader this long after the supervisor, if still open. */
  leaderAfterMs: number;
}

/** One deadline of a workflow: when it is due, and whether it was met. */
export interface Deadline {
  kind: DeadlineKind;
  /** The day counting starts from (working-day deadlines), so a calendar change can recount. */
  from: string | null;
  workingDays: number | null;
  dueAt: number;
  /** YYYY-MM-DD when computed on the calendar. */
  dueDate: string | null;
  provisional: boolean;
  status: 'OPEN' | 'MET' | 'OVERDUE';
}
