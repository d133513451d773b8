// The draw round's contract (docs/draw.md, section 1): its input, its state
// (what the `state` query returns) and one Update per step of the session.
// Pure types and definitions: imported by the workflow, the console and the CLI.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DrawnInspection } from '../../activities/draw.ts';
import type { DeadlinePolicy } from '../../domain/deadline.ts';
import { BEACON_KIND, DRAW_STAGE } from '../../domain/glossary.ts';
import type { BeaconKind } from '../../draw/entropy.ts';
import type { DrawRule } from '../../draw/rule.ts';

export interface DrawRoundInput {
  drawId: string;
  planRoundId: number | null;
  unitId: number;
  unitCode: string;
  drawDate: string;
  rule: DrawRule;
  window: { start: string; end: string };
  policy: DeadlinePolicy;
  /** Publish the stage and who is awaited as search attributes (off only on the time-skipping test server). */
  searchAttributes?: boolean;
}

export const DRAW_STAGES = [
  'SETUP',
  'COMMITTING',
  'FREEZING',
  'REVEALING',
  'AWAITING_BEACON',
  'DRAWING',
  'DRAWN',
] as const;
export type DrawStage = (typeof DRAW_STAGES)[number];

/** A draw round's stages as the people in the room call them (the console shows these). */
export const DRAW_STAGE_NAMES: Readonly<Record<DrawStage, string>> = DRAW_STAGE;

export interface SessionParticipant {
  participant: string;
  name: string;
  commitment: string | null;
  /** The revealed secret (canonical), once revealed; public from then on. */
  secret: string | null;
  /** Committed, but did not reveal before reveals closed. */
  withheld: boolean;
}

export interface DrawRoundState {
  drawId: string;
  /** The unit whose plan the round belongs to. */
  unitCode: string;
  stage: DrawStage;
  /** 1 for the first session; a failed draw starts the next. */
  session: number;
  participants: SessionParticipant[];
  beacon: SessionBeacon | null;
  /** The public value as entered so far: it is taken when two participants have entered it alike. */
  beaconEntries: { participant: string; canonical: string }[];
  /** The frozen snapshot's digest, published before any secret is revealed. */
  inputDigest: string | null;
  frozenAt: string | null;
  beaconValue: string | null;
  inspections: { workflowId: string; enterprise: DrawnInspection['enterprise']; team: DrawnInspection['team'] }[];
  /** Why the last session failed, or the last step was refused after it was taken. */
  lastError: string | null;
}

/** The public random source as set up: what, of which kind, due when, in which format. */
export interface SessionBeacon {
  kind: BeaconKind;
  source: string;
  availableAt: string | null;
  count: number;
  max: number;
}

export interface Actor {
  actor: string;
}
export interface SetupSession extends Actor {
  participants: { participant: string; name: string }[];
  beacon: { kind: BeaconKind; source: string; availableAt?: string | null; count: number; max: number };
}
export interface Commit {
  participant: string;
  commitment: string;
  /** The session the commitment was made for: a page or a CLI left over from an earlier one is refused. */
  session: number;
}
export interface RevealSecret {
  participant: string;
  secret: string;
}
export interface EnterBeacon {
  /** Who enters it: a participant of the session; two different ones must enter the same value. */
  participant: string;
  value: string;
}

export const drawRoundState = defineQuery<DrawRoundState>('state');
export const setupSession = defineUpdate<DrawRoundState, [SetupSession]>('setupSession');
export const commitSecret = defineUpdate<DrawRoundState, [Commit]>('commit');
export const freezeRound = defineUpdate<DrawRoundState, [Actor]>('freeze');
export const revealSecret = defineUpdate<DrawRoundState, [RevealSecret]>('reveal');
export const closeReveals = defineUpdate<DrawRoundState, [Actor]>('closeReveals');
export const enterBeacon = defineUpdate<DrawRoundState, [EnterBeacon]>('enterBeacon');
/** Before anything is frozen, 法规股 may end a session (someone cannot come): nothing random exists yet. */
export const abandonSession = defineUpdate<DrawRoundState, [Actor]>('abandonSession');

export const MAX_PARTICIPANTS = 9;

/** Reveals close this long before a lottery's stated time, so the close is filed before anyone can know the value. */
export const CLOSE_BEFORE_MS = 60_000;

export const BEACON_KIND_NAMES: Readonly<Record<BeaconKind, string>> = BEACON_KIND;

export function drawRoundWorkflowId(drawId: string): string {
  return `draw:${drawId}`;
}
