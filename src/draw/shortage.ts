// Why a draw cannot meet its rule, in words the 法规股 can act on: which
// enterprise, what it needs, how many qualify, and who is kept out and why.
// A shortage fails the whole draw (nothing is half-drawn); it is never part
// of a record, so its wording may change without touching any digest.
import { SECTOR_NAMES } from '../domain/sectors.ts';
import { type ConflictIndex, pairConflict, type TeamContext } from './assign.ts';
import type { Quota } from './rule.ts';
import type { EnterpriseSnapshot, InspectorSnapshot } from './types.ts';

export const specialtyName = (s: string) => SECTOR_NAMES[s as keyof typeof SECTOR_NAMES] ?? s;

/** An enterprise whose team cannot be filled: a quota (when given) or the team size. */
export function teamShortage(
  e: EnterpriseSnapshot,
  pool: readonly InspectorSnapshot[],
  ctx: TeamContext,
  conflicts: ConflictIndex,
  q?: Quota,
): string {
  const qualified = q ? pool.filter((i) => i.specialties.includes(q.specialty)) : pool;
  const blocked = qualified
    .map((i) => ({ i, why: pairConflict(i, e, ctx.crossTownship, conflicts) }))
    .filter((b) => b.why !== null);
  const eligible = qualified.length - blocked.length;
  const why = blocked.length ? `（${blocked.map((b) => `${b.i.name} ${b.why}`).join('；')}）` : '';
  const need = q ? `${q.min} 名${specialtyName(q.specialty)}专业执法人员` : `${ctx.teamSize} 名执法人员`;
  return `${e.name}：检查组需要 ${need}，可派 ${eligible} 名${why}；请调整名录、回避记录或抽取规则后重新抽取`;
}

/** A stratum with fewer eligible enterprises than it must draw. */
export function stratumShortage(stratum: string, k: number, eligible: number, capped: number): string {
  const where = stratum === 'ALL' ? '' : `风险等级 ${stratum} 类：`;
  const cap = capped ? `（另有 ${capped} 家本年度随机抽查已达上限，第十五条）` : '';
  return `${where}需抽取 ${k} 家企业，符合条件的只有 ${eligible} 家${cap}；请降低抽取数量或比例`;
}

/** A sector without enough inspection items in force on the draw date. */
export function itemShortage(sector: string, perInspection: number, date: string, found: number): string {
  return `${specialtyName(sector)}：每家企业需抽取 ${perInspection} 项检查事项，${date} 有效的只有 ${found} 项；请先发布事项清单或减少事项数`;
}
