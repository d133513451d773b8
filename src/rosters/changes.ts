// A roster change in words: "风险等级：B → C", "严重违法失信：是 → 否". Used by
// the import's result, and by the change history of an enterprise or an
// inspector, whether the change came from an import or from the edit form.

import { CERTIFICATE_STATUS, OPERATING_STATE } from '../domain/glossary.ts';
import { SECTOR_NAMES } from '../domain/sectors.ts';
import type { Sector } from '../generated/sqlite/enums.ts';
import type { FieldChange } from './write.ts';

const FIELD_LABELS: Record<string, string> = {
  creditCode: '统一社会信用代码',
  name: '名称',
  sector: '行业领域',
  category: '类别',
  township: '乡镇街道',
  address: '地址',
  operatingState: '经营状态',
  riskClass: '风险等级',
  seriousViolation: '严重违法失信',
  abnormalOperation: '经营异常',
  penalized: '受过行政处罚',
  contactName: '联系人',
  contactPhone: '联系电话',
  certificateNo: '执法证号',
  certificateFrom: '发证日期',
  certificateTo: '有效期至',
  certificateStatus: '证件状态',
  unitId: '所属单位',
  specialties: '专业领域',
  townships: '负责乡镇',
  email: '邮箱',
  phone: '电话',
  onLeave: '休假/借调',
  active: '在册',
};

const VALUE_WORDS: Record<string, Record<string, string>> = {
  operatingState: OPERATING_STATE,
  certificateStatus: CERTIFICATE_STATUS,
  sector: SECTOR_NAMES as Record<string, string>,
};

export type UnitNames = ReadonlyMap<number, string>;

function word(field: string, v: unknown, units: UnitNames): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (field === 'unitId') return units.get(Number(v)) ?? `单位 ${String(v)}`;
  if (field === 'specialties' && Array.isArray(v)) return v.map((s) => SECTOR_NAMES[s as Sector] ?? s).join('、');
  if (Array.isArray(v)) return v.join('、');
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return v.slice(0, 10);
  return VALUE_WORDS[field]?.[String(v)] ?? String(v);
}

export function describeChange(field: string, from: unknown, to: unknown, units: UnitNames): string {
  return `${FIELD_LABELS[field] ?? field}：${word(field, from, units)} → ${word(field, to, units)}`;
}

/** An import's changes to one row, or an edit's (`{field: {from, to}}`), joined for one table cell. */
export function describeChanges(
  changes: FieldChange[] | Record<string, { from: unknown; to: unknown }>,
  units: UnitNames,
): string {
  const list = Array.isArray(changes)
    ? changes.map((c) => describeChange(c.field, c.from, c.to, units))
    : Object.entries(changes).map(([f, c]) => describeChange(f, c.from, c.to, units));
  return list.join('；');
}

/** What an import did, in a sentence a clerk reads (the page and the CLI). */
export function importSummary(r: import('./write.ts').ImportReport, done = true): string {
  return `${done ? '已导入' : '将导入'} ${r.rows} 行：新增 ${r.created} 行，更新 ${r.updated} 行（${r.changeCount} 处变更），${r.unchanged} 行${done ? '未变' : '不变'}`;
}

/** The warning when an import puts enterprises back under the Art. 15 cap; empty when it does not. */
export function clearedExemptionsWarning(r: import('./write.ts').ImportReport): string {
  if (!r.clearedExemptions.length) return '';
  const who = r.clearedExemptions
    .slice(0, 20)
    .map((c) => `${c.name}（${c.fields.map((f) => FIELD_LABELS[f]).join('、')}）`)
    .join('、');
  const more = r.clearedExemptions.length > 20 ? `等 ${r.clearedExemptions.length} 家` : '';
  return `注意：本次导入把 ${who}${more}的标记由“是”改为“否”，这些企业重新受第十五条每年抽查次数上限约束。如是误用了旧文件，请立即重新导入正确的名录。`;
}

/** The same warning before the import is applied: it has not happened yet, and need not. */
export function clearedExemptionsPreviewWarning(r: import('./write.ts').ImportReport): string {
  const w = clearedExemptionsWarning(r);
  return w
    ? w
        .replace('本次导入把', '确认导入将把')
        .replace('如是误用了旧文件，请立即重新导入正确的名录。', '如是误用了旧文件，请不要确认，改用正确的名录。')
    : '';
}
