// A frozen roster: what is computed once, when the snapshot is frozen and
// before the seed is revealed — its digest, and the enterprise fields the
// eligibility pass reads, laid out as columns. A draw then scans small typed
// arrays instead of 100,000 objects scattered over the heap (docs/draw.md,
// "Performance"). The columns are derived from the snapshot alone, so the
// record and its verification are unchanged: verify() freezes again.

import { inputDigest } from './digest.ts';
import { capExemption, stateCode } from './eligibility.ts';
import { byId } from './order.ts';
import type { DrawInputs, EnterpriseSnapshot } from './types.ts';

export interface EnterpriseColumns {
  /** The enterprises in id order; column n describes rows[n]. */
  rows: readonly EnterpriseSnapshot[];
  ids: Float64Array;
  sectorNames: string[];
  sector: Uint16Array;
  /** Category codes; '' (no category) is a name like any other. */
  categoryNames: string[];
  category: Uint16Array;
  riskNames: string[];
  risk: Uint16Array;
  state: Uint8Array;
  /** Random inspections already this year (Art. 15). */
  count: Int32Array;
  /** 1 when the Art. 15 cap does not bind (严重违法失信 / 经营异常 / penalized). */
  exempt: Uint8Array;
}

export interface FrozenRoster {
  digest: string;
  enterprises: EnterpriseColumns;
}

class Codes {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  code(name: string): number {
    let c = this.index.get(name);
    if (c === undefined) {
      c = this.names.length;
      this.names.push(name);
      this.index.set(name, c);
    }
    return c;
  }
}

export function enterpriseColumns(enterprises: readonly EnterpriseSnapshot[]): EnterpriseColumns {
  const rows = byId(enterprises);
  const n = rows.length;
  const [sectors, categories, risks] = [new Codes(), new Codes(), new Codes()];
  const cols = {
    ids: new Float64Array(n),
    sector: new Uint16Array(n),
    category: new Uint16Array(n),
    risk: new Uint16Array(n),
    state: new Uint8Array(n),
    count: new Int32Array(n),
    exempt: new Uint8Array(n),
  };
  for (let k = 0; k < n; k++) {
    const e = rows[k] as EnterpriseSnapshot;
    cols.ids[k] = e.id;
    cols.sector[k] = sectors.code(e.sector);
    cols.category[k] = categories.code(e.category ?? '');
    cols.risk[k] = risks.code(e.riskClass);
    cols.state[k] = stateCode(e.operatingState);
    cols.count[k] = e.randomInspectionsThisYear;
    cols.exempt[k] = capExemption(e) ? 1 : 0;
  }
  return {
    rows,
    sectorNames: sectors.names,
    categoryNames: categories.names,
    riskNames: risks.names,
    ...cols,
  };
}

export function freeze(inputs: DrawInputs): FrozenRoster {
  return { digest: inputDigest(inputs), enterprises: enterpriseColumns(inputs.enterprises) };
}
