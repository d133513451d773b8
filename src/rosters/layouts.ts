// The roster layouts staff already use (Chinese headers), and how each row
// becomes a record — or a list of errors naming the row, the column and the fix.
import { creditCodeError } from '../domain/creditCode.ts';
import { CERTIFICATE_STATUS, OPERATING_STATE } from '../domain/glossary.ts';
import { SECTOR_NAMES } from '../domain/sectors.ts';
import type { Sector } from '../generated/sqlite/enums.ts';

export interface RowError {
  row: number; // as numbered in the file, header = 1
  column: string;
  message: string;
}

export interface Layout<T> {
  name: string;
  headers: string[];
  /** The column that identifies a row (duplicates are refused). */
  keyColumn: string;
  key: (t: T) => string;
  parse: (cells: Record<string, string>, err: (column: string, message: string) => void, ctx: ParseContext) => T;
  toRow: (t: T, ctx: ParseContext) => string[];
}

export interface ParseContext {
  units: { id: number; code: string; name: string }[];
  today: string;
}

const SECTOR_BY_NAME = new Map<string, Sector>(Object.entries(SECTOR_NAMES).map(([k, v]) => [v, k as Sector]));
const YES = new Map([
  ['是', true],
  ['否', false],
  ['', false],
]);
const byName = <S extends Record<string, string>>(set: S) =>
  new Map(Object.entries(set).map(([code, name]) => [name, code as keyof S & string]));
const STATES = byName(OPERATING_STATE);
/** Older exports wrote 暂停 and 注销 for 暂扣 and 吊销: read both, write the glossary's. */
const CERT = new Map([...byName(CERTIFICATE_STATUS), ['暂停', 'SUSPENDED'] as const, ['注销', 'REVOKED'] as const]);

function yesNo(v: string, column: string, err: (c: string, m: string) => void) {
  const b = YES.get(v);
  if (b === undefined) err(column, `“${v}”应填“是”或“否”（空白按“否”）`);
  return b ?? false;
}

function date(v: string, column: string, err: (c: string, m: string) => void): Date {
  const d = new Date(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
    err(column, `“${v}”不是有效日期：请按“年-月-日”填写，如 2027-03-01`);
  return d;
}

export interface EnterpriseRow {
  creditCode: string;
  name: string;
  sector: Sector;
  category: string | null;
  township: string;
  address: string;
  operatingState: 'OPERATING' | 'SUSPENDED' | 'CLOSED';
  riskClass: string;
  seriousViolation: boolean;
  abnormalOperation: boolean;
  penalized: boolean;
  contactName: string | null;
  contactPhone: string | null;
}

export const ENTERPRISES: Layout<EnterpriseRow> = {
  name: '检查企业名录库',
  headers: [
    '统一社会信用代码',
    '企业名称',
    '行业领域',
    '类别',
    '乡镇街道',
    '地址',
    '经营状态',
    '风险等级',
    '严重违法失信',
    '经营异常',
    '受过行政处罚',
    '联系人',
    '联系电话',
  ],
  keyColumn: '统一社会信用代码',
  key: (e) => e.creditCode,
  parse(c, err) {
    const codeProblem = creditCodeError(c.统一社会信用代码 ?? '');
    if (codeProblem) err('统一社会信用代码', codeProblem);
    const sector = SECTOR_BY_NAME.get(c.行业领域 ?? '');
    if (!sector) err('行业领域', `“${c.行业领域}”不是行业领域：请填 ${[...SECTOR_BY_NAME.keys()].join('、')} 之一`);
    const state = STATES.get(c.经营状态 || OPERATING_STATE.OPERATING);
    if (!state) err('经营状态', `“${c.经营状态}”不是经营状态：请填 正常、停产停业 或 关闭注销`);
    const risk = c.风险等级 || 'B';
    if (!/^[ABCD]$/.test(risk)) err('风险等级', `“${risk}”不是风险等级：请填 A、B、C 或 D`);
    for (const k of ['企业名称', '乡镇街道', '地址']) if (!c[k]) err(k, '必填，请补上');
    return {
      creditCode: c.统一社会信用代码 ?? '',
      name: c.企业名称 ?? '',
      sector: sector ?? 'GENERAL',
      category: c.类别 || null,
      township: c.乡镇街道 ?? '',
      address: c.地址 ?? '',
      operatingState: state ?? 'OPERATING',
      riskClass: risk,
      seriousViolation: yesNo(c.严重违法失信 ?? '', '严重违法失信', err),
      abnormalOperation: yesNo(c.经营异常 ?? '', '经营异常', err),
      penalized: yesNo(c.受过行政处罚 ?? '', '受过行政处罚', err),
      contactName: c.联系人 || null,
      contactPhone: c.联系电话 || null,
    };
  },
  toRow: (e) => [
    e.creditCode,
    e.name,
    SECTOR_NAMES[e.sector],
    e.category ?? '',
    e.township,
    e.address,
    OPERATING_STATE[e.operatingState],
    e.riskClass,
    e.seriousViolation ? '是' : '否',
    e.abnormalOperation ? '是' : '否',
    e.penalized ? '是' : '否',
    e.contactName ?? '',
    e.contactPhone ?? '',
  ],
};

export interface InspectorRow {
  name: string;
  certificateNo: string;
  certificateFrom: Date;
  certificateTo: Date;
  certificateStatus: 'VALID' | 'SUSPENDED' | 'REVOKED';
  unitId: number;
  specialties: string[];
  townships: string[];
  email: string | null;
  phone: string | null;
}

export const INSPECTORS: Layout<InspectorRow> = {
  name: '执法检查人员名录库',
  headers: ['姓名', '执法证号', '发证日期', '有效期至', '证件状态', '所属单位', '专业领域', '负责乡镇', '邮箱', '电话'],
  keyColumn: '执法证号',
  key: (i) => i.certificateNo,
  parse(c, err, ctx) {
    if (!c.姓名) err('姓名', '必填，请补上');
    if (!/^[\p{L}\d-]{4,30}$/u.test(c.执法证号 ?? ''))
      err('执法证号', `“${c.执法证号}”不像行政执法证号：应为 4–30 位字母、数字或短横线`);
    const from = date(c.发证日期 ?? '', '发证日期', err);
    const to = date(c.有效期至 ?? '', '有效期至', err);
    if (to < from) err('有效期至', '早于发证日期：请核对两个日期');
    const status = CERT.get(c.证件状态 || CERTIFICATE_STATUS.VALID);
    if (!status) err('证件状态', `“${c.证件状态}”不是证件状态：请填 有效、暂扣 或 吊销`);
    if (status === 'VALID' && c.有效期至 && c.有效期至 < ctx.today)
      err('有效期至', `证件已于 ${c.有效期至} 过期：请换证后更新有效期，或把证件状态改为“吊销”（第九条）`);
    const unit = ctx.units.find((u) => u.name === c.所属单位 || u.code === c.所属单位);
    if (!unit) err('所属单位', `“${c.所属单位}”不是本局的单位：请填 ${ctx.units.map((u) => u.name).join('、')} 之一`);
    const specialties = (c.专业领域 ?? '')
      .split(/[,，、]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const sectors = specialties.map((s) => SECTOR_BY_NAME.get(s));
    if (sectors.some((s) => !s))
      err(
        '专业领域',
        `“${c.专业领域}”中有不是行业领域的：请从 ${[...SECTOR_BY_NAME.keys()].join('、')} 中选，用“、”隔开`,
      );
    if (c.邮箱 && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.邮箱)) err('邮箱', `“${c.邮箱}”不是电子邮箱地址`);
    return {
      name: c.姓名 ?? '',
      certificateNo: c.执法证号 ?? '',
      certificateFrom: from,
      certificateTo: to,
      certificateStatus: status ?? 'VALID',
      unitId: unit?.id ?? 0,
      specialties: sectors.filter((s): s is Sector => Boolean(s)),
      townships: (c.负责乡镇 ?? '')
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean),
      email: c.邮箱 || null,
      phone: c.电话 || null,
    };
  },
  toRow: (i, ctx) => [
    i.name,
    i.certificateNo,
    i.certificateFrom.toISOString().slice(0, 10),
    i.certificateTo.toISOString().slice(0, 10),
    CERTIFICATE_STATUS[i.certificateStatus],
    ctx.units.find((u) => u.id === i.unitId)?.name ?? '',
    i.specialties.map((s) => SECTOR_NAMES[s as Sector] ?? s).join('、'),
    i.townships.join('、'),
    i.email ?? '',
    i.phone ?? '',
  ],
};

