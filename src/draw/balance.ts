// ssj-draw/3's assignment of inspectors to drawn enterprises (Art. 13): for
// each enterprise in draw order, quota slots first, then open slots; each
// slot takes one of the inspectors who may fill it and have the fewest
// assignments so far in this draw, chosen uniformly with the next numbers of
// one stream, "assign". Inspectors who are interchangeable are treated alike,
// so their loads are equal in expectation whatever the quotas and 交叉检查
// force, and no pick reuses another's numbers (ssj-draw/1 and /2 dealt from a
// deck and restarted a stream per forced pick; see docs/draw.md, "Versions").
//
// This is the draw's hot loop (every slot looks at every inspector), so what
// a slot asks of an inspector is precomputed as small integer arrays: his
// townships and specialties as codes. The choice is the same as asking the
// objects (docs/draw.md, section 6.4).
import type { ConflictIndex, TeamContext } from './assign.ts';
import { DrawRandom } from './random.ts';
import { teamShortage } from './shortage.ts';
import type { EnterpriseSnapshot, InspectorSnapshot } from './types.ts';

class Codes {
  private readonly index = new Map<string, number>();
  code(name: string): number {
    let c = this.index.get(name);
    if (c === undefined) {
      c = this.index.size;
      this.index.set(name, c);
    }
    return c;
  }
  find(name: string): number {
    return this.index.get(name) ?? -1;
  }
}

export class BalancedTeams {
  private readonly load: Int32Array;
  private readonly rnd: DrawRandom;
  private readonly towns = new Codes();
  private readonly skills = new Codes();
  /** Per inspector (pool index): township codes, specialty codes. */
  private readonly townsOf: Int32Array[];
  private readonly skillsOf: Int32Array[];
  /** Candidates of the current slot with the least load, in id order (reused). */
  private readonly buffer: Int32Array;
  private team: number[] = [];

  constructor(
    private readonly pool: readonly InspectorSnapshot[],
    private readonly ctx: TeamContext,
    private readonly conflicts: ConflictIndex,
    key: string,
  ) {
    this.load = new Int32Array(pool.length);
    this.buffer = new Int32Array(pool.length);
    this.rnd = new DrawRandom(key, 'assign');
    this.townsOf = pool.map((i) => Int32Array.from(i.townships, (t) => this.towns.code(t)));
    this.skillsOf = pool.map((i) => Int32Array.from(i.specialties, (s) => this.skills.code(s)));
  }

  /** One fitting inspector of least load, uniformly (in id order), or -1: one pass over the pool. */
  private pick(e: EnterpriseSnapshot, skill: number | null): number {
    const town = this.ctx.crossTownship ? this.towns.find(e.township) : -1;
    const declared = this.conflicts.get(e.id);
    const { load, buffer, team, pool } = this;
    let min = Number.POSITIVE_INFINITY;
    let count = 0;
    for (let k = 0; k < pool.length; k++) {
      const l = load[k] as number;
      if (l > min) continue;
      if (skill !== null && (skill < 0 || !(this.skillsOf[k] as Int32Array).includes(skill))) continue;
      if (town >= 0 && (this.townsOf[k] as Int32Array).includes(town)) continue;
      if (team.includes(k) || declared?.has((pool[k] as InspectorSnapshot).id)) continue;
      if (l < min) {
        min = l;
        count = 0;
      }
      buffer[count++] = k;
    }
    return count === 0 ? -1 : (buffer[this.rnd.below(count)] as number);
  }

  private take(e: EnterpriseSnapshot, skill: number | null): boolean {
    const k = this.pick(e, skill);
    if (k < 0) return false;
    this.team.push(k);
    this.load[k] = (this.load[k] as number) + 1;
    return true;
  }

  build(e: EnterpriseSnapshot): { team: InspectorSnapshot[] } | { shortage: string } {
    const { pool, ctx } = this;
    this.team = [];
    for (const q of ctx.quotas) {
      const skill = this.skills.find(q.specialty);
      let have = this.team.filter((k) => (pool[k] as InspectorSnapshot).specialties.includes(q.specialty)).length;
      for (; have < q.min; have++)
        if (!this.take(e, skill)) return { shortage: teamShortage(e, pool, ctx, this.conflicts, q) };
    }
    while (this.team.length < ctx.teamSize)
      if (!this.take(e, null)) return { shortage: teamShortage(e, pool, ctx, this.conflicts) };
    return { team: this.team.map((k) => pool[k] as InspectorSnapshot) };
  }
}
