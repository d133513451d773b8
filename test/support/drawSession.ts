// Drive an ssj-draw/3 session through the round's Updates, as the people in
// the room would: set up, each participant commits a secret made on "their
// device", freeze, each reveals, the public value. Returns what each step
// returned, and the secrets (which the database must not hold before the reveal).
import type { Client } from '@temporalio/client';
import { newSecret } from '../../src/client/drawSession.ts';
import { canonicalBeacon } from '../../src/draw/entropy.ts';
import * as m from '../../src/workflows/drawRound/messages.ts';
import { eventually } from './inspection.ts';

export const PARTICIPANTS = [
  { participant: 'fagui', name: '法规股 李明' },
  { participant: 'yhb.observer', name: '区优化办 陈静' },
];

export interface SessionOptions {
  participants?: { participant: string; name: string }[];
  source?: string;
  /** Who withholds their secret (closed by the operator instead). */
  withhold?: string[];
  beacon?: string;
  /** Stop before this step. */
  until?: 'freeze' | 'reveal' | 'beacon';
}

export async function driveSession(client: Client, drawId: string, o: SessionOptions = {}) {
  const handle = client.workflow.getHandle(m.drawRoundWorkflowId(drawId));
  await eventually(async () => {
    if ((await handle.query(m.drawRoundState)).stage !== 'SETUP') throw new Error('round not ready');
  });
  const participants = o.participants ?? PARTICIPANTS;
  const setup = await handle.executeUpdate(m.setupSession, {
    args: [
      {
        actor: '法规股 李明',
        participants,
        beacon: { kind: 'DICE', source: o.source ?? '三枚骰子，由区优化办见证人掷出', count: 3, max: 6 },
      },
    ],
  });
  const secrets = new Map<string, string>();
  for (const p of participants) {
    const made = newSecret(drawId, setup.session, p.participant);
    secrets.set(p.participant, made.secret);
    await handle.executeUpdate(m.commitSecret, {
      args: [{ participant: p.participant, commitment: made.commitment, session: setup.session }],
    });
  }
  if (o.until === 'freeze') return { handle, secrets, state: await handle.query(m.drawRoundState) };
  const frozen = await handle.executeUpdate(m.freezeRound, { args: [{ actor: '法规股 李明' }] });
  if (o.until === 'reveal') return { handle, secrets, state: frozen };
  for (const p of participants)
    if (!o.withhold?.includes(p.participant))
      await handle.executeUpdate(m.revealSecret, {
        args: [{ participant: p.participant, secret: secrets.get(p.participant) as string }],
      });
  if (o.withhold?.length) await handle.executeUpdate(m.closeReveals, { args: [{ actor: '法规股 李明' }] });
  if (o.until === 'beacon') return { handle, secrets, state: await handle.query(m.drawRoundState) };
  const state = await enterBeacon(handle, participants, o.beacon ?? '3 6 1');
  return { handle, secrets, state };
}

/** Two participants enter the public value alike: the second entry draws. */
export async function enterBeacon(
  handle: ReturnType<Client['workflow']['getHandle']>,
  participants: { participant: string }[],
  value: string,
) {
  const [first, second] = participants;
  await handle.executeUpdate(m.enterBeacon, { args: [{ participant: first?.participant as string, value }] });
  return handle.executeUpdate(m.enterBeacon, { args: [{ participant: second?.participant as string, value }] });
}

/** Entropy for the activities: two participants, their commitments for the freeze and their reveals. */
export function activityEntropy(drawId: string, label: string, session = 1) {
  const people = PARTICIPANTS.map((p) => {
    const made = newSecret(drawId, session, p.participant);
    return { ...p, ...made, hex: made.secret.replace(/-/g, '') };
  });
  return {
    participants: people.map(({ participant, name, commitment }) => ({ participant, name, commitment })),
    reveals: people.map((p) => ({ participant: p.participant, secret: p.hex })),
    beacon: { kind: 'DICE' as const, source: `测试 ${label}`, availableAt: null, count: 3, max: 6 },
  };
}

type DrawActs = ReturnType<typeof import('../../src/activities/draw.ts').drawActivities>;

/** Freeze a round and draw it through the activities, as the workflow would (no Temporal). */
export async function freezeAndDraw(
  acts: DrawActs,
  a: { drawId: string; drawDate: string; rule: import('../../src/draw/rule.ts').DrawRule },
  beacon = '4 2 6',
) {
  const e = activityEntropy(a.drawId, a.drawId);
  const year = Number(a.drawDate.slice(0, 4));
  const frozen = await acts.freezeRound({
    ...a,
    session: 1,
    year,
    participants: e.participants,
    beacon: e.beacon,
    actor: '法规股',
  });
  const draw = () =>
    acts.performDraw({
      drawId: a.drawId,
      session: 1,
      year,
      planRoundId: null,
      actor: '法规股',
      reveals: e.reveals,
      beaconValue: beacon,
      beaconCanonical: canonicalBeacon(beacon, e.beacon) as string,
    });
  return { frozen, draw, entropy: e };
}

/** Export a stored draw as the public page would, and run the independent Python verifier on it. */
export async function expectIndependentlyVerified(db: import('../../src/db/client.ts').Db, drawId: string) {
  const { exportDraw } = await import('../../src/records/draws.ts');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { execFileSync } = await import('node:child_process');
  const x = await exportDraw(db, drawId);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-export-')), 'draw.json');
  fs.writeFileSync(file, JSON.stringify(x));
  const out = execFileSync('python3', ['verifier/ssj_verify.py', file], { encoding: 'utf8' });
  const { expect } = await import('vitest');
  expect(
    out
      .split('\n')
      .filter(Boolean)
      .every((l) => l.startsWith('ok')),
  ).toBe(true);
  return out;
}
