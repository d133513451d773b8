// The one glossary: every code the system keeps, with the Chinese name a
// person reads. Pages, exports, the CLI's human output, the public page and
// the validators' messages take their words from here and nowhere else; the
// type unions are derived from these tables. Pure data: the workflows import
// it too. test/unit/glossary.test.ts checks every code has a name.

export const SECTOR = {
  NON_COAL_MINE: '非煤矿山',
  HAZARDOUS_CHEMICALS: '危险化学品',
  FIREWORKS: '烟花爆竹',
  GENERAL: '综合监管',
} as const;

/** Also the words of the roster files (src/rosters/layouts.ts): an export reads as it imports. */
export const OPERATING_STATE = { OPERATING: '正常', SUSPENDED: '停产停业', CLOSED: '关闭注销' } as const;

/** Art. 9's words for a 行政执法证 (rosters before this glossary wrote 暂停 and 注销: still read on import). */
export const CERTIFICATE_STATUS = { VALID: '有效', SUSPENDED: '暂扣', REVOKED: '吊销' } as const;

/** Art. 8: only RANDOM counts as a 双随机 inspection. */
export const ORIGIN = {
  RANDOM: '双随机抽查',
  COMPLAINT: '投诉',
  REPORT: '举报',
  ASSIGNED: '上级交办',
  CAMPAIGN: '专项行动',
  TRANSFERRED: '其他部门移送',
} as const;

export const STAGE = {
  RECUSAL: '回避确认',
  FILING: '登记备案',
  SCHEME: '检查方案',
  INSPECTION: '实施检查',
  FEEDBACK: '满意度反馈卡',
  PUBLICATION: '结果公示',
  FOLLOW_UP: '后续处置',
  DONE: '已办结',
} as const;

export const DEADLINE_KIND = {
  PLAN_APPROVAL: '年度检查计划审定（第十一条：每年底前确定下一年度计划）',
  RECUSAL: '回避确认',
  SCHEME: '检查方案与检查日期',
  INSPECTION: '实施检查',
  FEEDBACK_CARD: '满意度反馈卡报送',
  PUBLICATION: '结果录入与公示（七个工作日）',
  FOLLOW_UP: '违法行为后续处置',
} as const;

export const ESCALATION_LEVEL = { REMINDER: '提醒', SUPERVISOR: '上报股室负责人', LEADER: '上报局领导' } as const;

/** Art. 14, in its words: what becomes of a recused inspector's place. One wording everywhere (form, timeline, report). */
export const RECUSAL_MODE = {
  REPLACEMENT: '不参与本次检查，由系统另行选取替代人员',
  SWAP: '与其他执法检查人员交换被检查对象',
  EXPERT: '由专家替代',
} as const;

/** Art. 18. */
export const FOLLOW_UP_DECISION = {
  PENALTY: '行政处罚',
  TRANSFER_AGENCY: '移送其他行政机关',
  TRANSFER_JUDICIAL: '移送司法机关',
  NONE: '不予处罚',
} as const;

export const ITEM_RESULT = { COMPLIANT: '符合', PROBLEM: '发现问题', NOT_CHECKED: '未检查' } as const;

export const MEMBER_ROLE = { INSPECTOR: '执法人员', EXPERT: '专家' } as const;

export const REVIEW_STATE = {
  DRAFT: '草拟',
  SUBMITTED: '待法规股审核',
  APPROVED: '已审核',
  RETURNED: '已退回',
  PUBLISHED: '已公示',
  RETIRED: '已停用',
} as const;

export const PLAN_STATUS = {
  DRAFT: '草拟',
  SUBMITTED: '待法规股审核',
  RETURNED: '已退回',
  APPROVED: '已批准',
  RUNNING: '执行中',
  CLOSED: '已结束',
} as const;

export const ROLE = {
  STAFF: '经办人',
  LEGAL: '法规股',
  SUPERVISOR: '股室负责人',
  LEADER: '局领导',
  ADMIN: '管理员',
  OBSERVER: '见证人',
} as const;

