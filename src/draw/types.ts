// The draw's inputs (a frozen snapshot) and outputs. Everything a verifier
// needs is here; nothing is read from a database during a draw.
import type { DrawRule } from './rule.ts';

/** Every version this build can recompute; new draws use the last (docs/draw.md, "Versions"). */
export const ALGORITHM_VERSIONS = ['ssj-draw/1', 'ssj-draw/2'] as const;
export type AlgorithmVersion = (typeof ALGORITHM_VERSIONS)[number];
export const ALGORITHM_VERSION: AlgorithmVersion = 'ssj-draw/2';

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
  /** Recusals so far (Art. 14), carried forward so no later swap undoes one. */
  recused: Conflict[];
}

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
