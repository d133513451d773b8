// Who may be drawn (Art. 9, 10, 15, 16), with the reason for everyone who may not.

import type { EnterpriseColumns } from './frozen.ts';
import type { DrawRule } from './rule.ts';
import type { EnterpriseSnapshot, Exclusion, InspectorSnapshot } from './types.ts';

/** Art. 15: the cap does not bind 严重违法失信 / 经营异常 / penalized enterprises. */
export function capExemption(
  e: Pick<EnterpriseSnapshot, 'seriousViolation' | 'abnormalOperation' | 'penalized'>,
): string | null {
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

/** Operating state codes: only these two exclude an enterprise (Art. 10). */
export const STATE_OPERATING = 0;
export const STATE_CLOSED = 1;
export const STATE_SUSPENDED = 2;

export function stateCode(s: string): number {
  if (s === 'CLOSED') return STATE_CLOSED;
  if (s === 'SUSPENDED') return STATE_SUSPENDED;
  return STATE_OPERATING;
}

/**
 * The words a record gives each reason. ssj-draw/1 and /2 wrote English
 * phrases (and the cap with its count); ssj-draw/3 writes stable codes, which
 * pages and exports name in Chinese (src/draw/labels.ts).
 */
export interface ReasonWords {
  closed: string;
  suspended: string;
  cap: (count: number) => string;
}

export const SEED_REASONS: ReasonWords = {
  closed: 'closed (关闭注销)',
  suspended: 'suspended (停产停业)',
  cap: capReason,
};
export const V3_REASONS: ReasonWords = { closed: 'CLOSED', suspended: 'SUSPENDED', cap: () => 'ART15_CAP' };

/** The one rule behind both the object and the column form below, so they cannot disagree. */
function exclusionReason(state: number, count: number, exempt: boolean, cap: number, words: ReasonWords) {
  if (state === STATE_CLOSED) return words.closed;
  if (state === STATE_SUSPENDED) return words.suspended;
  if (count >= cap && !exempt) return words.cap(count);
  return null;
}

/** Why an in-scope enterprise may not be drawn (recorded in the draw), or null. */
export function enterpriseExclusion(e: EnterpriseSnapshot, cap: number, words = SEED_REASONS): string | null {
  const exempt = capExemption(e) !== null;
  return exclusionReason(stateCode(e.operatingState), e.randomInspectionsThisYear, exempt, cap, words);
}

/** 1 for each name the rule allows (null: all). */
function allowed(names: readonly string[], allow: readonly string[] | null): Uint8Array {
  const ok = new Uint8Array(names.length);
  names.forEach((n, c) => {
    ok[c] = !allow || allow.includes(n) ? 1 : 0;
  });
  return ok;
}

/**
 * The eligibility pass over a frozen roster's columns: row indices of the
 * in-scope enterprises that may be drawn (in id order), and the exclusions
 * grouped by reason in order of first appearance. Same result as
 * `partition(rows, enterpriseExclusion, inScope)`, without touching the rows.
 */
export function eligibleEnterprises(cols: EnterpriseColumns, rule: DrawRule, cap: number, words = SEED_REASONS) {
  const sectorOk = allowed(cols.sectorNames, rule.sectors === 'ALL' ? null : rule.sectors);
  const categoryOk = allowed(cols.categoryNames, rule.categories?.length ? rule.categories : null);
  const { sector, category, state, count, exempt, ids } = cols; // locals: this loop runs 100,000 times
  const eligible = new Int32Array(ids.length);
  let m = 0;
  const byReason = new Map<string, number[]>();
  let lastReason = '';
  let lastList: number[] = [];
  for (let k = 0; k < eligible.length; k++) {
    if (sectorOk[sector[k] as number] === 0 || categoryOk[category[k] as number] === 0) continue;
    const s = state[k] as number;
    const c = count[k] as number;
    // The common case, without a call: operating and under the cap (or exempt).
    if (s === STATE_OPERATING && (c < cap || exempt[k] === 1)) {
      eligible[m++] = k;
      continue;
    }
    const reason = exclusionReason(s, c, exempt[k] === 1, cap, words);
    if (reason === null) eligible[m++] = k;
    else if (reason === lastReason) lastList.push(ids[k] as number);
    else {
      lastReason = reason; // reasons are interned, and usually repeat
      lastList = byReason.get(reason) ?? [];
      byReason.set(reason, lastList);
      lastList.push(ids[k] as number);
    }
  }
  const excluded: Exclusion[] = [...byReason].map(([reason, list]) => ({ reason, ids: list }));
  return { eligible: eligible.subarray(0, m), excluded };
}

export function inspectorExclusion(i: InspectorSnapshot, drawDate: string): string | null {
  if (!i.active) return 'not on the active roster';
  if (i.certificateStatus !== 'VALID') return `certificate ${i.certificateStatus.toLowerCase()}`;
  if (i.certificateFrom > drawDate) return `certificate not valid until ${i.certificateFrom}`;
  if (i.certificateTo < drawDate) return `certificate expired ${i.certificateTo}`;
  if (i.onLeave) return 'on leave';
  return null;
}

/** ssj-draw/3: the same rule, as codes; an unavailable inspector's reason (leave, transfer) is not published. */
export function inspectorExclusionV3(i: InspectorSnapshot, drawDate: string): string | null {
  if (!i.active || i.onLeave) return 'UNAVAILABLE';
  if (i.certificateStatus !== 'VALID') return 'CERTIFICATE_NOT_VALID';
  if (i.certificateFrom > drawDate) return 'CERTIFICATE_NOT_YET_VALID';
  if (i.certificateTo < drawDate) return 'CERTIFICATE_EXPIRED';
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
