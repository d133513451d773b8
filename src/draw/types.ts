// The draw's inputs (a frozen snapshot) and outputs. Everything a verifier
// needs is here; nothing is read from a database during a draw.
import type { DrawRule } from './rule.ts';

/** Every version this build can recompute; new draws use the last (docs/draw.md, "Versions"). */
export const ALGORITHM_VERSIONS = ['ssj-draw/1', 'ssj-draw/2', 'ssj-draw/3'] as const;
export type AlgorithmVersion = (typeof ALGORITHM_VERSIONS)[number];
export const ALGORITHM_VERSION: AlgorithmVersion = 'ssj-draw/3';
/** The versions keyed by one server seed (a commitment, then the seed and an optional witness string). */
export type SeedVersion = 'ssj-draw/1' | 'ssj-draw/2';
/** The seed protocol's last version: what `runDraw` still makes, for tests and benchmarks of the old records. */
export const SEED_VERSION: SeedVersion = 'ssj-draw/2';

export function isAlgorithmVersion(v: string): v is AlgorithmVersion {
  return (ALGORITHM_VERSIONS as readonly string[]).includes(v);
}

export interface EnterpriseSnapshot {
  id: number;
  creditCode: string;
  name: string;
  sector: string;
  category: string | null;
  township: string;
  operatingState: string;
  riskClass: string;
  seriousViolation: boolean;
  abnormalOperation: boolean;
  penalized: boolean;
  /** Random (Art. 13) inspections already this calendar year; Art. 8 ones never count. */
  randomInspectionsThisYear: number;
}

export interface InspectorSnapshot {
  id: number;
  name: string;
  certificateNo: string;
  certificateFrom: string; // YYYY-MM-DD
  certificateTo: string;
  certificateStatus: string;
  specialties: string[];
  townships: string[];
  onLeave: boolean;
  active: boolean;
}

export interface ExpertSnapshot {
  id: number;
  name: string;
  specialties: string[];
  active: boolean;
}

export interface ItemSnapshot {
  /** ItemVersion id: the version in force is what gets drawn and recorded. */
  id: number;
  code: string;
  sector: string;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  reviewState: string;
}

/** Never assign this inspector to this enterprise (past recusal, declared interest…). */
export interface Conflict {
  inspectorId: number;
  enterpriseId: number;
  reason: string;
}

export interface DrawInputs {
  drawId: string;
  drawDate: string; // YYYY-MM-DD
  rule: DrawRule;
  enterprises: EnterpriseSnapshot[];
  inspectors: InspectorSnapshot[];
  experts: ExpertSnapshot[];
  items: ItemSnapshot[];
  conflicts: Conflict[];
  /** The Art. 15 cap; 4 unless a rule of the bureau says otherwise. */
  annualCap?: number;
}

export interface Assignment {
  enterpriseId: number;
  inspectorIds: number[];
  expertIds: number[];
  itemIds: number[];
}

/** Everyone excluded for one reason (grouped: a 100,000-row roster has a handful of reasons). */
export interface Exclusion {
  reason: string;
  ids: number[];
}

export interface DrawOutputs {
  assignments: Assignment[];
  /** Per stratum (risk class or 'ALL'): eligible and drawn counts. */
  strata: { stratum: string; eligible: number; drawn: number }[];
  excludedEnterprises: Exclusion[];
  excludedInspectors: Exclusion[];
  /** Recusals so far (Art. 14), carried forward so no later swap undoes one (ssj-draw/3: the pair, no reason). */
  recused: (ConflictPair & { reason?: string })[];
}

/** A record of the seed protocol (ssj-draw/1 and /2). */
export interface DrawRecordData {
  algorithmVersion: string;
  drawId: string;
  kind: 'INITIAL' | 'RECUSAL';
  supersedes: string | null;
  seedCommitment: string;
  seed: string;
  /** Optional entropy a witness adds after the roster is frozen. */
  witness: string;
  inputDigest: string;
  outputs: DrawOutputs;
}

// ── ssj-draw/3 ──────────────────────────────────────────────────────────────

/** An inspector as an ssj-draw/3 snapshot holds him: availability without its reason (leave is personal). */
export interface InspectorSnapshotV3 {
  id: number;
  name: string;
  certificateNo: string;
  certificateFrom: string;
  certificateTo: string;
  certificateStatus: string;
  specialties: string[];
  townships: string[];
  /** On the active roster and not on leave. */
  available: boolean;
}

/** A pair that must never meet; the reason stays in the bureau's files, out of the published snapshot. */
export interface ConflictPair {
  inspectorId: number;
  enterpriseId: number;
}

/** The frozen, published inputs of an ssj-draw/3 round: the draw reads nothing else. */
export interface FrozenInputs {
  version: 'ssj-draw/3';
  drawId: string;
  drawDate: string;
  rule: DrawRule;
  annualCap: number;
  enterprises: EnterpriseSnapshot[];
  inspectors: InspectorSnapshotV3[];
  experts: ExpertSnapshot[];
  items: ItemSnapshot[];
  conflicts: ConflictPair[];
}

export interface Participant {
  /** The console account (its username): who committed and who reveals. */
  participant: string;
  /** The name people in the room know them by. */
  name: string;
  commitment: string;
  /** The revealed secret (canonical hex), or null when it was withheld. */
  secret: string | null;
}

export interface Beacon {
  /** LOTTERY (a published draw, with its time) or DICE (thrown in the room once reveals are closed). */
  kind: 'LOTTERY' | 'DICE';
  /** The public random source, named before the freeze (e.g. a stated future lottery draw, dice in the room). */
  source: string;
  /** When its value becomes known (ISO instant): required for a lottery; reveals close before it. */
  availableAt: string | null;
  /** Its format, fixed before the freeze: exactly `count` numbers, none above `max`. */
  count: number;
  max: number;
  /** The value as entered (by two participants, the same). */
  value: string;
  /** canonicalBeacon(value, format): what enters the key. */
  canonical: string;
}

export interface Entropy {
  /** The round's session: a session that failed is followed by a new one, never re-run. */
  session: number;
  participants: Participant[];
  beacon: Beacon;
}

export interface DrawRecordV3 {
  algorithmVersion: 'ssj-draw/3';
  drawId: string;
  kind: 'INITIAL';
  supersedes: null;
  inputDigest: string;
  entropy: Entropy;
  outputs: DrawOutputs;
}

/** A recusal as it enters an ssj-draw/3 record: structured, no free text. */
export interface RecusalRequestV3 {
  /** 1 for the first recusal of the draw, 2 for the next, … */
  sequence: number;
  enterpriseId: number;
  inspectorId: number;
  mode: 'SWAP' | 'EXPERT' | 'REPLACEMENT';
  /** SWAP: the inspector to exchange with; EXPERT: the expert; null: drawn among the valid ones. */
  withId: number | null;
  /** Enterprises whose inspections are past recusal (filed), ascending: no swap may touch their teams. */
  locked: number[];
}

export interface RecusalRecordV3 {
  algorithmVersion: 'ssj-draw/3';
  drawId: string;
  kind: 'RECUSAL';
  supersedes: string;
  /** The initial record whose key and snapshot this recusal draws from. */
  root: string;
  request: RecusalRequestV3;
  inputDigest: string;
  outputs: DrawOutputs;
}
