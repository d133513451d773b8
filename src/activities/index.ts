// The activity factory: every activity, built from its dependencies.
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

export function createActivities(deps: ActivityDeps) {
  return {
    ...auditActivities(deps),
    ...calendarActivities(deps),
    ...deadlineActivities(deps),
    ...drawActivities(deps),
    ...escalationActivities(deps),
    ...inspectionActivities(deps),
    ...mailActivities(deps),
    ...planActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
