// The inspection workflow's contract: its input, its state (what queries
// return) and the arguments of each human step (Updates). Pure types and
// constants only: imported by the workflow, the activities and the console.
// The codes and their names are the glossary's (src/domain/glossary.ts).
import {
  codesOf,
  DEADLINE_KIND,
  type DeadlineKind,
  ESCALATION_LEVEL,
  type EscalationLevel,
  type FollowUpDecision,
  type ItemResult,
  type Origin,
  type RecusalMode,
  STAGE,
  type Stage,
} from '../../domain/glossary.ts';

export const STAGES = codesOf(STAGE);
export type { Stage };
export const STAGE_NAMES: Readonly<Record<Stage, string>> = STAGE;

export type { Deadline, DeadlinePolicy, DeadlineSpec } from '../../domain/deadline.ts';
export type { DeadlineKind, Origin };

import type { Deadline, DeadlinePolicy } from '../../domain/deadline.ts';
export const DEADLINE_NAMES: Readonly<Record<DeadlineKind, string>> = DEADLINE_KIND;
export const LEVEL_NAMES: Readonly<Record<EscalationLevel, string>> = ESCALATION_LEVEL;

export interface TeamMember {
  kind: 'INSPECTOR' | 'EXPERT';
  id: number;
  name: string;
}

export interface InspectionInput {
  workflowId: string;
  origin: Origin;
  originNote?: string;
  unitId: number;
  unitCode: string;
  enterprise: { id: number; name: string; creditCode: string };
  /** The draw record the team came from (random inspections). */
  drawId: string | null;
  team: TeamMember[];
  /** ItemVersion ids drawn (or chosen, for Art. 8 inspections). */
  itemIds: number[];
  window: { start: string; end: string };
  policy: DeadlinePolicy;
  /** Publish search attributes (off only on the time-skipping test server, which has none). */
  searchAttributes?: boolean;
}

/** The steps that advance (or complete) a stage, each recorded once under its own key. */
export const ADVANCE_STEPS = [
  'recusalClosed',
  'filing',
  'scheme',
  'date',
  'results',
  'feedbackCard',
  'publication',
  'followUp',
] as const;
export type AdvanceStep = (typeof ADVANCE_STEPS)[number];

/** The idempotency key of a step's row (InspectionStep.stepKey): one row per key. */
export type StepKey = AdvanceStep | `confirm:${number}` | `recusal:${number}`;

/** What happened, typed: the timeline reads these fields (web/inspectionLabels.ts) and never parses text. */
export type HistoryEvent =
  | { kind: 'opened'; origin: Origin; drawId: string | null }
  | { kind: 'confirm'; inspectorId: number }
  | { kind: 'recusal'; inspectorId: number; mode: RecusalMode; reason: string }
  | { kind: AdvanceStep }
  | { kind: 'escalation'; deadline: DeadlineKind; level: EscalationLevel; to: string }
  | { kind: 'teamChanged' }
  | { kind: 'calendarChanged'; deadline: DeadlineKind; dueDate: string; provisional: boolean };

export type HistoryEntry = HistoryEvent & { at: number; stage: Stage; actor: string };

export interface ItemResultInput {
  itemId: number;
  result: Exclude<ItemResult, 'NOT_CHECKED'>;
  notes?: string;
}

export interface InspectionState {
  inspectionId: number | null;
  stage: Stage;
  team: TeamMember[];
  confirmed: number[];
  drawId: string | null;
  scheme: string | null;
  scheduledDate: string | null;
  endedOn: string | null;
  problemsFound: boolean;
  feedbackCard: { sha256: string; fileName: string } | null;
  deadlines: Deadline[];
  history: HistoryEntry[];
  escalations: { kind: DeadlineKind; level: EscalationLevel; at: number }[];
}

// ---- Update arguments (human steps) ----

export interface Actor {
  actor: string;
}
export interface ConfirmNoConflict extends Actor {
  inspectorId: number;
}
export interface DeclareConflict extends Actor {
  inspectorId: number;
  reason: string;
  mode: RecusalMode;
  withId?: number;
}
export interface SubmitScheme extends Actor {
  scheme: string;
}
export interface ChooseDate extends Actor {
  date: string;
}
export interface RecordResults extends Actor {
  endedOn: string;
  results: ItemResultInput[];
  problems: string;
  enterpriseOpinion: string;
}
/** A stored scan, named by its content: the worker finds it as scans/<sha256>.<ext> in its own data directory. */
export interface FeedbackCardUpload extends Actor {
  fileName: string;
  mimeType: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
}
export interface ConfirmPublication extends Actor {
  platformEnteredOn: string;
  creditYongzhouOn: string;
  useOfResults: string;
  /** A PublicationCategory code (src/records/publicationCategories.ts); absent in steps taken before categories. */
  category?: string;
}
export interface DecideFollowUp extends Actor {
  decision: FollowUpDecision;
  reasons: string;
  publishedOn: string;
}

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
