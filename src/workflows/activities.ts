// How workflows call activities: database work retried quickly (a crashed
// worker's write is retried within seconds), mail retried for as long as it
// takes and heartbeating, so a dead worker is noticed mid-send. Never dropped.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';

const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

export const db = proxyActivities<Activities>({ startToCloseTimeout: '20 seconds', retry: RETRY });

/** Freezing a roster and drawing from it read the whole roster: more time. */
export const drawing = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', retry: RETRY });

export const mail = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Short, idempotent writes a person waits on (a staff step's record): run in
 * the worker as local activities, so an Update answers without a round trip
 * through the server's task queues.
 */
export const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '20 seconds', retry: RETRY });
