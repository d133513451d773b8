// The console's short-lived values: one load for many readers, stale served while fresh loads.
import { describe, expect, it } from 'vitest';
import { Recent } from '../../src/web/recent.ts';

describe('Recent', () => {
  it('loads once for readers at the same moment, then serves the stale value while one reload runs', async () => {
    let t = 0;
    let loads = 0;
    let release: (v: number) => void = () => undefined;
    const r = new Recent<number>(1000, 10, () => t);
    const load = () => {
      loads++;
      return new Promise<number>((resolve) => {
        release = resolve;
      });
    };
    const first = [r.get('FMG', load), r.get('FMG', load), r.get('FMG', load)];
    release(1);
    expect(await Promise.all(first)).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
    t = 500;
    expect(await r.get('FMG', load)).toBe(1);
    expect(loads).toBe(1);
    t = 1500; // stale: served as it is, one reload behind it
    expect(await r.get('FMG', load)).toBe(1);
    expect(await r.get('FMG', load)).toBe(1);
    expect(loads).toBe(2);
    release(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(await r.get('FMG', load)).toBe(2);
  });

  it('keeps the last good value when a reload fails, and forgets a first load that failed', async () => {
    let t = 0;
    const r = new Recent<string>(10, 10, () => t);
    await expect(r.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await r.get('k', async () => 'up')).toBe('up');
    t = 100;
    expect(await r.get('k', () => Promise.reject(new Error('down again')))).toBe('up');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await r.get('k', async () => 'later')).toBe('up'); // still stale: this one starts the reload
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await r.get('k', async () => 'unused')).toBe('later');
  });
});
