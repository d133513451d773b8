// The order of an ssj-draw/3 session, checked from its published timeline
// (the round's audit entries, oldest first; docs/draw.md, section 10):
// every commitment before the freeze, the freeze before every reveal, reveals
// closed before the public value could be known, the record after it.
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
  'draw.record',
  'draw.failed',
] as const;

export function timelineProblems(timeline: TimelineEvent[], record: DrawRecordV3): string[] {
  const { session, participants, beacon } = record.entropy;
  const events = timeline.map((e, order) => ({ ...e, order })).filter((e) => e.details.session === session);
  const one = (action: string) => events.find((e) => e.action === action);
  const problems: string[] = [];
  const freeze = one('draw.freeze');
  const closed = one('draw.revealsClosed');
  const drawn = one('draw.record');
  if (!freeze || !closed || !drawn) return ['timeline: the freeze, the close of reveals or the record is missing'];
  if (freeze.details.inputDigest !== record.inputDigest) problems.push('timeline: the freeze published another digest');
  for (const p of participants) {
    const c = events.find((e) => e.action === 'draw.commitment' && e.details.participant === p.participant);
    if (!c || c.details.commitment !== p.commitment)
      problems.push(`timeline: ${p.participant}'s commitment was not published`);
    else if (c.order > freeze.order) problems.push(`timeline: ${p.participant} committed after the freeze`);
    const r = events.find((e) => e.action === 'draw.reveal' && e.details.participant === p.participant);
    if (p.secret === null ? r !== undefined : r?.details.secret !== p.secret)
      problems.push(`timeline: ${p.participant}'s reveal differs from the record`);
    else if (r && (r.order < freeze.order || r.order > closed.order))
      problems.push(`timeline: ${p.participant} revealed outside the reveal window`);
  }
  if (!(freeze.order < closed.order && closed.order < drawn.order))
    problems.push('timeline: freeze, close of reveals and record are out of order');
  if (beacon.availableAt !== null) {
    const known = Date.parse(beacon.availableAt);
    if (!(Date.parse(closed.at) < known)) problems.push('timeline: reveals closed after the public value was known');
    if (Date.parse(drawn.at) < known) problems.push('timeline: drawn before the public value was published');
  }
  if (drawn.details.inputDigest !== record.inputDigest)
    problems.push('timeline: the record entry names another digest');
  return problems;
}
