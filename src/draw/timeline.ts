// The session behind an ssj-draw/3 record, checked from its published
// timeline (the round's audit entries, oldest first; docs/draw.md, section
// 10): the record's participants, names, commitments, source and format are
// the ones published before the freeze; every commitment came before the
// freeze, every reveal after it and before reveals closed; the value was
// entered by two participants after the close (and not before its time); the
// record came last. A record made any other way does not verify.
import { canonicalJson } from '../shared/canonical.ts';
import { SESSION_STEP_NAMES } from './labels.ts';
import type { DrawRecordV3 } from './types.ts';

export interface TimelineEvent {
  at: string; // ISO instant
  action: string;
  actor: string;
  details: Record<string, unknown>;
}

/** The actions a session files, in the order they happen. */
export const SESSION_ACTIONS = [
  'draw.session',
  'draw.commitment',
  'draw.freeze',
  'draw.reveal',
  'draw.revealsClosed',
  'draw.beaconEntered',
  'draw.record',
  'draw.failed',
] as const;

type Indexed = TimelineEvent & { order: number; ms: number };

/** Every problem names what it is about: the session's published steps, as the pages head them. */
const T = '抽取会记录：';

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const byName = <T extends { participant: string }>(xs: T[]) =>
  [...xs].sort((a, b) => (a.participant < b.participant ? -1 : a.participant > b.participant ? 1 : 0));

export function timelineProblems(timeline: TimelineEvent[], record: DrawRecordV3): string[] {
  const { session, participants, beacon } = record.entropy;
  const problems: string[] = [];
  const all = timeline.map((e, order) => ({ ...e, order, ms: Date.parse(e.at) }));
  for (let k = 1; k < all.length; k++)
    if (!((all[k] as Indexed).ms >= (all[k - 1] as Indexed).ms)) problems.push(`${T}各条目未按时间先后排列`);
  const events = all.filter((e) => e.details.session === session);
  const only = (action: string) => {
    const found = events.filter((e) => e.action === action);
    if (found.length !== 1)
      problems.push(
        `${T}第 ${session} 次抽取会的“${SESSION_STEP_NAMES[action] ?? action}”有 ${found.length} 条，应为 1 条`,
      );
    return found[0];
  };
  const setup = only('draw.session');
  const freeze = only('draw.freeze');
  const closed = only('draw.revealsClosed');
  const drawn = only('draw.record');
  if (!setup || !freeze || !closed || !drawn) return problems;

  // What was published before the freeze is what the record holds.
  const named = byName(participants.map(({ participant, name }) => ({ participant, name })));
  if (!same(byName(setup.details.participants as { participant: string }[]), named))
    problems.push(`${T}参与人或其姓名与设定抽取会时公布的不同`);
  const { kind, source, availableAt, count, max } = beacon;
  if (!same(setup.details.beacon, { kind, source, availableAt, count, max }))
    problems.push(`${T}公开随机源或其格式与设定抽取会时公布的不同`);
  const committed = byName(participants.map(({ participant, commitment }) => ({ participant, commitment })));
  if (!same(byName(freeze.details.participants as { participant: string }[]), committed))
    problems.push(`${T}承诺值与冻结名录时公布的不同`);
  if (freeze.details.inputDigest !== record.inputDigest)
    problems.push(
      `${T}冻结名录时公布的校验值 ${String(freeze.details.inputDigest)} 与记录的 ${record.inputDigest} 不同`,
    );

  for (const p of participants) {
    const c = events.find((e) => e.action === 'draw.commitment' && e.details.participant === p.participant);
    if (!c || c.details.commitment !== p.commitment || c.order > freeze.order)
      problems.push(`${T}${p.participant} 的承诺值未在冻结名录前公布`);
    const r = events.filter((e) => e.action === 'draw.reveal' && e.details.participant === p.participant);
    if (p.secret === null ? r.length : r.length !== 1 || r[0]?.details.secret !== p.secret)
      problems.push(`${T}${p.participant} 揭示的密钥（或是否揭示）与记录不符`);
    else if (r[0] && !(freeze.order < r[0].order && r[0].order < closed.order))
      problems.push(`${T}${p.participant} 不是在冻结名录之后、揭示结束之前揭示的`);
  }
  const withheld = participants.filter((p) => p.secret === null).map((p) => p.participant);
  if (!same([...((closed.details.withheld as string[]) ?? [])].sort(), [...withheld].sort()))
    problems.push(`${T}揭示结束时记为未揭示的参与人与记录不同`);

  // Two participants entered the value, after the close, the same; then the record.
  const entered = events.filter(
    (e) => e.action === 'draw.beaconEntered' && e.order > closed.order && e.order < drawn.order,
  );
  const [first, second] = entered.slice(-2);
  const who = new Set(participants.map((p) => p.participant));
  if (
    !first ||
    !second ||
    first.details.participant === second.details.participant ||
    ![first, second].every((e) => who.has(e.details.participant as string) && e.details.canonical === beacon.canonical)
  )
    problems.push(`${T}揭示结束后，公开随机数未由两名不同的参与人录入一致`);
  if (drawn.details.inputDigest !== record.inputDigest || drawn.details.beacon !== beacon.value)
    problems.push(`${T}“抽取”一步所记的校验值或公开随机数与抽取记录不同`);
  if (!(freeze.order < closed.order && closed.order < drawn.order))
    problems.push(`${T}冻结名录、揭示结束、抽取三步的先后不对`);
  if (availableAt !== null) {
    const known = Date.parse(availableAt);
    if (!(closed.ms < known)) problems.push(`${T}揭示在开奖时间 ${availableAt} 之后才结束`);
    if ([drawn, first, second].some((e) => e && e.ms < known))
      problems.push(`${T}开奖时间 ${availableAt} 之前已录入公开随机数或已抽取`);
  }
  return problems;
}
