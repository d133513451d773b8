// A draw session whose public random source has a stated time (a lottery
// draw): reveals close by themselves at that time — after it, a late revealer
// could compute the draw — and the value cannot be entered before it. On the
// time-skipping test server, so two days pass in moments.
import fs from 'node:fs';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newSecret } from '../../src/client/drawSession.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { resolveTestServer, sdkExecutable } from '../../src/temporal/binary.ts';
import { createWorker } from '../../src/worker/index.ts';
import * as m from '../../src/workflows/drawRound/messages.ts';
import { drawRound } from '../../src/workflows/drawRound/workflow.ts';
import { freshSqlite, type TestDb } from '../support/db.ts';
import { testDeps } from '../support/deps.ts';
import { enterBeacon, PARTICIPANTS } from '../support/drawSession.ts';
import { demoRound } from '../support/inspection.ts';
import { type MailHarness, startMailHarness } from '../support/mail.ts';

describe('a draw session with a stated time, on the time-skipping server', () => {
  let t: TestDb;
  let mail: MailHarness;
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    [t, mail] = await Promise.all([freshSqlite(), startMailHarness()]);
    await seedDemo(t.db);
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: sdkExecutable(resolveTestServer()) },
    });
  });
  afterAll(async () => {
    await env?.teardown();
    await mail?.stop();
    await t?.drop();
  });

  it('closes reveals at the stated time, records the late one as withheld, and refuses the value before it', async () => {
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: 'ts-draw',
      deps: testDeps(t.db, mail.mailer),
      workflowBundle: { code: fs.readFileSync(inject('workflowBundlePath'), 'utf8') },
    });
    const session = async (drawId: string) => {
      const input = { ...(await demoRound(t.db, drawId, 'FMG', 'NON_COAL_MINE')), searchAttributes: false };
      const handle = await env.client.workflow.start(drawRound, {
        taskQueue: 'ts-draw',
        workflowId: m.drawRoundWorkflowId(drawId),
        args: [input],
      });
      const availableAt = new Date((await env.currentTimeMs()) + 2 * 86_400_000).toISOString();
      await handle.executeUpdate(m.setupSession, {
        args: [
          {
            actor: '法规股',
            participants: PARTICIPANTS,
            beacon: { kind: 'LOTTERY', source: '双色球第2027035期', availableAt, count: 7, max: 33 },
          },
        ],
      });
      const secrets = new Map<string, string>();
      for (const p of PARTICIPANTS) {
        const made = newSecret(drawId, 1, p.participant);
        secrets.set(p.participant, made.secret);
        await handle.executeUpdate(m.commitSecret, {
          args: [{ participant: p.participant, commitment: made.commitment, session: 1 }],
        });
      }
      await handle.executeUpdate(m.freezeRound, { args: [{ actor: '法规股' }] });
      const reveal = (who: string) =>
        handle.executeUpdate(m.revealSecret, { args: [{ participant: who, secret: secrets.get(who) as string }] });
      return { handle, reveal };
    };
    const refusal = (e: unknown) => {
      expect(e).toBeInstanceOf(WorkflowUpdateFailedError);
      return ((e as Error).cause as Error).message;
    };
    await worker.runUntil(async () => {
      // One reveals, one does not: at the stated time reveals close by themselves, the other withheld.
      const a = await session('DD-1');
      await a.reveal('fagui');
      await env.sleep('2 days');
      expect((await a.handle.query(m.drawRoundState)).stage).toBe('AWAITING_BEACON');
      expect(refusal(await a.reveal('yhb.observer').catch((e: unknown) => e))).toMatch(/只有“待揭示密钥”时可以/);
      const closed = await t.db.auditLog.findFirstOrThrow({
        where: { action: 'draw.revealsClosed', subjectId: 'DD-1' },
      });
      expect([closed.actor, closed.details]).toEqual(['system', { session: 1, withheld: ['yhb.observer'] }]);
      const drawn = await enterBeacon(a.handle, PARTICIPANTS, '03 11 17 22 28 31 + 09');
      expect(drawn.stage).toBe('DRAWN');
      const row = await t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DD-1' } });
      const entropy = row.entropy as { participants: { participant: string; secret: string | null }[] };
      expect(entropy.participants.map((p) => [p.participant, p.secret !== null])).toEqual([
        ['fagui', true],
        ['yhb.observer', false],
      ]);

      // Both reveal at once: the value still cannot be entered before its stated time.
      const b = await session('DD-2');
      await b.reveal('fagui');
      await b.reveal('yhb.observer');
      const early = await b.handle
        .executeUpdate(m.enterBeacon, { args: [{ participant: 'fagui', value: '3 6 1 2 5 7 9' }] })
        .catch((e: unknown) => e);
      expect(refusal(early)).toMatch(/之前还没有公布，请届时再录入/);
      await env.sleep('2 days');
      const later = await enterBeacon(b.handle, PARTICIPANTS, '3 6 1 2 5 7 9');
      expect(later.stage).toBe('DRAWN');
    });
  });
});
