// The inspection workflow's contract: its input, its state (what queries
// return) and the arguments of each human step (Updates). Pure types and
// constants only: imported by the workflow, the activities and the console.

export const STAGES = [
  'RECUSAL',
  'FILING',
  'SCHEME',
  'INSPECTION',
  'FEEDBACK',
  'PUBLICATION',
  'FOLLOW_UP',
  'DONE',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Record<Stage, string> = {
  RECUSAL: '回避确认',
  FILING: '登记备案',
  SCHEME: '检查方案',
  INSPECTION: '实施检查',
  FEEDBACK: '满意度反馈卡',
  PUBLICATION: '结果公示',
  FOLLOW_UP: '后续处置',
  DONE: '已办结',
};

export type Origin = 'RANDOM' | 'COMPLAINT' | 'REPORT' | 'ASSIGNED' | 'CAMPAIGN' | 'TRANSFERRED';

/** How long a step may take: working days on the official calendar, or (tests) plain milliseconds. */
export type DeadlineSpec = { workingDays: number } | { afterMs: number };

export type DeadlineKind =
  | 'PLAN_APPROVAL'
  | 'RECUSAL'
  | 'SCHEME'
  | 'INSPECTION'
  | 'FEEDBACK_CARD'
  | 'PUBLICATION'
  | 'FOLLOW_UP';

export const DEADLINE_NAMES: Record<DeadlineKind, string> = {
  PLAN_APPROVAL: '年度检查计划审定（第十一条：每年底前确定下一年度计划）',
  RECUSAL: '回避确认',
  SCHEME: '检查方案与检查日期',
  INSPECTION: '实施检查',
  FEEDBACK_CARD: '满意度反馈卡报送',
  PUBLICATION: '结果录入与公示（七个工作日）',
  FOLLOW_UP: '违法行为后续处置',
};

export const LEVEL_NAMES = { REMINDER: '提醒', SUPERVISOR: '上报股室负责人', LEADER: '上报局领导' } as const;

/** Escalation policy: configuration (src/config/policy.ts), carried in the input so a running inspection keeps the policy it started with. */
export interface DeadlinePolicy {
  recusal: DeadlineSpec;
  /** Scheme and date: by default before the window ends; afterMs overrides for tests. */
  scheme: DeadlineSpec | 'WINDOW_END';
  inspection: DeadlineSpec | 'WINDOW_END';
  feedbackCard: DeadlineSpec;
  /** Art. 17: seven working days after the inspection ends. */
  publication: DeadlineSpec;
  followUp: DeadlineSpec;
  /** Remind the assignee this long before a deadline. */
  remindBeforeMs: number;
  /** Escalate to the bureau leader this long after the supervisor, if still open. */
  leaderAfterMs: number;
}

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

export interface Deadline {
  kind: DeadlineKind;
  /** The day counting starts from (working-day deadlines), so a calendar change can recount. */
  from: string | null;
  workingDays: number | null;
  dueAt: number;
  /** YYYY-MM-DD when computed on the calendar. */
  dueDate: string | null;
  provisional: boolean;
  status: 'OPEN' | 'MET' | 'OVERDUE';
}

export interface HistoryEntry {
  at: number;
  stage: Stage | `PLAN_${string}`;
  action: string;
  actor: string;
  detail?: string;
}

export interface ItemResultInput {
  itemId: number;
  result: 'COMPLIANT' | 'PROBLEM';
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
  escalations: { kind: DeadlineKind; level: 'REMINDER' | 'SUPERVISOR' | 'LEADER'; at: number }[];
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
  mode: 'SWAP' | 'EXPERT' | 'REPLACEMENT';
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
}
export interface DecideFollowUp extends Actor {
  decision: 'PENALTY' | 'TRANSFER_AGENCY' | 'TRANSFER_JUDICIAL' | 'NONE';
  reasons: string;
  publishedOn: string;
}

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
