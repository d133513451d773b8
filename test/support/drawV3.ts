// ssj-draw/3 fixtures: a frozen snapshot from the engine-input builders in
// drawFixtures.ts, and entropy from fixed labels (two participants who both
// reveal, a public source whose value comes from the label).
import { sha256Hex } from '../../src/draw/digest.ts';
import { canonicalBeacon, commitmentOf } from '../../src/draw/entropy.ts';
import type { DrawInputs, Entropy, FrozenInputs } from '../../src/draw/types.ts';

export function frozenOf(inp: DrawInputs): FrozenInputs {
  return {
    version: 'ssj-draw/3',
    drawId: inp.drawId,
    drawDate: inp.drawDate,
    rule: inp.rule,
    annualCap: inp.annualCap ?? 4,
    enterprises: inp.enterprises,
    inspectors: inp.inspectors.map(({ active, onLeave, ...i }) => ({ ...i, available: active && !onLeave })),
    experts: inp.experts,
    items: inp.items,
    conflicts: inp.conflicts.map(({ inspectorId, enterpriseId }) => ({ inspectorId, enterpriseId })),
  };
}

export function testEntropy(drawId: string, label: string, session = 1): Entropy {
  const secret = (who: string) => sha256Hex(`${label}:${who}`).slice(0, 32);
  const value = `${parseInt(sha256Hex(label).slice(0, 6), 16) % 1000} 7 21`;
  return {
    session,
    participants: ['fagui', 'yhb.observer'].map((participant) => ({
      participant,
      name: participant,
      commitment: commitmentOf(drawId, session, participant, secret(participant)),
      secret: secret(participant),
    })),
    beacon: {
      kind: 'DICE',
      source: '现场掷骰',
      availableAt: null,
      count: 3,
      max: 1000,
      value,
      canonical: canonicalBeacon(value, { count: 3, max: 1000 }) as string,
    },
  };
}
