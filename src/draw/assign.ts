// Random assignment of inspectors to drawn enterprises (Art. 13), meeting
// every quota, avoiding conflicts, spreading load evenly.
//
// For each enterprise in draw order, slots are filled quota first, then
// open slots. Each slot takes, among the candidates allowed there, one of
// those with the fewest assignments so far in this draw, chosen uniformly
// by the draw's generator (stream "team:<enterpriseId>"). So no inspector
// gets two more than another unless the quotas or conflicts force it, and
// without constraints every inspector is equally likely to be drawn.
import { DrawRandom } from './random.ts';
import type { Quota } from './rule.ts';
import { teamShortage } from './shortage.ts';
import type { Conflict, EnterpriseSnapshot, InspectorSnapshot } from './types.ts';

export interface TeamContext {
  teamSize: number;
  quotas: Quota[];
  crossTownship: boolean;
}

/** enterpriseId → inspectorIds that must not inspect it. */
export type ConflictIndex = Map<number, Set<number>>;

export function conflictIndex(conflicts: Conflict[]): ConflictIndex {
  const index: ConflictIndex = new Map();
  for (const c of conflicts) {
    const set = index.get(c.enterpriseId) ?? new Set<number>();
    set.add(c.inspectorId);
    index.set(c.enterpriseId, set);
  }
  return index;
}

/** Why this inspector may not inspect this enterprise, or null. */
export function pairConflict(
  i: InspectorSnapshot,
  e: EnterpriseSnapshot,
  crossTownship: boolean,
  conflicts: ConflictIndex,
): string | null {
  if (conflicts.get(e.id)?.has(i.id)) return '与该企业有利害关系（回避）';
  if (crossTownship && i.townships.includes(e.township)) return `负责${e.township}（交叉检查）`;
  return null;
}

/** One of the least-loaded candidates (in id order), uniformly. */
export function pickLeastLoaded(
  candidates: readonly InspectorSnapshot[],
  load: Map<number, number>,
  rnd: DrawRandom,
  accept: (i: InspectorSnapshot) => boolean = () => true,
): InspectorSnapshot | undefined {
  // Two passes and no allocation: this is the draw's hot loop.
  let min = Number.POSITIVE_INFINITY;
  let count = 0;
  for (const c of candidates) {
    if (!accept(c)) continue;
    const l = load.get(c.id) ?? 0;
    if (l < min) {
      min = l;
      count = 1;
    } else if (l === min) count++;
  }
  if (count === 0) return undefined;
  let r = rnd.below(count);
  for (const c of candidates) {
    if (accept(c) && (load.get(c.id) ?? 0) === min && r-- === 0) return c;
  }
  return undefined;
}

/**
 * The dealing deck (docs/draw.md, "Assignment"). The eligible inspectors,
 * in id order, are shuffled into a deck (Fisher–Yates, stream "deck:<round>").
 * Each slot takes the first card in the deck that may fill it. When none
 * may, the slot takes, uniformly (stream "forced:<enterpriseId>"), one of the
 * inspectors already dealt this round who may — the only way anyone gets two
 * more than another. An empty deck starts the next round with a new shuffle.
 * Dealing in rounds keeps loads within one of each other, and a shuffled deck
 * makes every inspector equally likely to be dealt: O(1) per slot instead of
 * scanning the whole roster for every enterprise.
 */
export class Deck {
  /** Fisher–Yates, done lazily: order[0..revealed) is the shuffled prefix. */
  private order: Int32Array;
  private revealed = 0;
  /** Revealed but not yet dealt, in deck order. */
  private skipped: number[] = [];
  private rnd!: DrawRandom;
  private round = 0;
  private dealt: Uint8Array;

  constructor(
    private readonly pool: readonly InspectorSnapshot[],
    private readonly key: string,
  ) {
    this.order = new Int32Array(pool.length);
    this.dealt = new Uint8Array(pool.length);
    this.newRound();
  }

  private newRound() {
    for (let k = 0; k < this.order.length; k++) this.order[k] = k;
    this.revealed = 0;
    this.skipped = [];
    this.dealt.fill(0);
    this.rnd = new DrawRandom(this.key, `deck:${this.round++}`);
  }

  /** The next card of the shuffle: step `revealed` of Fisher–Yates. */
  private reveal(): number {
    const i = this.revealed++;
    const j = i + this.rnd.below(this.order.length - i);
    const card = this.order[j] as number;
    this.order[j] = this.order[i] as number;
    this.order[i] = card;
    return card;
  }

  private take(k: number): number {
    this.dealt[k] = 1;
    return k;
  }

  /** Deal one inspector (pool index) who fits, or -1 if nobody in the roster fits. */
  deal(fits: (k: number) => boolean, enterpriseId: number): number {
    if (this.revealed === this.order.length && this.skipped.length === 0) this.newRound();
    const s = this.skipped.findIndex(fits);
    if (s >= 0) return this.take(this.skipped.splice(s, 1)[0] as number);
    while (this.revealed < this.order.length) {
      const k = this.reveal();
      if (fits(k)) return this.take(k);
      this.skipped.push(k);
    }
    const forced: number[] = [];
    for (let k = 0; k < this.pool.length; k++) if (this.dealt[k] && fits(k)) forced.push(k);
    if (!forced.length) return -1;
    return forced[new DrawRandom(this.key, `forced:${enterpriseId}`).below(forced.length)] as number;
  }
}

/**
 * Fills teams from the deck, one enterprise after another. One per draw: the
 * filter the deck asks about every card is a single closure over mutable
 * fields, not new closures per enterprise — this is the draw's hot loop.
 */
export class TeamBuilder {
  private enterprise!: EnterpriseSnapshot;
  private declared: Set<number> | undefined;
  private team: number[] = [];
  /** The quota slot's specialty, or null for an open slot. */
  private specialty: string | null = null;

  constructor(
    private readonly pool: readonly InspectorSnapshot[],
    private readonly ctx: TeamContext,
    private readonly conflicts: ConflictIndex,
    private readonly deck: Deck,
  ) {}

  /** May pool[k] fill the current slot: not on the team, no conflict, the quota's specialty. */
  private readonly fits = (k: number): boolean => {
    if (this.team.includes(k)) return false;
    const i = this.pool[k] as InspectorSnapshot;
    if (this.specialty !== null && !i.specialties.includes(this.specialty)) return false;
    if (this.declared?.has(i.id)) return false;
    return !(this.ctx.crossTownship && i.townships.includes(this.enterprise.township));
  };

  /** The enterprise's team, or the shortage that makes it impossible. */
  build(e: EnterpriseSnapshot): { team: InspectorSnapshot[] } | { shortage: string } {
    const { pool, ctx, conflicts } = this;
    this.enterprise = e;
    this.declared = conflicts.get(e.id);
    this.team = [];
    for (const q of ctx.quotas) {
      let have = 0;
      for (const k of this.team) if ((pool[k] as InspectorSnapshot).specialties.includes(q.specialty)) have++;
      this.specialty = q.specialty;
      for (; have < q.min; have++) {
        const k = this.deck.deal(this.fits, e.id);
        if (k < 0) return { shortage: teamShortage(e, pool, ctx, conflicts, q) };
        this.team.push(k);
      }
    }
    this.specialty = null;
    while (this.team.length < ctx.teamSize) {
      const k = this.deck.deal(this.fits, e.id);
      if (k < 0) return { shortage: teamShortage(e, pool, ctx, conflicts) };
      this.team.push(k);
    }
    return { team: this.team.map((k) => pool[k] as InspectorSnapshot) };
  }
}
