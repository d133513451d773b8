// Deadline and escalation policy from the environment: who is told, and when,
// is configuration, not code (issue: "Escalation policy … is configuration").
import type { DeadlinePolicy } from '../domain/deadline.ts';

type Env = Record<string, string | undefined>;

export class PolicyError extends Error {}

function number(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new PolicyError(`${key}：“${raw}”不是 ${min} 到 ${max} 之间的数；请改正，或不设置此项（默认 ${fallback}）。`);
  return n;
}

const HOUR = 3600_000;

export function loadPolicy(env: Env = process.env): DeadlinePolicy {
  return {
    recusal: { workingDays: number(env, 'RECUSAL_WORKING_DAYS', 2, 1, 30) },
    scheme: 'WINDOW_END',
    inspection: 'WINDOW_END',
    feedbackCard: { workingDays: number(env, 'FEEDBACK_CARD_WORKING_DAYS', 3, 1, 30) },
    // Art. 17 says seven; configurable only so a rule change needs no release.
    publication: { workingDays: number(env, 'PUBLICATION_WORKING_DAYS', 7, 1, 30) },
    followUp: { workingDays: number(env, 'FOLLOW_UP_WORKING_DAYS', 15, 1, 90) },
    remindBeforeMs: number(env, 'REMIND_BEFORE_HOURS', 24, 0, 24 * 30) * HOUR,
    leaderAfterMs: number(env, 'LEADER_AFTER_HOURS', 48, 1, 24 * 60) * HOUR,
  };
}
