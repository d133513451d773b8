// What the console and the CLI share for a draw session: participants are
// console accounts (their username commits and reveals; their name is what
// the room knows them by), a fresh secret made where the participant is, and
// the session's Updates sent one right way.
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client.ts';
import { commitmentOf } from '../draw/entropy.ts';
import { type DrawRoundState, drawRoundWorkflowId } from '../workflows/drawRound/messages.ts';

export class SessionError extends Error {}

/** Accounts by username, each active: the participants of a session, with the names the room knows. */
export async function participantsOf(db: Db, usernames: string[]): Promise<{ participant: string; name: string }[]> {
  const users = await db.user.findMany({ where: { username: { in: usernames } } });
  const problems = usernames
    .map((u) => {
      const found = users.find((x) => x.username === u);
      return !found ? `没有用户 ${u}` : !found.active ? `用户 ${u} 已停用` : null;
    })
    .filter((x): x is string => x !== null);
  if (problems.length) throw new SessionError(`参与人：${problems.join('；')}（请先在“用户”页开设账户）`);
  // Someone outside the bureau's units takes part: the operator cannot make up the room alone.
  if (!users.some((x) => x.role === 'OBSERVER'))
    throw new SessionError('参与人：至少要有一名见证人（区优化办或纪检的“见证人”账户）');
  return usernames.map((u) => {
    const found = users.find((x) => x.username === u);
    return { participant: u, name: found?.displayName ?? u };
  });
}

/** 128 random bits as 8 groups of 4 hex digits: easy to copy by hand, and its commitment. */
export function newSecret(drawId: string, session: number, participant: string) {
  const hex = randomBytes(16).toString('hex');
  const grouped = hex.match(/.{4}/g)?.join('-') ?? hex;
  return { secret: grouped, commitment: commitmentOf(drawId, session, participant, hex) };
}

export function roundHandle(client: Client, drawId: string) {
  return client.workflow.getHandle(drawRoundWorkflowId(drawId));
}

/** The session step a person can take next, in words. */
export function nextStepText(s: DrawRoundState): string {
  const waiting = (f: (p: DrawRoundState['participants'][number]) => boolean) =>
    s.participants
      .filter(f)
      .map((p) => p.name)
      .join('、');
  switch (s.stage) {
    case 'SETUP':
      return '法规股设定参与人和公开随机源';
    case 'COMMITTING':
      return `参与人提交承诺值（未提交：${waiting((p) => p.commitment === null) || '无'}），然后法规股冻结名录`;
    case 'REVEALING':
      return `参与人揭示密钥（未揭示：${waiting((p) => p.secret === null) || '无'}）`;
    case 'AWAITING_BEACON':
      return s.beaconEntries.length
        ? `另一位参与人核对录入公开随机数（${s.beaconEntries.map((e) => e.participant).join('、')} 已录入）`
        : `两位参与人各录入一次公开随机数：${s.beacon?.source ?? ''}`;
    default:
      return '';
  }
}
