// What makes an ssj-draw/3 draw trustworthy, tried as an insider would:
// a copy of the database and of the Temporal history taken before the reveal
// holds nothing that decides the draw; the roster edited after the freeze
// changes nothing; a malformed or out-of-order step is refused before it
// enters history; a draw the rule cannot meet is filed and a new session
// begins, its reservations released.
import { type UpdateDefinition, WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { startDrawRound } from '../../src/client/start.ts';
import { computeOutputs } from '../../src/draw/draw.ts';
import { drawKeyV3 } from '../../src/draw/entropy.ts';
import { engineInputs, keyMaterial } from '../../src/draw/snapshotV3.ts';
import type { Entropy, FrozenInputs } from '../../src/draw/types.ts';
import { verifyStoredDraw } from '../../src/records/draws.ts';
import * as m from '../../src/workflows/drawRound/messages.ts';
import { driveSession, enterBeacon, expectIndependentlyVerified, PARTICIPANTS } from '../support/drawSession.ts';
import { demoRound } from '../support/inspection.ts';
import { useStack } from '../support/stack.ts';

describe('ssj-draw/3 sessions against an insider', () => {
  const stack = useStack();
  const round = (drawId: string) =>
    demoRound(stack.t.db, drawId, 'FMG', 'NON_COAL_MINE', {
      enterprises: { count: 3 },
      quotas: [{ specialty: 'NON_COAL_MINE', min: 1 }],
      itemsPerInspection: 2,
    });

  /** Every row of every table, as text: what a copy of the database holds. */
  async function databaseDump(): Promise<string> {
    const tables = await stack.t.db.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    );
    let dump = '';
    for (const { name } of tables)
      dump += JSON.stringify(await stack.t.db.$queryRawUnsafe(`SELECT * FROM "${name}"`), (_k, v) =>
        typeof v === 'bigint' ? String(v) : v,
      );
    return dump;
  }

  it('a copy of the database and of the history taken before the reveal holds nothing that decides the draw', async () => {
    await startDrawRound(stack.h.client, stack.h.taskQueue, await round('DS-1'));
    const { handle, secrets, state } = await driveSession(stack.h.client, 'DS-1', { until: 'reveal' });
    expect(state.stage).toBe('REVEALING');
    const hexes = [...secrets.values()].map((s) => s.replace(/-/g, ''));
    const dump = await databaseDump();
    const history = JSON.stringify((await handle.fetchHistory()).events);
    expect(dump).toContain(state.inputDigest); // the freeze is there…
    for (const secret of hexes) {
      expect(dump).not.toContain(secret); // …and no secret, in any table
      expect(history).not.toContain(secret);
    }
    // What the copy does hold — the snapshot and the commitments — leaves the outcome open: other secrets behind
    // other commitments, with the same public value, draw other teams.
    const frozen = await stack.t.db.drawFreeze.findFirstOrThrow({ where: { drawId: 'DS-1' } });
    const outcome = (secret: (p: string) => string): unknown => {
      const entropy: Entropy = {
        session: 1,
        participants: PARTICIPANTS.map((p) => ({ ...p, commitment: '0'.repeat(64), secret: secret(p.participant) })),
        beacon: {
          kind: 'DICE',
          source: state.beacon?.source ?? '',
          availableAt: null,
          count: 3,
          max: 6,
          value: '3 6 1',
          canonical: '1.3.6./',
        },
      };
      // Straight to the engine (commitments are not checked): this asks only what the outputs depend on.
      const key = drawKeyV3(keyMaterial({ drawId: 'DS-1', inputDigest: frozen.inputDigest, entropy }));
      return computeOutputs(engineInputs(frozen.inputs as unknown as FrozenInputs), key, undefined, 'ssj-draw/3');
    };
    const guesses = ['a', 'b', 'c', 'd'].map((g) => JSON.stringify(outcome((p) => g.repeat(32) + p.length)));
    expect(new Set(guesses).size).toBeGreaterThan(1);
  });

  it('the roster edited after the freeze changes nothing: the draw reads only the frozen snapshot', async () => {
    await startDrawRound(stack.h.client, stack.h.taskQueue, await round('DS-2'));
    const { handle, secrets, state: frozen } = await driveSession(stack.h.client, 'DS-2', { until: 'reveal' });
    const before = await stack.t.db.enterprise.findFirstOrThrow({ where: { sector: 'NON_COAL_MINE' } });
    await stack.t.db.enterprise.updateMany({ where: { sector: 'NON_COAL_MINE' }, data: { name: `${before.name}  ` } });
    await stack.t.db.inspector.updateMany({ data: { onLeave: true } }); // nobody available: would fail a fresh draw
    try {
      for (const p of PARTICIPANTS)
        await handle.executeUpdate(m.revealSecret, {
          args: [{ participant: p.participant, secret: secrets.get(p.participant) as string }],
        });
      const drawn = await enterBeacon(handle, PARTICIPANTS, '2 5 5');
      expect(drawn.stage).toBe('DRAWN');
      const row = await stack.t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DS-2' } });
      expect(row.inputDigest).toBe(frozen.inputDigest);
      const names = (row.inputs as unknown as FrozenInputs).enterprises.map((e) => e.name);
      expect(names).toContain(before.name);
      expect(names).not.toContain(`${before.name}  `);
      expect((await verifyStoredDraw(stack.t.db, 'DS-2')).every((c) => c.ok)).toBe(true);
      await expectIndependentlyVerified(stack.t.db, 'DS-2');
    } finally {
      await stack.t.db.enterprise.updateMany({ where: { sector: 'NON_COAL_MINE' }, data: { name: before.name } });
      await stack.t.db.inspector.updateMany({ data: { onLeave: false } });
    }
  });

  it('refuses a malformed or out-of-order step before it enters history, saying why in Chinese', async () => {
    await startDrawRound(stack.h.client, stack.h.taskQueue, await round('DS-3'));
    const { handle, secrets } = await driveSession(stack.h.client, 'DS-3', { until: 'freeze' });
    const refused = async <A>(update: UpdateDefinition<m.DrawRoundState, [A]>, args: A, why: RegExp) => {
      const e = await handle.executeUpdate(update, { args: [args] }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((e as Error).cause as Error).message).toMatch(why);
    };
    const accepted = async () =>
      (await handle.fetchHistory()).events?.filter((ev) => ev.workflowExecutionUpdateAcceptedEventAttributes).length;
    const before = await accepted();
    await refused(
      m.commitSecret,
      { participant: 'fagui', commitment: 'f'.repeat(64), session: 1 },
      /已经提交过，不能更改/,
    );
    await refused(
      m.commitSecret,
      { participant: 'nobody', commitment: 'f'.repeat(64), session: 1 },
      /不是本次抽取会的参与人/,
    );
    await refused(
      m.revealSecret,
      { participant: 'fagui', secret: secrets.get('fagui') as string },
      /只有“待揭示密钥”时可以/,
    );
    await refused(m.enterBeacon, { participant: 'fagui', value: '1 2 3' }, /只有“待录入公开随机数”时可以/);
    await refused(
      m.setupSession,
      { actor: '法规股', participants: [], beacon: { kind: 'DICE', source: 'x', count: 3, max: 6 } },
      /只有“待设定抽取会”时/,
    );
    await handle.executeUpdate(m.freezeRound, { args: [{ actor: '法规股 李明' }] });
    const wrong = (secrets.get('yhb.observer') as string).replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await refused(m.revealSecret, { participant: 'yhb.observer', secret: wrong }, /与您冻结前提交的承诺值不符/);
    await refused(m.revealSecret, { participant: 'yhb.observer', secret: '1234' }, /32–64 位十六进制/);
    await refused(m.closeReveals, { actor: '法规股' }, /至少要有一名参与人揭示密钥/);
    // Only the freeze was accepted: none of the refused steps is in the history.
    expect(await accepted()).toBe((before ?? 0) + 1);
    await handle.terminate('test done');
  });

  it('excludes, as NO_TEAM and in the published record, an enterprise no team could be formed for', async () => {
    // Every 非煤矿山 specialist has a conflict with one mine: before, drawing it failed the session and drew again,
    // so whoever made it unstaffable kept it out of every draw, unseen.
    const input = await round('DS-4');
    input.rule = { ...input.rule, enterprises: { ratio: 1 }, teamSize: 1, itemsPerInspection: 0 };
    await startDrawRound(stack.h.client, stack.h.taskQueue, input);
    const target = await stack.t.db.enterprise.findFirstOrThrow({
      where: { sector: 'NON_COAL_MINE', operatingState: 'OPERATING' },
      orderBy: { id: 'asc' },
    });
    const specialists = (await stack.t.db.inspector.findMany()).filter((i) =>
      (i.specialties as string[]).includes('NON_COAL_MINE'),
    );
    const inspection = await stack.t.db.inspection.create({
      data: {
        workflowId: 'ds-4-conflicts',
        origin: 'COMPLAINT',
        unitId: input.unitId,
        enterpriseId: target.id,
        stage: 'DONE',
      },
    });
    for (const s of specialists)
      await stack.t.db.recusal.create({
        data: { inspectionId: inspection.id, inspectorId: s.id, reason: '测试：利害关系', resolution: 'REPLACEMENT' },
      });
    const { state } = await driveSession(stack.h.client, 'DS-4');
    expect(state.stage).toBe('DRAWN');
    expect(state.session).toBe(1);
    const row = await stack.t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DS-4' } });
    const outputs = row.outputs as unknown as { excludedEnterprises: { reason: string; ids: number[] }[] };
    expect(outputs.excludedEnterprises.find((x) => x.reason === 'NO_TEAM')?.ids).toContain(target.id);
    expect(state.inspections.map((i) => i.enterprise.id)).not.toContain(target.id);
    await expectIndependentlyVerified(stack.t.db, 'DS-4');
  });

  it('lets 法规股 abandon a session before the freeze (nothing random exists yet) and start the next', async () => {
    await startDrawRound(stack.h.client, stack.h.taskQueue, await round('DS-5'));
    const { handle } = await driveSession(stack.h.client, 'DS-5', { until: 'freeze' });
    const after = await handle.executeUpdate(m.abandonSession, { args: [{ actor: '法规股 李明' }] });
    expect([after.stage, after.session]).toEqual(['SETUP', 2]);
    expect(after.lastError).toMatch(/第 1 次抽取会已由法规股 李明在冻结前作废/);
    const failed = await stack.t.db.auditLog.findFirstOrThrow({ where: { action: 'draw.failed', subjectId: 'DS-5' } });
    expect(failed.details).toMatchObject({ session: 1 });
    const second = await driveSession(stack.h.client, 'DS-5');
    expect([second.state.stage, second.state.session]).toEqual(['DRAWN', 2]);
    expect((await verifyStoredDraw(stack.t.db, 'DS-5')).every((c) => c.ok)).toBe(true);
    await expectIndependentlyVerified(stack.t.db, 'DS-5');
  });

  it('takes the public value only when two participants enter it alike', async () => {
    await startDrawRound(stack.h.client, stack.h.taskQueue, await round('DS-6'));
    const { handle } = await driveSession(stack.h.client, 'DS-6', { until: 'beacon' });
    const enter = (participant: string, value: string) =>
      handle.executeUpdate(m.enterBeacon, { args: [{ participant, value }] });
    expect((await enter('fagui', '3 6 1')).stage).toBe('AWAITING_BEACON');
    await expect(enter('fagui', '3 6 1')).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // not twice alone
    const mismatch = await enter('yhb.observer', '3 6 2');
    expect([mismatch.stage, mismatch.beaconEntries]).toEqual(['AWAITING_BEACON', []]);
    expect(mismatch.lastError).toMatch(/两人录入的公开随机数不一致/);
    // Not the session's format (four numbers, a 7 on a die, a hidden character): refused before history.
    for (const bad of ['3 6 1 2', '3 6 7', '3 6\u200b1'])
      await expect(enter('fagui', bad)).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await enter('yhb.observer', '1, 3, 6');
    const drawn = await enter('fagui', '6 3 1');
    expect(drawn.stage).toBe('DRAWN');
    await expectIndependentlyVerified(stack.t.db, 'DS-6');
  });
});
