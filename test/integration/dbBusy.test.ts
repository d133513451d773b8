// The database busy: another process holds SQLite's write lock longer than
// the busy timeout while a step is taken. The activity fails, Temporal
// retries it, and once the lock is released the step is written — once,
// whole (the step, the inspection's new stage and its scheme in one
// transaction).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startAssignedInspection } from '../../src/client/start.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { demoInput, eventually } from '../support/inspection.ts';
import { useStack } from '../support/stack.ts';

const HOLD_LOCK = `
const db = require('better-sqlite3')(process.argv[1]);
db.exec('BEGIN EXCLUSIVE');
console.log('locked');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));
`;

describe('database busy', () => {
  const stack = useStack();

  it('retries the step until the lock is gone and writes it once', async () => {
    const input = await demoInput(stack.t.db, 'busy-1');
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    for (const x of input.team)
      await handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: x.id, actor: x.name }] });
    await eventually(async () => expect((await handle.query(m.stateQuery)).stage).toBe('SCHEME'));

    // Another process (the console, a CLI) holds the write lock for 13 s, past the app's busy timeout.
    const holder = spawn(process.execPath, ['-e', HOLD_LOCK, stack.t.url.replace(/^file:/, ''), '13000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve())); // "locked"
    const release = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
    const t0 = Date.now();
    const st = await handle.executeUpdate(m.submitScheme, { args: [{ scheme: '按方案检查边坡', actor: 'staff' }] });
    await release;
    expect(Date.now() - t0).toBeGreaterThan(12_000); // it waited for the lock rather than giving up
    expect(st.scheme).toBe('按方案检查边坡');

    const row = await stack.t.db.inspection.findUniqueOrThrow({
      where: { workflowId: 'busy-1' },
      include: { steps: true },
    });
    expect(row.steps.filter((s) => s.stepKey === 'scheme')).toHaveLength(1);
    expect(row.scheme).toBe('按方案检查边坡');
    // The lock outlasted the 2 s busy timeout six times over: the write landed through retries, after it.
    const step = row.steps.find((x) => x.stepKey === 'scheme');
    expect(step && step.at.getTime() - t0).toBeGreaterThan(12_000);
  }, 90_000);
});
