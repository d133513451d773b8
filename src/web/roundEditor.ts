// The plan editor's form for one draw round (Art. 12, 13, 16), and its
// parsing back into a rule the draw engine accepts.
import { SECTOR_NAMES } from '../domain/sectors.ts';
import { validateRule } from '../draw/draw.ts';
import type { DrawRule, RiskClass } from '../draw/rule.ts';
import type { Sector } from '../generated/sqlite/enums.ts';
import { esc } from './html.ts';

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
) {
  const rule = r.rule;
  const sectors = rule.sectors === 'ALL' ? [] : rule.sectors;
  const quota = rule.quotas[0];
  const input = (name: string, label: string, value: unknown, type = 'text') =>
    `<label>${esc(label)} <input type="${type}" name="${name}" value="${esc(value)}"></label>`;
  return `<form method="post" action="${esc(action)}"><h3>第 ${r.roundNo} 轮</h3><input type="hidden" name="_csrf" value="${esc(csrf)}">
    ${input('drawDate', '抽取日期', day(r.drawDate), 'date')}${input('windowStart', '检查开始', day(r.windowStart), 'date')}${input('windowEnd', '检查结束', day(r.windowEnd), 'date')}
    <fieldset><legend>定向领域（不选为不定向，第十六条）</legend>${Object.entries(SECTOR_NAMES)
      .map(
        ([k, v]) =>
          `<label><input type="checkbox" name="sector_${k}" value="1" ${sectors.includes(k as Sector) ? 'checked' : ''}> ${esc(v)}</label>`,
      )
      .join('')}</fieldset>
    ${input('ratio', '抽取比例（0–1；按风险等级填写时可留空）', 'ratio' in rule.enterprises ? rule.enterprises.ratio : '')}
    ${CLASSES.map((c) => input(`risk_${c}`, `${c} 类企业比例`, rule.riskRatios?.[c] ?? '')).join('')}
    ${input('teamSize', '每组检查人员', rule.teamSize, 'number')}
    <label>专业要求 <select name="quotaSpecialty"><option value="">无</option>${Object.entries(SECTOR_NAMES)
      .map(([k, v]) => `<option value="${k}" ${quota?.specialty === k ? 'selected' : ''}>${esc(v)}</option>`)
      .join('')}</select></label>${input('quotaMin', '其中至少（人）', quota?.min ?? 1, 'number')}
    ${input('itemsPerInspection', '每户抽取检查事项', rule.itemsPerInspection, 'number')}
    <label><input type="checkbox" name="crossTownship" value="1" ${rule.crossTownship ? 'checked' : ''}> 交叉检查（不检查本人负责的乡镇）</label>
    <button>保存本轮</button></form>`;
}

/** Form → round; throws an Error naming the field on bad input. */
export function parseRound(b: Record<string, string | undefined>): RoundFields {
  const dates = ['drawDate', 'windowStart', 'windowEnd'].map((k) => {
    const v = b[k] ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`${k}: "${v}" must be a date`);
    return v;
  }) as [string, string, string];
  const [drawDate, windowStart, windowEnd] = dates;
  if (windowStart < drawDate) throw new Error('windowStart: inspections start after the draw');
  if (windowEnd < windowStart) throw new Error('windowEnd: is before windowStart');
  const num = (k: string) => (b[k] === undefined || b[k] === '' ? undefined : Number(b[k]));
  const sectors = Object.keys(SECTOR_NAMES).filter((k) => b[`sector_${k}`]) as Sector[];
  const riskRatios = Object.fromEntries(
    CLASSES.flatMap((c) => (num(`risk_${c}`) === undefined ? [] : [[c, num(`risk_${c}`) as number]])),
  );
  const ratio = num('ratio');
  if (ratio === undefined && !Object.keys(riskRatios).length)
    throw new Error('ratio: give a ratio, or ratios by risk class');
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
