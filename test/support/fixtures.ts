// Fixtures shared by tests and bench scripts (no vitest here: bench/ imports it).
import type { DeadlinePolicy } from '../../src/workflows/inspection/types.ts';

const HOUR = 3600_000;

/** Deadlines far enough away that nothing escalates during a test. */
export const CALM_POLICY: DeadlinePolicy = {
  recusal: { afterMs: 24 * HOUR },
  scheme: { afterMs: 24 * HOUR },
  inspection: { afterMs: 24 * HOUR },
  feedbackCard: { afterMs: 24 * HOUR },
  publication: { workingDays: 7 },
  followUp: { afterMs: 24 * HOUR },
  remindBeforeMs: HOUR,
  leaderAfterMs: HOUR,
};

/** A 1×1 PNG: a feedback-card "scan" that passes the type sniffing. */
export const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
