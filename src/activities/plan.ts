// Annual plans (Art. 11–12): status changes, and the coverage / load
// preview 法规股 sees before approving (coverage without over-inspection).
import { enterpriseExclusion, inScope } from '../draw/eligibility.ts';
import type { DrawRule, RiskClass } from '../draw/rule.ts';
import type { EnterpriseSnapshot } from '../draw/types.ts';
import { changeWithAudit } from './audit.ts';
import type { ActivityDeps } from './deps.ts';

export type PlanStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED' | 'RUNNING' | 'CLOSED';

export interface PlanRoundData {
  id: number;
  roundNo: number;
  drawDate: string;
  windowStart: string;
  windowEnd: string;
  rule: DrawRule;
}

export interface PlanData {
  id: number;
  unitId: number;
  unitCode: string;
  year: number;
  title: string;
  status: PlanStatus;
  rounds: PlanRoundData[];
}

export interface PlanPreview {
  /** Enterprises any round can draw. */
  inScope: number;
  rounds: { roundNo: number; eligible: number; expectedDrawn: number }[];
  /** Share of in-scope enterprises expected to be inspected at least once this year. */
  coverage: number;
  /** Expected random inspections per enterprise: the largest, and how many exceed the Art. 15 cap of 4. */
  maxExpectedLoad: number;
  overCap: number;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Each enterprise's chance of being drawn in one round, by the draw's own stratum rules. */
export function roundProbabilities(rule: DrawRule, enterprises: EnterpriseSnapshot[]): Map<number, number> {
  // The cap is ignored here: the preview shows what the plan asks for.
  const eligible = enterprises.filter((e) => inScope(e, rule) && !enterpriseExclusion(e, Number.POSITIVE_INFINITY));
  const p = new Map<number, number>();
  const groups: [RiskClass | 'ALL', EnterpriseSnapshot[], number][] = rule.riskRatios
    ? (Object.entries(rule.riskRatios) as [RiskClass, number][]).map(([c, ratio]) => {
        const members = eligible.filter((e) => e.riskClass === c);
        return [c, members, Math.round(ratio * members.length)];
      })
    : [
        [
          'ALL',
          eligible,
          'count' in rule.enterprises ? rule.enterprises.count : Math.round(rule.enterprises.ratio * eligible.length),
        ],
      ];
  for (const [, members, k] of groups) for (const e of members) p.set(e.id, Math.min(1, k / members.length));
  return p;
}

export function planActivities(deps: ActivityDeps) {
  const { db, now } = deps;

  async function loadPlan(planId: number): Promise<PlanData> {
    const p = await db.annualPlan.findUniqueOrThrow({
      where: { id: planId },
      include: { unit: true, rounds: { orderBy: { roundNo: 'asc' } } },
    });
    return {
      id: p.id,
      unitId: p.unitId,
      unitCode: p.unit.code,
      year: p.year,
      title: p.title,
      status: p.status,
      rounds: p.rounds.map((r) => ({
        id: r.id,
        roundNo: r.roundNo,
        drawDate: ymd(r.drawDate),
        windowStart: ymd(r.windowStart),
        windowEnd: ymd(r.windowEnd),
        rule: r.rule as unknown as DrawRule,
      })),
    };
  }

  async function setPlanStatus(a: {
    planId: number;
    status: PlanStatus;
    actor: string;
    stepKey: string;
    reason?: string;
  }) {
    const entry = {
      key: `plan:${a.planId}:${a.stepKey}`,
      actor: a.actor,
      action: `plan.${a.status.toLowerCase()}`,
      subjectType: 'plan',
      subjectId: String(a.planId),
      details: { reason: a.reason },
    };
    await changeWithAudit(
      db,
      entry,
      (tx) =>
        tx.annualPlan.update({
          where: { id: a.planId },
          data: {
            status: a.status,
            returnReason: a.status === 'RETURNED' ? (a.reason ?? null) : undefined,
            approvedBy: a.status === 'APPROVED' ? a.actor : undefined,
            approvedAt: a.status === 'APPROVED' ? now() : undefined,
          },
        }),
      { now },
    );
  }

  async function planPreview(planId: number): Promise<PlanPreview> {
    const plan = await loadPlan(planId);
    const enterprises = (await db.enterprise.findMany()).map((e) => ({ ...e, randomInspectionsThisYear: 0 }));
    const perRound = plan.rounds.map((r) => roundProbabilities(r.rule, enterprises));
    const scope = new Set(perRound.flatMap((m) => [...m.keys()]));
    let covered = 0;
    let maxLoad = 0;
    let overCap = 0;
    for (const id of scope) {
      const ps = perRound.map((m) => m.get(id) ?? 0);
      covered += 1 - ps.reduce((acc, p) => acc * (1 - p), 1);
      const load = ps.reduce((a, b) => a + b, 0);
      maxLoad = Math.max(maxLoad, load);
      if (load > 4) overCap++;
    }
    return {
      inScope: scope.size,
      rounds: plan.rounds.map((r, k) => {
        const m = perRound[k] as Map<number, number>;
        return {
          roundNo: r.roundNo,
          eligible: m.size,
          expectedDrawn: Math.round([...m.values()].reduce((a, b) => a + b, 0)),
        };
      }),
      coverage: scope.size ? covered / scope.size : 0,
      maxExpectedLoad: maxLoad,
      overCap,
    };
  }

  return { loadPlan, setPlanStatus, planPreview };
}
