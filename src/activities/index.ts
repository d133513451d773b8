// The activity factory: every activity, built from its dependencies.
import { ApplicationFailure } from '@temporalio/common';
import { anchorActivities } from './anchor.ts';
import { auditActivities } from './audit.ts';
import { calendarActivities } from './calendar.ts';
import { deadlineActivities } from './deadlines.ts';
import type { ActivityDeps } from './deps.ts';
import { drawActivities } from './draw.ts';
import { escalationActivities } from './escalation.ts';
import { inspectionActivities } from './inspection.ts';
import { mailActivities } from './mail.ts';
import { planActivities } from './plan.ts';

export type { ActivityDeps } from './deps.ts';

/**
 * Data the database refuses (a wrong type, a value out of range) cannot be
 * cured by retrying: an activity retried forever would hold its inspection
 * behind it for good. Such an error fails the step, non-retryably, saying why;
 * anything else (a lost connection, a busy database) is retried as before.
 * This also releases an inspection an older build let bad data into: its
 * activity's next attempt fails for good and the step is refused.
 */
function refusingBadData<T extends Record<string, (...args: never[]) => Promise<unknown>>>(acts: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(acts))
    wrapped[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        if ((e as Error)?.name === 'PrismaClientValidationError')
          throw ApplicationFailure.nonRetryable(
            `数据不合格，已拒绝：${(e as Error).message.split('\n').at(-1)}`,
            'DataRejected',
          );
        throw e;
      }
    };
  return wrapped as T;
}

export function createActivities(deps: ActivityDeps) {
  return refusingBadData({
    ...anchorActivities(deps),
    ...auditActivities(deps),
    ...calendarActivities(deps),
    ...deadlineActivities(deps),
    ...drawActivities(deps),
    ...escalationActivities(deps),
    ...inspectionActivities(deps),
    ...mailActivities(deps),
    ...planActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