export const CALENDAR_DAY_KIND = { WORKDAY: '调休上班', HOLIDAY: '法定节假日' } as const;

/** Beside a due date counted on a year whose official holiday schedule is not out yet (Mon–Fri until it is). */
export const PROVISIONAL_DUE = '（暂定：当年节假日安排尚未公布）';

export const EMAIL_PURPOSE = {
  FILING: '登记备案表',
  FEEDBACK_CARD: '满意度反馈卡扫描件',
  REMINDER: '到期提醒',
  ESCALATION: '逾期上报',
} as const;

export const EMAIL_STATUS = { PENDING: '待发送', SENT: '已发送', FAILED: '发送失败' } as const;

/** Who keeps each of the 登记备案表's three copies. */
export const FILING_COPY_HOLDER = {
  OPTIMISATION_OFFICE: '区优化办留存',
  UNIT: '检查单位留存',
  ENTERPRISE: '检查对象留存',
} as const;

/** The steps of an inspection's timeline (its history entries' kinds). */
export const TIMELINE_STEP = {
  opened: '开启检查',
  confirm: '确认无回避情形',
  recusal: '申请回避',
  recusalClosed: '回避确认完成',
  filing: '登记备案，发送区优化办',
  scheme: '提交检查方案',
  date: '确定检查日期',
  results: '录入检查结果',
  feedbackCard: '上传满意度反馈卡',
  publication: '结果公示',
  followUp: '后续处置',
  teamChanged: '检查组调整（同批抽取的回避）',
  calendarChanged: '节假日安排更新，重算期限',
  escalation: '提醒与上报',
} as const;

/** The human steps (Updates) of an inspection, as the refusal messages name them. */
export const STEP = {
  confirmNoConflict: '确认无利害关系',
  declareConflict: '申请回避',
  submitScheme: '提交检查方案',
  chooseDate: '确定检查日期',
  recordResults: '录入检查结果',
  uploadFeedbackCard: '上传满意度反馈卡',
  confirmPublication: '确认结果公示',
  decideFollowUp: '作出处置决定',
} as const;

/**
 * Publication categories of a result (Art. 17), as 国家企业信用信息公示系统 and the
 * provincial platform publish them. The bureau edits the list it uses (table
 * PublicationCategory); these seed it.
 */
/** A publication category's code, as the bureau's list keeps it (and the validator checks before history). */
export const CATEGORY_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

export const NATIONAL_PUBLICATION_CATEGORY = {
  NO_PROBLEM: '未发现问题',
  CORRECTED: '发现问题已责令改正',
  PENDING_FOLLOW_UP: '发现问题待后续处理',
  NOT_OPERATING: '未发现开展本次抽查涉及的经营活动',
  REFUSED: '不配合检查情节严重',
  UNREACHABLE: '通过登记的住所（经营场所）无法联系',
} as const;

/** Why an enterprise or an inspector was not a candidate of a draw (ssj-draw/3 records keep the code). */
export const DRAW_EXCLUSION = {
  CLOSED: '已关闭注销（第十条）',
  SUSPENDED: '停产停业（第十条）',
  ART15_CAP: '本年度随机抽查已达 4 次（第十五条）',
  NO_TEAM: '无法组成检查组（所需执法人员均须回避或负责该乡镇）',
  UNAVAILABLE: '不在岗（调离、停用或休假）',
  CERTIFICATE_NOT_VALID: '执法证暂扣或吊销（第九条）',
  CERTIFICATE_NOT_YET_VALID: '执法证尚未生效（第九条）',
  CERTIFICATE_EXPIRED: '执法证已过期（第九条）',
} as const;

export const STRATUM = {
  ALL: '全部符合条件的企业',
  A: '风险等级 A 类',
  B: '风险等级 B 类',
  C: '风险等级 C 类',
  D: '风险等级 D 类',
} as const;

export const DRAW_RECORD_KIND = {
  INITIAL: '抽取结果',
  RECUSAL: '回避后的结果',
  COMMITMENT: '种子承诺在抽取前公布',
  TIMELINE: '抽取会各步骤的先后与时间',
  EXPORT: '导出文件',
} as const;

