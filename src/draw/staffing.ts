// ssj-draw/3: an in-scope enterprise no team could be formed for — every
// specialist it needs conflicted there or responsible for its township — is
// excluded with the published reason NO_TEAM, never drawn and then failed.
// (In ssj-draw/1–2 such a draw failed and was drawn again, so whoever could
// make an enterprise unstaffable kept it out of every draw, unseen.)
//
// A team exists exactly when, among the pool inspectors who may stand there,
// at least teamSize are left and each quota has at least `min` holders: a
// member may count for several quotas, and the quotas never ask for more
// than teamSize in all (validateRule). Counted per township, then corrected
// for the few enterprises with conflicts, so a 100,000-enterprise roster
// costs a pass over the townships, not over every pair.
import type { ConflictIndex } from './assign.ts';
import type { DrawRule } from './rule.ts';
import type { EnterpriseSnapshot, InspectorSnapshot } from './types.ts';

export const NO_TEAM = 'NO_TEAM';

interface Counts {
  total: number;
  perQuota: number[];
}

function count(fitting: readonly InspectorSnapshot[], rule: DrawRule): Counts {
  return {
    total: fitting.length,
    perQuota: rule.quotas.map((q) => fitting.filter((i) => i.specialties.includes(q.specialty)).length),
  };
}

/** Ids of the given enterprises (in their order) for which no team can be formed. */
export function unstaffable(
  enterprises: readonly EnterpriseSnapshot[],
  pool: readonly InspectorSnapshot[],
  rule: DrawRule,
  conflicts: ConflictIndex,
): number[] {
  const byTownship = new Map<string, { fitting: InspectorSnapshot[]; counts: Counts }>();
  const forTownship = (t: string) => {
    let entry = byTownship.get(t);
    if (!entry) {
      const fitting = rule.crossTownship ? pool.filter((i) => !i.townships.includes(t)) : [...pool];
      entry = { fitting, counts: count(fitting, rule) };
      byTownship.set(t, entry);
    }
    return entry;
  };
  const out: number[] = [];
  for (const e of enterprises) {
    const { fitting, counts } = forTownship(e.township);
    const declared = conflicts.get(e.id);
    const left = declared?.size
      ? count(
          fitting.filter((i) => !declared.has(i.id)),
          rule,
        )
      : counts;
    const short = left.total < rule.teamSize || rule.quotas.some((q, k) => (left.perQuota[k] as number) < q.min);
    if (short) out.push(e.id);
  }
  return out;
}
