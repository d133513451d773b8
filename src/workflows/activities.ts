// How workflows call activities: database work retried quickly (a crashed
// worker's write is retried within seconds), mail retried for as long as it
// takes and heartbeating, so a dead worker is noticed mid-send. Never dropped.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';

const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

/** The activities a proxy may call are narrowed: a draw step or a send through the 20-second proxy does not compile. */
type Drawing = 'freezeRound' | 'performDraw' | 'abandonSession' | 'fileDrawStep';

export const db = proxyActivities<Omit<Activities, Drawing | 'sendEmail'>>({
  startToCloseTimeout: '20 seconds',
  retry: RETRY,
});

/** Freezing a roster and drawing from it read the whole roster: more time. Only the draw's own steps. */
export const drawing = proxyActivities<Pick<Activities, Drawing>>({ startToCloseTimeout: '5 minutes', retry: RETRY });

/** Sending mail, and nothing else, may take this long. */
export const mail = proxyActivities<Pick<Activities, 'sendEmail'>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Short, idempotent writes a person waits on (a staff step's record): run in
 * the worker as local activities, so an Update answers without a round trip
 * through the server's task queues.
 */
export const local = proxyLocalActivities<Pick<Activities, 'recordStep'>>({
  startToCloseTimeout: '20 seconds',
  retry: RETRY,
});