export const DRAW_STAGE = {
  SETUP: '待设定抽取会',
  COMMITTING: '待提交承诺值',
  FREEZING: '正在冻结名录',
  REVEALING: '待揭示密钥',
  AWAITING_BEACON: '待录入公开随机数',
  DRAWING: '正在抽取',
  DRAWN: '已抽取',
} as const;

export const BEACON_KIND = {
  LOTTERY: '公开开奖（须写明开奖时间）',
  DICE: '现场掷骰（揭示结束后由见证人掷出）',
} as const;

/** A draw session's steps, as its timeline names them. */
export const DRAW_SESSION_STEP = {
  'draw.session': '设定抽取会（参与人与公开随机源）',
  'draw.commitment': '提交承诺值',
  'draw.freeze': '冻结名录并公布校验值',
  'draw.reveal': '揭示密钥',
  'draw.revealsClosed': '揭示结束',
  'draw.beaconEntered': '录入公开随机数',
  'draw.record': '抽取',
  'draw.failed': '本次抽取会未成',
} as const;

/** What an audit entry is about (AuditLog.subjectType). */
export const AUDIT_SUBJECT = {
  audit: '审计日志',
  calendarYear: '节假日安排',
  draw: '抽取',
  enterprise: '企业',
  inspection: '检查',
  inspector: '执法人员',
  itemVersion: '检查事项',
  plan: '年度检查计划',
  publicationCategory: '公示类别',
  roster: '名录库',
  user: '账号',
  workflow: '流程',
} as const;

/** Every code set, by name: the glossary test walks these. */
export const GLOSSARY = {
  SECTOR,
  OPERATING_STATE,
  CERTIFICATE_STATUS,
  ORIGIN,
  STAGE,
  DEADLINE_KIND,
  ESCALATION_LEVEL,
  RECUSAL_MODE,
  FOLLOW_UP_DECISION,
  ITEM_RESULT,
  MEMBER_ROLE,
  REVIEW_STATE,
  PLAN_STATUS,
  ROLE,
  CALENDAR_DAY_KIND,
  EMAIL_PURPOSE,
  EMAIL_STATUS,
  FILING_COPY_HOLDER,
  TIMELINE_STEP,
  STEP,
  NATIONAL_PUBLICATION_CATEGORY,
  DRAW_EXCLUSION,
  STRATUM,
  DRAW_RECORD_KIND,
  DRAW_STAGE,
  BEACON_KIND,
  DRAW_SESSION_STEP,
  AUDIT_SUBJECT,
} as const;

export type CodeSet = Readonly<Record<string, string>>;
export type CodeOf<S extends CodeSet> = keyof S & string;

export type Sector = CodeOf<typeof SECTOR>;
export type Origin = CodeOf<typeof ORIGIN>;
export type Stage = CodeOf<typeof STAGE>;
export type DeadlineKind = CodeOf<typeof DEADLINE_KIND>;
export type EscalationLevel = CodeOf<typeof ESCALATION_LEVEL>;
export type RecusalMode = CodeOf<typeof RECUSAL_MODE>;
export type FollowUpDecision = CodeOf<typeof FOLLOW_UP_DECISION>;
export type ItemResult = CodeOf<typeof ITEM_RESULT>;
export type StepName = CodeOf<typeof STEP>;
export type TimelineStep = CodeOf<typeof TIMELINE_STEP>;

/** The codes of a set, in the glossary's order (for form options and validators). */
export const codesOf = <S extends CodeSet>(set: S) => Object.keys(set) as CodeOf<S>[];

export const isCode = <S extends CodeSet>(set: S, value: unknown): value is CodeOf<S> =>
  typeof value === 'string' && Object.hasOwn(set, value);

/**
 * A code's name. A code the set does not know (an old record's, a hand-edited
 * row's) shows as 未知（CODE）: visible as unknown, never passed off as a word.
 */
export function nameOf<S extends CodeSet>(set: S, code: string | null | undefined): string {
  if (code == null || code === '') return '—';
  return isCode(set, code) ? (set[code] as string) : `未知（${code}）`;
}
