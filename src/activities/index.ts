// The activity factory: every activity, built from its dependencies.
import { auditActivities } from './audit.ts';
import type { ActivityDeps } from './deps.ts';

export type { ActivityDeps } from './deps.ts';

export function createActivities(deps: ActivityDeps) {
  return {
    ...auditActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
