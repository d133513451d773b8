import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { DrawnInspection, SessionStep } from '../../activities/draw.ts';
import { codePointCompare } from '../../draw/entropy.ts';
import { SA } from '../../shared/searchAttributes.ts';
import { drawing } from '../activities.ts';
import { startOnce } from '../children.ts';
import { inspection, inspectionWorkflowId } from '../inspection/workflow.ts';
import { refuseUnencrypted } from '../payload.ts';
import * as m from './messages.ts';
import * as v from './validate.ts';

export type { DrawRoundInput, DrawRoundState } from './messages.ts';
export { DRAW_STAGE_NAMES, drawRoundState, drawRoundWorkflowId } from './messages.ts';

const causeOf = (e: unknown) => (e as { cause?: Error }).cause?.message ?? String(e);

export async function drawRound(input: m.DrawRoundInput): Promise<m.DrawRoundState> {
  refuseUnencrypted(input);
  /** What a session starts from: the first, and each one begun again after an abandoned one. */
  const freshSession = () =>
    ({
      stage: 'SETUP',
      participants: [],
      beacon: null,
      beaconEntries: [],
      inputDigest: null,
      frozenAt: null,
      beaconValue: null,
    }) satisfies Partial<m.DrawRoundState>;
  const s: m.DrawRoundState = {
    drawId: input.drawId,
    unitCode: input.unitCode,
    session: 1,
    ...freshSession(),
    inspections: [],
    lastError: null,
  };
  let drawn: DrawnInspection[] = [];
  /** Steps still being filed: the freeze, the close of reveals and the public value wait for them. */
  let busy = 0;
  let settingUp = false;
  setHandler(m.drawRoundState, () => s);

  /**
   * The stage and whose step it is, as search attributes: 我的待办 lists the
   * sessions awaiting someone from the server's index, without querying each
   * round (a query waits for a worker; a list does not). Upserted on change only.
   */
  let published = '';
  function publish() {
    const waitingOn = s.participants
      .filter(
        (p) => (s.stage === 'COMMITTING' && !p.commitment) || (s.stage === 'REVEALING' && p.commitment && !p.secret),
      )
      .map((p) => p.participant);
    const now = JSON.stringify([s.stage, waitingOn]);
    if (now === published || input.searchAttributes === false) return;
    published = now;
    upsertSearchAttributes([
      { key: SA.stage, value: s.stage },
      { key: SA.unit, value: input.unitCode },
      { key: SA.waitingOn, value: waitingOn },
    ]);
  }
  publish();
  /** A step's end: the state as its caller sees it, and as the index shows it. */
  function done() {
    publish();
    return s;
  }

  let beaconEntriesFiled = 0;
  async function file(step: Omit<SessionStep, 'drawId' | 'session'>) {
    busy++;
    publish();
    try {
      await drawing.fileDrawStep({ drawId: input.drawId, session: s.session, ...step });
    } finally {
      busy--;
    }
  }

  /** The session ends without a draw: filed, its reservations released, the next one begins. */
  async function nextSession(reason: string, filed: boolean) {
    if (!filed) await drawing.abandonSession({ drawId: input.drawId, session: s.session, reason });
    Object.assign(s, { ...freshSession(), session: s.session + 1, lastError: reason });
    publish();
  }

  async function closeReveals(actor: string) {
    const withheld = s.participants.filter((p) => p.secret === null).map((p) => p.participant);
    for (const p of s.participants) p.withheld = p.secret === null;
    s.stage = 'AWAITING_BEACON';
    await file({ action: 'draw.revealsClosed', actor, who: 'close', details: { withheld } });
  }

  setHandler(
    m.setupSession,
    async (a) => {
      v.validateSetup(s, a, Date.now(), busy);
      const participants = [...a.participants].sort((x, y) => codePointCompare(x.participant, y.participant));
      const at = a.beacon.availableAt ? new Date(Date.parse(a.beacon.availableAt)).toISOString() : null;
      s.participants = participants.map((p) => ({
        ...p,
        name: p.name.trim(),
        commitment: null,
        secret: null,
        withheld: false,
      }));
      const { kind, count, max } = a.beacon;
      s.beacon = { kind, source: a.beacon.source.trim(), availableAt: at, count, max };
      s.stage = 'COMMITTING';
      s.lastError = null;
      settingUp = true;
      try {
        await file({
          action: 'draw.session',
          actor: a.actor,
          who: 'setup',
          details: {
            participants: s.participants.map(({ participant, name }) => ({ participant, name })),
            beacon: s.beacon,
          },
        });
      } finally {
        settingUp = false;
      }
      return done();
    },
    { validator: (a) => v.validateSetup(s, a, Date.now(), busy) },
  );

  setHandler(
    m.commitSecret,
    async (a) => {
      v.validateCommit(s, a, settingUp);
      const p = s.participants.find((x) => x.participant === a.participant) as m.SessionParticipant;
      p.commitment = a.commitment; // at once, so a second commitment from the same person is refused
      await file({
        action: 'draw.commitment',
        actor: p.participant,
        who: p.participant,
        details: { participant: p.participant, commitment: a.commitment },
      });
      return done();
    },
    { validator: (a) => v.validateCommit(s, a, settingUp) },
  );

  setHandler(
    m.freezeRound,
    async (a) => {
      v.validateFreeze(s, a, Date.now(), busy);
      s.stage = 'FREEZING';
      const committed = s.participants; // every one of them (the validator saw to it)
      try {
        const frozen = await drawing.freezeRound({
          drawId: input.drawId,
          session: s.session,
          year: Number(input.window.start.slice(0, 4)),
          drawDate: input.drawDate,
          rule: input.rule,
          participants: committed.map((p) => ({
            participant: p.participant,
            name: p.name,
            commitment: p.commitment as string,
          })),
          beacon: s.beacon as m.SessionBeacon,
          actor: a.actor,
        });
        s.inputDigest = frozen.inputDigest;
        s.frozenAt = frozen.frozenAt;
        s.stage = 'REVEALING';
        s.lastError = null;
        return done();
      } catch (e) {
        // Refused with nothing stored (a rule no randomness can meet): fix the roster or the rule, freeze again.
        s.stage = 'COMMITTING';
        s.lastError = causeOf(e);
        publish();
        throw ApplicationFailure.nonRetryable(s.lastError, 'FreezeRefused');
      }
    },
    { validator: (a) => v.validateFreeze(s, a, Date.now(), busy) },
  );

  setHandler(
    m.revealSecret,
    async (a) => {
      const secret = v.validateReveal(s, a, input.drawId, Date.now());
      const p = s.participants.find((x) => x.participant === a.participant) as m.SessionParticipant;
      p.secret = secret;
      await file({
        action: 'draw.reveal',
        actor: p.participant,
        who: p.participant,
        details: { participant: p.participant, secret },
      });
      // The last reveal closes them: nobody is left to wait for.
      if (s.stage === 'REVEALING' && busy === 0 && s.participants.every((x) => x.secret !== null))
        await closeReveals('system');
      return done();
    },
    { validator: (a) => v.validateReveal(s, a, input.drawId, Date.now()) },
  );

  setHandler(
    m.closeReveals,
    async (a) => {
      v.validateClose(s, a, busy);
      await closeReveals(a.actor);
      return done();
    },
    { validator: (a) => v.validateClose(s, a, busy) },
  );

  setHandler(
    m.enterBeacon,
    async (a) => {
      const canonical = v.validateBeacon(s, a, Date.now(), busy);
      const earlier = s.beaconEntries[0];
      s.beaconEntries.push({ participant: a.participant, canonical });
      await file({
        action: 'draw.beaconEntered',
        actor: a.participant,
        // Counted over the round, not the pending pair: an entry made again after a mismatch is a new entry.
        who: `${a.participant}:${++beaconEntriesFiled}`,
        details: { participant: a.participant, value: a.value, canonical },
      });
      if (!earlier) {
        s.lastError = null;
        return done(); // the value is taken when a second participant enters it alike
      }
      if (earlier.canonical !== canonical) {
        s.beaconEntries = [];
        s.lastError = `两人录入的公开随机数不一致（${earlier.canonical} 与 ${canonical}）：请对照公布的号码，重新由两人各录入一次`;
        return done();
      }
      s.stage = 'DRAWING';
      s.beaconValue = a.value;
      try {
        const outcome = await drawing.performDraw({
          drawId: input.drawId,
          session: s.session,
          planRoundId: input.planRoundId,
          year: Number(input.window.start.slice(0, 4)),
          actor: a.participant,
          reveals: s.participants.map((p) => ({ participant: p.participant, secret: p.secret })),
          beaconValue: a.value,
          beaconCanonical: canonical,
        });
        if (!outcome.ok) {
          await nextSession(`第 ${s.session} 次抽取会未能满足抽取规则：${outcome.shortages.join('；')}`, true);
          return done();
        }
        drawn = outcome.inspections;
        s.inspections = outcome.inspections.map((x) => ({
          workflowId: inspectionWorkflowId(input.drawId, x.enterprise.creditCode),
          enterprise: x.enterprise,
          team: x.team,
        }));
        s.stage = 'DRAWN';
        s.lastError = null;
        return done();
      } catch (e) {
        s.stage = 'AWAITING_BEACON';
        s.beaconEntries = [];
        s.lastError = causeOf(e);
        publish();
        throw ApplicationFailure.nonRetryable(s.lastError, 'DrawFailed');
      }
    },
    { validator: (a) => void v.validateBeacon(s, a, Date.now(), busy) },
  );

  setHandler(
    m.abandonSession,
    async (a) => {
      v.validateAbandon(s, a, busy);
      await nextSession(`第 ${s.session} 次抽取会已由${a.actor}在冻结前作废`, false);
      return done();
    },
    { validator: (a) => v.validateAbandon(s, a, busy) },
  );

  /** Wait for `pred`, until `deadline` (epoch ms) if there is one: false when the time came first. */
  const until = (pred: () => boolean, deadline: number | null) =>
    deadline === null ? condition(pred).then(() => true) : condition(pred, Math.max(1, deadline - Date.now()));

  for (;;) {
    const session = s.session;
    const moved = () => s.session !== session;
    await condition(() => s.stage !== 'SETUP' || moved());
    if (moved()) continue;
    // A lottery's time ends both the chance to freeze and the reveals, a minute before anyone can know it.
    const closeAt = s.beacon?.availableAt ? Date.parse(s.beacon.availableAt) - m.CLOSE_BEFORE_MS : null;
    const frozen = await until(() => moved() || (s.stage !== 'COMMITTING' && s.stage !== 'FREEZING'), closeAt);
    if (moved()) continue;
    if (!frozen) {
      await condition(() => busy === 0 && s.stage !== 'FREEZING');
      if (s.stage === 'COMMITTING') {
        await nextSession(`第 ${session} 次抽取会：开奖前未能冻结名录，已作废`, false);
        continue;
      }
    }
    const closed = await until(() => moved() || s.stage !== 'REVEALING', closeAt);
    if (moved()) continue;
    if (!closed) {
      await condition(() => busy === 0);
      if (s.stage === 'REVEALING') {
        if (!s.participants.some((p) => p.secret !== null)) {
          await nextSession(`第 ${session} 次抽取会：公开随机数公布前没有参与人揭示密钥`, false);
          continue;
        }
        await closeReveals('system');
      }
    }
    await condition(() => s.stage === 'DRAWN' || moved());
    if (s.stage === 'DRAWN') break;
  }

  for (const x of drawn) {
    const workflowId = inspectionWorkflowId(input.drawId, x.enterprise.creditCode);
    await startOnce(inspection, workflowId, {
      workflowId,
      origin: 'RANDOM',
      unitId: input.unitId,
      unitCode: input.unitCode,
      enterprise: x.enterprise,
      drawId: input.drawId,
      team: x.team,
      itemIds: x.itemIds,
      window: input.window,
      policy: input.policy,
      ...(input.searchAttributes === false ? { searchAttributes: false } : {}),
    });
  }
  await condition(allHandlersFinished);
  return s;
}
