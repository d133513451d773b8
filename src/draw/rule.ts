// A plan's draw rule (Art. 12, 13, 15, 16): what to draw, how many, and the
// conditions on enterprises and inspectors. Stored as JSON on each PlanRound.
import type { Sector } from '../generated/sqlite/enums.ts';

export type RiskClass = 'A' | 'B' | 'C' | 'D';

export interface Quota {
  /** An inspector specialty, e.g. 'NON_COAL_MINE' (负责非煤矿山监管执法业务). */
  specialty: string;
  /** At least this many team members per enterprise must have it. */
  min: number;
}

export interface DrawRule {
  /** Directed (定向): listed sectors only; undirected (不定向): 'ALL'. */
  sectors: Sector[] | 'ALL';
  /** Optional finer category condition for directed draws, e.g. ['加油站']. */
  categories?: string[];
  /** How many enterprises: a fixed count, or a ratio of the eligible roster. */
  enterprises: { count: number } | { ratio: number };
  /**
   * Art. 10 frequency by risk: a ratio per credit-risk class (A low … D high)
   * replaces `enterprises` when present: each class is drawn separately.
   */
  riskRatios?: Partial<Record<RiskClass, number>>;
  /** Inspectors per enterprise (Art. 13: 非煤矿山 → 2). */
  teamSize: number;
  quotas: Quota[];
  /** Items drawn per inspection from the sector's items in force. */
  itemsPerInspection: number;
  /** 交叉检查: never send an inspector to a township he is responsible for. */
  crossTownship: boolean;
}

/**
 * The rule with exactly its known fields, in a fixed shape: what a frozen
 * snapshot holds and its digest hashes (a stray field from an old form or a
 * hostile client never reaches the published inputs).
 */
export function normalizeRule(r: DrawRule): DrawRule {
  const enterprises = 'count' in r.enterprises ? { count: r.enterprises.count } : { ratio: r.enterprises.ratio };
  const out: DrawRule = {
    sectors: r.sectors === 'ALL' ? 'ALL' : [...r.sectors],
    enterprises,
    teamSize: r.teamSize,
    quotas: r.quotas.map((q) => ({ specialty: q.specialty, min: q.min })),
    itemsPerInspection: r.itemsPerInspection,
    crossTownship: r.crossTownship === true,
  };
  if (r.categories?.length) out.categories = [...r.categories];
  if (r.riskRatios) {
    const ratios: Partial<Record<RiskClass, number>> = {};
    for (const c of ['A', 'B', 'C', 'D'] as const) if (r.riskRatios[c] !== undefined) ratios[c] = r.riskRatios[c];
    out.riskRatios = ratios;
  }
  return out;
}
