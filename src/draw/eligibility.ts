// Who may be drawn (Art. 9, 10, 15, 16), with the reason for everyone who may not.
import type { DrawRule } from './rule.ts';
import type { EnterpriseSnapshot, Exclusion, InspectorSnapshot } from './types.ts';

/** Art. 15: the cap does not bind 严重违法失信 / 经营异常 / penalized enterprises. */
export function capExemption(e: EnterpriseSnapshot): string | null {
  if (e.seriousViolation) return '严重违法失信名单';
  if (e.abnormalOperation) return '经营异常';
  if (e.penalized) return '已受行政处罚';
  return null;
}

/** Art. 16: a directed draw considers only its sectors and categories; an undirected one, everyone. */
export function inScope(e: EnterpriseSnapshot, rule: DrawRule): boolean {
  if (rule.sectors !== 'ALL' && !rule.sectors.includes(e.sector as never)) return false;
  return !rule.categories?.length || rule.categories.includes(e.category ?? '');
}

const CAP_REASONS = new Map<number, string>();
/** One string per count, not one per enterprise. */
function capReason(n: number): string {
  const known = CAP_REASONS.get(n);
  if (known) return known;
  const r = `Art. 15 cap: ${n} random inspections this year`;
  CAP_REASONS.set(n, r);
  return r;
}

/** Why an in-scope enterprise may not be drawn (recorded in the draw), or null. */
export function enterpriseExclusion(e: EnterpriseSnapshot, cap: number): string | null {
  if (e.operatingState === 'CLOSED') return 'closed (关闭注销)';
  if (e.operatingState === 'SUSPENDED') return 'suspended (停产停业)';
  if (e.randomInspectionsThisYear >= cap && !capExemption(e)) return capReason(e.randomInspectionsThisYear);
  return null;
}

export function inspectorExclusion(i: InspectorSnapshot, drawDate: string): string | null {
  if (!i.active) return 'not on the active roster';
  if (i.certificateStatus !== 'VALID') return `certificate ${i.certificateStatus.toLowerCase()}`;
  if (i.certificateFrom > drawDate) return `certificate not valid until ${i.certificateFrom}`;
  if (i.certificateTo < drawDate) return `certificate expired ${i.certificateTo}`;
  if (i.onLeave) return 'on leave';
  return null;
}

/** Split candidates into eligible and excluded-with-reason; items failing `consider` are skipped silently. */
export function partition<T extends { id: number }>(
  xs: readonly T[],
  why: (x: T) => string | null,
  consider: (x: T) => boolean = () => true,
) {
  const eligible: T[] = [];
  const byReason = new Map<string, number[]>();
  for (const x of xs) {
    if (!consider(x)) continue;
    const reason = why(x);
    if (!reason) eligible.push(x);
    else {
      const ids = byReason.get(reason);
      if (ids) ids.push(x.id);
      else byReason.set(reason, [x.id]);
    }
  }
  const excluded: Exclusion[] = [...byReason].map(([reason, ids]) => ({ reason, ids }));
  return { eligible, excluded };
}
