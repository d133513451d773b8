// The embedded dev server makes its namespace keep a finished workflow's
// history for a day; start-up raises it to ten years, so an inspection that
// ended last month still has its history (its page and its replay read it).
import { msToTs, tsToMs } from '@temporalio/common/lib/time.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEP_HISTORIES_DAYS, keepHistories } from '../../src/temporal/retention.ts';
import { connectHarness, type TemporalHarness } from '../support/temporal.ts';

describe('how long the embedded server keeps histories', () => {
  let h: TemporalHarness;
  beforeAll(async () => {
    h = await connectHarness();
  });
  afterAll(() => h?.close());

  it('raises a day to ten years once, and leaves a long enough retention alone', async () => {
    const { workflowService } = h.client.connection;
    const namespace = h.client.options.namespace;
    const retention = async () =>
      tsToMs((await workflowService.describeNamespace({ namespace })).config?.workflowExecutionRetentionTtl);
    // As the dev server creates it.
    await workflowService.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: msToTs('1 day') } });
    expect(await retention()).toBe(86_400_000);
    expect(await keepHistories(h.client.connection, namespace)).toBe(true);
    expect(await retention()).toBe(KEEP_HISTORIES_DAYS * 86_400_000);
    expect(await keepHistories(h.client.connection, namespace)).toBe(false);
  });
});
