// The four sectors of the enterprise roster (Art. 10) and the inspection
// origins of Art. 8, with their Chinese names for UI and documents.
import type { InspectionOrigin, Sector } from '../generated/sqlite/enums.ts';

export const SECTOR_NAMES: Record<Sector, string> = {
  NON_COAL_MINE: '非煤矿山',
  HAZARDOUS_CHEMICALS: '危险化学品',
  FIREWORKS: '烟花爆竹',
  GENERAL: '综合监管',
};

export const ORIGIN_NAMES: Record<InspectionOrigin, string> = {
  RANDOM: '双随机抽查',
  COMPLAINT: '投诉',
  REPORT: '举报',
  ASSIGNED: '上级交办',
  CAMPAIGN: '专项行动',
  TRANSFERRED: '其他部门移送',
};
