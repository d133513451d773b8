// What a draw record's codes mean, in the words of the rules: pages, exports
// and the CLI show these; the record keeps the codes (ssj-draw/3) or the
// English phrases of /1 and /2, shown as they are.
const REASONS: Record<string, string> = {
  CLOSED: '已关闭注销（第十条）',
  SUSPENDED: '停产停业（第十条）',
  ART15_CAP: '本年度随机抽查已达 4 次（第十五条）',
  NO_TEAM: '无法组成检查组（所需执法人员均须回避或负责该乡镇）',
  UNAVAILABLE: '不在岗（调离、停用或休假）',
  CERTIFICATE_NOT_VALID: '执法证暂扣或吊销（第九条）',
  CERTIFICATE_NOT_YET_VALID: '执法证尚未生效（第九条）',
  CERTIFICATE_EXPIRED: '执法证已过期（第九条）',
};

export const reasonLabel = (code: string) => REASONS[code] ?? code;

export const RECUSAL_MODE_NAMES: Record<string, string> = {
  REPLACEMENT: '不参加本次检查，系统随机替补',
  SWAP: '与其他检查组人员交换检查对象',
  EXPERT: '由专家替代',
};

export const STRATUM_NAMES: Record<string, string> = {
  ALL: '全部符合条件的企业',
  A: '风险等级 A 类',
  B: '风险等级 B 类',
  C: '风险等级 C 类',
  D: '风险等级 D 类',
};

export const RECORD_KIND_NAMES: Record<string, string> = {
  INITIAL: '抽取结果',
  RECUSAL: '回避后的结果',
  COMMITMENT: '种子承诺在抽取前公布',
  TIMELINE: '抽取会各步骤的先后与时间',
  EXPORT: '导出文件',
};

/** A session step from the timeline, in words. */
export const SESSION_STEP_NAMES: Record<string, string> = {
  'draw.session': '设定抽取会（参与人与公开随机源）',
  'draw.commitment': '提交承诺值',
  'draw.freeze': '冻结名录并公布校验值',
  'draw.reveal': '揭示密钥',
  'draw.revealsClosed': '揭示结束',
  'draw.beaconEntered': '录入公开随机数',
  'draw.record': '抽取',
  'draw.failed': '本次抽取会未成',
};
