// The session behind an ssj-draw/3 record, checked from its published
// timeline (the round's audit entries, oldest first; docs/draw.md, section
// 10): the record's participants, names, commitments, source and format are
// the ones published before the freeze; every commitment came before the
// freeze, every reveal after it and before reveals closed; the value was
// entered by two participants after the close (and not before its time); the
// record came last. A record made any other way does not verify.
import { canonicalJson } from '../shared/canonical.ts';
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

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const byName = <T extends { participant: string }>(xs: T[]) =>
  [...xs].sort((a, b) => (a.participant < b.participant ? -1 : a.participant > b.participant ? 1 : 0));

export function timelineProblems(timeline: TimelineEvent[], record: DrawRecordV3): string[] {
  const { session, participants, beacon } = record.entropy;
  const problems: string[] = [];
  const all = timeline.map((e, order) => ({ ...e, order, ms: Date.parse(e.at) }));
  for (let k = 1; k < all.length; k++)
    if (!((all[k] as Indexed).ms >= (all[k - 1] as Indexed).ms)) problems.push('timeline: entries not oldest first');
  const events = all.filter((e) => e.details.session === session);
  const only = (action: string) => {
    const found = events.filter((e) => e.action === action);
    if (found.length !== 1) problems.push(`timeline: ${found.length} ${action} entries for session ${session}, not 1`);
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
    problems.push('timeline: the participants or their names differ from those the session published');
  const { kind, source, availableAt, count, max } = beacon;
  if (!same(setup.details.beacon, { kind, source, availableAt, count, max }))
    problems.push('timeline: the public random source or its format differs from the one the session published');
  const committed = byName(participants.map(({ participant, commitment }) => ({ participant, commitment })));
  if (!same(byName(freeze.details.participants as { participant: string }[]), committed))
    problems.push('timeline: the commitments differ from those the freeze published');
  if (freeze.details.inputDigest !== record.inputDigest) problems.push('timeline: the freeze published another digest');

  for (const p of participants) {
    const c = events.find((e) => e.action === 'draw.commitment' && e.details.participant === p.participant);
    if (!c || c.details.commitment !== p.commitment || c.order > freeze.order)
      problems.push(`timeline: ${p.participant}'s commitment was not published before the freeze`);
    const r = events.filter((e) => e.action === 'draw.reveal' && e.details.participant === p.participant);
    if (p.secret === null ? r.length : r.length !== 1 || r[0]?.details.secret !== p.secret)
      problems.push(`timeline: ${p.participant}'s reveal differs from the record`);
    else if (r[0] && !(freeze.order < r[0].order && r[0].order < closed.order))
      problems.push(`timeline: ${p.participant} revealed outside the reveal window`);
  }
  const withheld = participants.filter((p) => p.secret === null).map((p) => p.participant);
  if (!same([...((closed.details.withheld as string[]) ?? [])].sort(), [...withheld].sort()))
    problems.push('timeline: the close of reveals names other participants as withheld');

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
    problems.push('timeline: the public value was not entered alike by two participants after reveals closed');
  if (drawn.details.inputDigest !== record.inputDigest || drawn.details.beacon !== beacon.value)
    problems.push('timeline: the record entry names another digest or value');
  if (!(freeze.order < closed.order && closed.order < drawn.order))
    problems.push('timeline: freeze, close of reveals and record are out of order');
  if (availableAt !== null) {
    const known = Date.parse(availableAt);
    if (!(closed.ms < known)) problems.push('timeline: reveals closed after the public value was known');
    if ([drawn, first, second].some((e) => e && e.ms < known))
      problems.push('timeline: the value was entered before it was published');
  }
  return problems;
}
