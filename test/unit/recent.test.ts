// The console's short-lived values: one load for many readers, stale served
// briefly while a fresh one loads, never an old one.
import { describe, expect, it } from 'vitest';
import { Recent } from '../../src/web/recent.ts';

/** A load the test settles by hand. */
function manual() {
  const pending: ((v: number) => void)[] = [];
  let loads = 0;
  return {
    load: () => {
      loads++;
      return new Promise<number>((resolve) => pending.push(resolve));
    },
    settle: (v: number) => pending.shift()?.(v),
    get loads() {
      return loads;
    },
  };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Recent', () => {
  it('loads once for readers at the same moment, then serves a stale value while one reload runs', async () => {
    let t = 0;
    const m = manual();
    const r = new Recent<number>(1000, 10_000, 10, () => t);
    const first = [r.get('FMG', m.load), r.get('FMG', m.load), r.get('FMG', m.load)];
    m.settle(1);
    expect(await Promise.all(first)).toEqual([1, 1, 1]);
    expect(m.loads).toBe(1);
    t = 500;
    expect(await r.get('FMG', m.load)).toBe(1);
    expect(m.loads).toBe(1);
    t = 1500; // stale: served as it is, one reload behind it
    expect(await r.get('FMG', m.load)).toBe(1);
    expect(await r.get('FMG', m.load)).toBe(1);
    expect(m.loads).toBe(2);
    m.settle(2);
    await tick();
    expect(await r.get('FMG', m.load)).toBe(2);
  });

  it('never serves a value older than its grace: the first reader of the morning waits for a fresh one', async () => {
    let t = 0;
    const m = manual();
    const r = new Recent<number>(1000, 10_000, 10, () => t);
    const first = r.get('FMG', m.load);
    m.settle(1);
    await first;
    t = 3_600_000; // an hour later
    const morning = r.get('FMG', m.load);
    m.settle(2);
    expect(await morning).toBe(2);
  });

  it('gives up a load that hangs after its grace, and keeps the last good value when a reload fails', async () => {
    let t = 0;
    const m = manual();
    const r = new Recent<number>(10, 100, 10, () => t);
    const hanging = r.get('k', m.load); // never settled
    void hanging;
    t = 150;
    const again = r.get('k', m.load);
    expect(m.loads).toBe(2);
    m.settle(0); // the first, late: ignored
    m.settle(7);
    expect(await again).toBe(7);
    t = 170; // stale, within grace
    expect(await r.get('k', () => Promise.reject(new Error('down')))).toBe(7);
    await tick();
    expect(await r.get('k', async () => 8)).toBe(7); // the failed reload left it stale: this one reloads
    await tick();
    expect(await r.get('k', async () => 9)).toBe(8);
  });

  it('forgets a first load that failed', async () => {
    const r = new Recent<string>(10, 100, 10, () => 0);
    await expect(r.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await r.get('k', async () => 'up')).toBe('up');
  });
});
