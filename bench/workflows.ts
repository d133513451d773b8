// The bench worker's workflows: the app's own, plus `baseline` — the floor
// the throughput bench compares against: the same number of Updates and of
// activities as one inspection, every activity a no-op.
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export * from '../src/workflows/index.ts';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '20 seconds' });

export const baselineStep = defineUpdate<number, []>('baselineStep');

export interface BaselineShape {
  updates: number;
  activities: number;
}

/** `activities` no-op activities: an equal share inside each Update, the rest before the first. */
export async function baseline(shape: BaselineShape): Promise<number> {
  const perUpdate = Math.floor(shape.activities / (shape.updates + 1));
  let done = 0;
  setHandler(baselineStep, async () => {
    for (let i = 0; i < perUpdate; i++) await noop();
    return ++done;
  });
  for (let i = 0; i < shape.activities - perUpdate * shape.updates; i++) await noop();
  await condition(() => done === shape.updates);
  return done;
}
