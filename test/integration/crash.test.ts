// A worker killed with SIGKILL mid-inspection, again and again: every step
// happens once, every email is delivered once, the inspection finishes.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAssignedInspection } from '../../src/client/start.ts';
import { storeScan } from '../../src/documents/scans.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { freshSqlite, type TestDb } from '../support/db.ts';
import { demoInput, eventually, PNG_BYTES } from '../support/inspection.ts';
import { type MailHarness, startMailHarness } from '../support/mail.ts';
import { expectReplays } from '../support/replay.ts';
import { connectHarness, type TemporalHarness } from '../support/temporal.ts';

describe('worker killed mid-inspection', () => {
  let t: TestDb;
  let h: TemporalHarness;
  let mail: MailHarness;
  let child: ChildProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-crash-'));
  let kills = 0;

  beforeAll(async () => {
    [t, h, mail] = await Promise.all([freshSqlite(), connectHarness(), startMailHarness()]);
    await seedDemo(t.db);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await h?.close();
    await mail?.stop();
    await t?.drop();
  });

  async function startWorker() {
    child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/support/workerProcess.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TASK_QUEUE: h.taskQueue,
        CAPTURE_PORT: String(mail.capture.port),
        BUNDLE_PATH: inject('workflowBundlePath'),
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const proc = child;
    await new Promise<void>((resolve, reject) => {
      proc.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      proc.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
    });
  }

  async function killAndRestart(delayMs = 0) {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const dying = child;
    dying?.kill('SIGKILL');
    if (dying && dying.exitCode === null) await new Promise((r) => dying.once('exit', r));
    kills++;
    await startWorker();
  }

  it('finishes with no step lost or repeated', async () => {
    await startWorker();
    const input = await demoInput(t.db, 'crash-1');
    const handle = await startAssignedInspection(h.client, h.taskQueue, input);
    const [a, b] = input.team;
    await handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: a?.id as number, actor: 'a' }] });
    await killAndRestart();
    // Killed while the update (and the filing that follows it) is in flight.
    const confirming = handle.executeUpdate(m.confirmNoConflict, {
      args: [{ inspectorId: b?.id as number, actor: 'b' }],
    });
    await killAndRestart(30);
    await confirming;
    await eventually(async () => expect((await handle.query(m.stateQuery)).stage).toBe('SCHEME'), 60_000);
    await handle.executeUpdate(m.submitScheme, { args: [{ scheme: '方案', actor: 's' }] });
    await killAndRestart();
    await handle.executeUpdate(m.chooseDate, { args: [{ date: '2026-11-27', actor: 's' }] });
    await handle.executeUpdate(m.recordResults, {
      args: [
        {
          endedOn: '2026-11-27',
          results: input.itemIds.map((itemId) => ({ itemId, result: 'COMPLIANT' as const })),
          problems: '',
          enterpriseOpinion: '无',
          actor: 's',
        },
      ],
    });
    const uploading = handle.executeUpdate(m.uploadFeedbackCard, {
      args: [storeScan(dataDir, 'card.png', PNG_BYTES, 's')],
    });
    await killAndRestart(20);
    await uploading;
    await handle.executeUpdate(m.confirmPublication, {
      args: [
        {
          platformEnteredOn: '2026-11-28',
          creditYongzhouOn: '2026-11-28',
          useOfResults: '归档',
          category: 'NO_PROBLEM',
          actor: 'p',
        },
      ],
    });
    const final = await handle.result();
    expect(final.stage).toBe('DONE');
    expect(kills).toBe(4);

    const row = await t.db.inspection.findUniqueOrThrow({
      where: { workflowId: 'crash-1' },
      include: { steps: true, emails: true },
    });
    const keys = row.steps.map((s) => s.stepKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(
      [
        `confirm:${a?.id}`,
        `confirm:${b?.id}`,
        'date',
        'feedbackCard',
        'filing',
        'publication',
        'recusalClosed',
        'results',
        'scheme',
      ].sort(),
    );
    expect(row.emails.map((e) => e.status)).toEqual(['SENT', 'SENT']);
    const parsed = await eventually(async () => {
      const p = await mail.parsed();
      expect(p.length).toBeGreaterThanOrEqual(2);
      return p;
    });
    for (const e of row.emails) expect(parsed.filter((p) => p.messageId === e.messageId)).toHaveLength(1);
    expect(await t.db.publication.count({ where: { inspectionId: row.id } })).toBe(1);
    await expectReplays(h.client, ['crash-1']);
  });
});