export interface ItemRow {
  code: string;
  sector: Sector;
  name: string;
  content: string;
  legalBasis: string;
  effectiveFrom: Date;
  unitId: number;
}

/** 随机抽查事项清单 (Art. 7): one row per item; a changed row becomes a new version for 法规股 to review. */
export const ITEMS: Layout<ItemRow> = {
  name: '随机抽查事项清单',
  headers: ['编号', '领域', '事项名称', '检查内容', '依据', '施行日期', '主办单位'],
  keyColumn: '编号',
  key: (i) => i.code,
  parse(c, err, ctx) {
    if (!/^[A-Z]{3}-\d{2,4}$/.test(c.编号 ?? ''))
      err('编号', `“${c.编号}”不是事项编号：应为三个大写字母、短横线和 2–4 位数字，如 NON-01`);
    const sector = SECTOR_BY_NAME.get(c.领域 ?? '');
    if (!sector) err('领域', `“${c.领域}”不是行业领域：请填 ${[...SECTOR_BY_NAME.keys()].join('、')} 之一`);
    for (const k of ['事项名称', '检查内容', '依据']) if (!c[k]) err(k, '必填，请补上');
    if (c.依据 && !/《.+》/.test(c.依据))
      err('依据', '请写明法律法规的名称和条款，如《中华人民共和国安全生产法》第四十一条');
    const from = date(c.施行日期 ?? '', '施行日期', err);
    const unit = ctx.units.find((u) => u.name === c.主办单位 || u.code === c.主办单位);
    if (!unit) err('主办单位', `“${c.主办单位}”不是本局的单位：请填 ${ctx.units.map((u) => u.name).join('、')} 之一`);
    return {
      code: c.编号 ?? '',
      sector: sector ?? 'GENERAL',
      name: c.事项名称 ?? '',
      content: c.检查内容 ?? '',
      legalBasis: c.依据 ?? '',
      effectiveFrom: from,
      unitId: unit?.id ?? 0,
    };
  },
  toRow: (i, ctx) => [
    i.code,
    SECTOR_NAMES[i.sector],
    i.name,
    i.content,
    i.legalBasis,
    i.effectiveFrom.toISOString().slice(0, 10),
    ctx.units.find((u) => u.id === i.unitId)?.name ?? '',
  ],
};
