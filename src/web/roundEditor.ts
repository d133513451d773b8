// The plan editor's form for one draw round (Art. 12, 13, 16), and its
// parsing back into a rule the draw engine accepts.
import { SECTOR_NAMES } from '../domain/sectors.ts';
import { validateRule } from '../draw/draw.ts';
import type { DrawRule, RiskClass } from '../draw/rule.ts';
import type { Sector } from '../generated/sqlite/enums.ts';
import { checkbox, form, optional, Type, text } from './schemas.ts';
import { type Html, html } from './view.ts';

export interface RoundFields {
  drawDate: string;
  windowStart: string;
  windowEnd: string;
  rule: DrawRule;
}

const CLASSES: RiskClass[] = ['A', 'B', 'C', 'D'];
const day = (d: Date) => d.toISOString().slice(0, 10);

export function roundForm(
  action: string,
  csrf: string,
  r: { roundNo: number; drawDate: Date; windowStart: Date; windowEnd: Date; rule: DrawRule },
): Html {
  const rule = r.rule;
  const sectors = rule.sectors === 'ALL' ? [] : rule.sectors;
  const quota = rule.quotas[0];
  const input = (name: string, label: string, value: string | number, type = 'text') =>
    html`<label>${label} <input type="${type}" name="${name}" value="${value}"></label>`;
  return html`<form method="post" action="${action}"><h3>第 ${r.roundNo} 轮</h3><input type="hidden" name="_csrf" value="${csrf}">
    ${input('drawDate', '抽取日期', day(r.drawDate), 'date')}${input('windowStart', '检查开始', day(r.windowStart), 'date')}${input('windowEnd', '检查结束', day(r.windowEnd), 'date')}
    <fieldset><legend>定向领域（不选为不定向，第十六条）</legend>${Object.entries(SECTOR_NAMES).map(
      ([k, v]) =>
        html`<label><input type="checkbox" name="sector_${k}" value="1" ${sectors.includes(k as Sector) ? html`checked` : null}> ${v}</label>`,
    )}</fieldset>
    ${input('ratio', '抽取比例（0–1；按风险等级填写时可留空）', 'ratio' in rule.enterprises ? rule.enterprises.ratio : '')}
    ${CLASSES.map((c) => input(`risk_${c}`, `${c} 类企业比例`, rule.riskRatios?.[c] ?? ''))}
    ${input('teamSize', '每组检查人员', rule.teamSize, 'number')}
    <label>专业要求 <select name="quotaSpecialty"><option value="">无</option>${Object.entries(SECTOR_NAMES).map(
      ([k, v]) => html`<option value="${k}" ${quota?.specialty === k ? html`selected` : null}>${v}</option>`,
    )}</select></label>${input('quotaMin', '其中至少（人）', quota?.min ?? 1, 'number')}
    ${input('itemsPerInspection', '每户抽取检查事项', rule.itemsPerInspection, 'number')}
    <label><input type="checkbox" name="crossTownship" value="1" ${rule.crossTownship ? html`checked` : null}> 交叉检查（不检查本人负责的乡镇）</label>
    <button>保存本轮</button></form>`;
}

/** What the round's form sends: its fields, and a ticked box per sector (`sector_NON_COAL_MINE`, read by name). */
const number = (title: string) => optional(text(title, 40));
export const roundBody = Type.Object(
  form({
    drawDate: optional(text('抽取日期', 40)),
    windowStart: optional(text('检查开始', 40)),
    windowEnd: optional(text('检查结束', 40)),
    ratio: number('抽取比例'),
    risk_A: number('A 类企业比例'),
    risk_B: number('B 类企业比例'),
    risk_C: number('C 类企业比例'),
    risk_D: number('D 类企业比例'),
    teamSize: number('每组检查人员'),
    quotaSpecialty: optional(text('专业要求', 100)),
    quotaMin: number('其中至少（人）'),
    itemsPerInspection: number('每户抽取检查事项'),
    crossTownship: checkbox('交叉检查'),
  }).properties,
  { additionalProperties: Type.String({ title: '定向领域', maxLength: 8 }), maxProperties: 100 },
);

/** The round form's fields by the words on the form, for its messages. */
const LABELS: Record<string, string> = {
  drawDate: '抽取日期',
  windowStart: '检查开始',
  windowEnd: '检查结束',
  ratio: '抽取比例',
  teamSize: '每组检查人员',
  quotaMin: '其中至少（人）',
  itemsPerInspection: '每户抽取检查事项',
  ...Object.fromEntries(CLASSES.map((c) => [`risk_${c}`, `${c} 类企业比例`])),
};

/** Form → round; throws an Error naming the field (in the form's words) on bad input. */
export function parseRound(b: Record<string, string | undefined>): RoundFields {
  const dates = ['drawDate', 'windowStart', 'windowEnd'].map((k) => {
    const v = b[k] ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`${LABELS[k]}：请选择日期（如 2027-03-01）`);
    return v;
  }) as [string, string, string];
  const [drawDate, windowStart, windowEnd] = dates;
  if (windowStart < drawDate) throw new Error('检查开始：应在抽取日期当天或之后');
  if (windowEnd < windowStart) throw new Error('检查结束：应在检查开始当天或之后');
  const num = (k: string) => {
    const v = b[k]?.trim();
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${LABELS[k] ?? k}：“${v}”不是数字`);
    return n;
  };
  const sectors = Object.keys(SECTOR_NAMES).filter((k) => b[`sector_${k}`]) as Sector[];
  const riskRatios = Object.fromEntries(
    CLASSES.flatMap((c) => (num(`risk_${c}`) === undefined ? [] : [[c, num(`risk_${c}`) as number]])),
  );
  const ratio = num('ratio');
  if (ratio === undefined && !Object.keys(riskRatios).length)
    throw new Error('抽取比例：请填写比例，或按风险等级填写各类企业的比例');
  const rule: DrawRule = {
    sectors: sectors.length ? sectors : 'ALL',
    enterprises: { ratio: ratio ?? 0 },
    ...(Object.keys(riskRatios).length ? { riskRatios } : {}),
    teamSize: num('teamSize') ?? 2,
    quotas: b.quotaSpecialty ? [{ specialty: b.quotaSpecialty, min: num('quotaMin') ?? 1 }] : [],
    itemsPerInspection: num('itemsPerInspection') ?? 0,
    crossTownship: b.crossTownship === '1',
  };
  validateRule(rule); // the engine's own checks, with the field named
  return { drawDate, windowStart, windowEnd, rule };
}
