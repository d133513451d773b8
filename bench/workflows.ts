// The bench worker's workflows: the app's own, plus `baseline` — the floor
// the throughput bench compares against: the same number of Updates, of
// activities and of local activities as one inspection, every one a no-op.
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

export * from '../src/workflows/index.ts';

type Noop = { noop(): Promise<void> };
const { noop } = proxyActivities<Noop>({ startToCloseTimeout: '20 seconds' });
const { noop: localNoop } = proxyLocalActivities<Noop>({ startToCloseTimeout: '20 seconds' });

export const baselineStep = defineUpdate<number, []>('baselineStep');

export interface BaselineShape {
  updates: number;
  activities: number;
  localActivities: number;
}

/** Each kind of no-op activity: an equal share inside each Update, the rest before the first. */
export async function baseline(shape: BaselineShape): Promise<number> {
  const share = (n: number) => Math.floor(n / (shape.updates + 1));
  const [perUpdate, perUpdateLocal] = [share(shape.activities), share(shape.localActivities)];
  let done = 0;
  setHandler(baselineStep, async () => {
    for (let i = 0; i < perUpdate; i++) await noop();
    for (let i = 0; i < perUpdateLocal; i++) await localNoop();
    return ++done;
  });
  for (let i = 0; i < shape.activities - perUpdate * shape.updates; i++) await noop();
  for (let i = 0; i < shape.localActivities - perUpdateLocal * shape.updates; i++) await localNoop();
  await condition(() => done === shape.updates);
  return done;
}
