// ssj-draw/3's assignment of inspectors to drawn enterprises (Art. 13): for
// each enterprise in draw order, quota slots first, then open slots; each
// slot takes one of the inspectors who may fill it and have the fewest
// assignments so far in this draw, chosen uniformly with the next numbers of
// one stream, "assign". Inspectors who are interchangeable are treated alike,
// so their loads are equal in expectation whatever the quotas and 交叉检查
// force, and no pick reuses another's numbers (ssj-draw/1 and /2 dealt from a
// deck and restarted a stream per forced pick; see docs/draw.md, "Versions").
import type { ConflictIndex, TeamContext } from './assign.ts';
import { DrawRandom } from './random.ts';
import { teamShortage } from './shortage.ts';
import type { EnterpriseSnapshot, InspectorSnapshot } from './types.ts';

export class BalancedTeams {
  private readonly load: Int32Array;
  private readonly rnd: DrawRandom;
  private enterprise!: EnterpriseSnapshot;
  private declared: Set<number> | undefined;
  private team: number[] = [];
  private specialty: string | null = null;

  constructor(
    private readonly pool: readonly InspectorSnapshot[],
    private readonly ctx: TeamContext,
    private readonly conflicts: ConflictIndex,
    key: string,
  ) {
    this.load = new Int32Array(pool.length);
    this.rnd = new DrawRandom(key, 'assign');
  }

  /** May pool[k] fill the current slot: not on the team, the quota's specialty, no conflict, not his township. */
  private fits(k: number): boolean {
    if (this.team.includes(k)) return false;
    const i = this.pool[k] as InspectorSnapshot;
    if (this.specialty !== null && !i.specialties.includes(this.specialty)) return false;
    if (this.declared?.has(i.id)) return false;
    return !(this.ctx.crossTownship && i.townships.includes(this.enterprise.township));
  }

  /** One fitting inspector of least load, uniformly (pool order = id order), or -1. */
  private pick(): number {
    let min = Number.POSITIVE_INFINITY;
    let count = 0;
    for (let k = 0; k < this.pool.length; k++) {
      if (!this.fits(k)) continue;
      const l = this.load[k] as number;
      if (l < min) {
        min = l;
        count = 1;
      } else if (l === min) count++;
    }
    if (count === 0) return -1;
    let r = this.rnd.below(count);
    for (let k = 0; k < this.pool.length; k++) if (this.load[k] === min && this.fits(k) && r-- === 0) return k;
    return -1;
  }

  private take(): boolean {
    const k = this.pick();
    if (k < 0) return false;
    this.team.push(k);
    this.load[k] = (this.load[k] as number) + 1;
    return true;
  }

  build(e: EnterpriseSnapshot): { team: InspectorSnapshot[] } | { shortage: string } {
    const { pool, ctx } = this;
    this.enterprise = e;
    this.declared = this.conflicts.get(e.id);
    this.team = [];
    for (const q of ctx.quotas) {
      this.specialty = q.specialty;
      let have = this.team.filter((k) => (pool[k] as InspectorSnapshot).specialties.includes(q.specialty)).length;
      for (; have < q.min; have++) if (!this.take()) return { shortage: teamShortage(e, pool, ctx, this.conflicts, q) };
    }
    this.specialty = null;
    while (this.team.length < ctx.teamSize)
      if (!this.take()) return { shortage: teamShortage(e, pool, ctx, this.conflicts) };
    return { team: this.team.map((k) => pool[k] as InspectorSnapshot) };
  }
}
