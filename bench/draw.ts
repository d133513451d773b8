// bench/draw: one certified draw against a plain partial Fisher–Yates sample
// of the same size (same generator), for growing rosters. Prints a table.
//   npm run bench:draw
// v3       = an ssj-draw/3 draw: the entropy checked (commitments opened),
//            the key, eligibility (Art. 9, 10, 15), stratified sampling,
//            balanced team assignment (least loaded among those who fit, for
//            every slot) with conflicts and the cross-township rule, items,
//            and the record — from a frozen snapshot whose digest is known.
// v2       = the same with the seed protocol's dealing deck (ssj-draw/2).
// digest   = SHA-256 of the canonical snapshot, computed once when the
//            roster is frozen (before the seed is revealed).
// baseline = partial Fisher–Yates: the same number of enterprises from the
//            roster, the same number of inspector slots from the inspector
//            roster (reshuffled when used up), the same number of items.
import { performance } from 'node:perf_hooks';
import { frozenDigest, inputDigest } from '../src/draw/digest.ts';
import { runDraw } from '../src/draw/draw.ts';
import { freeze } from '../src/draw/frozen.ts';
import { DrawRandom, sampleByCopy as sample } from '../src/draw/random.ts';
import type { DrawInputs, EnterpriseSnapshot, InspectorSnapshot } from '../src/draw/types.ts';
import { drawV3 } from '../src/draw/v3.ts';
import { baseRule, enterprise, inspector, items, reveal, SECTORS, TOWNS } from '../test/support/drawFixtures.ts';
import { frozenOf, testEntropy } from '../test/support/drawV3.ts';

const gc = (globalThis as { gc?: () => void }).gc;

function roster(nE: number, nI: number): DrawInputs {
  const enterprises: EnterpriseSnapshot[] = Array.from({ length: nE }, (_, i) =>
    enterprise(i + 1, {
      sector: SECTORS[i % 4] as string,
      riskClass: 'ABCD'[i % 4] as string,
      randomInspectionsThisYear: i % 7 === 0 ? 4 : i % 3,
      penalized: i % 50 === 0,
    }),
  );
  const inspectors: InspectorSnapshot[] = Array.from({ length: nI }, (_, i) =>
    inspector(i + 1, { specialties: [SECTORS[i % 4] as string], townships: [TOWNS[i % TOWNS.length] as string] }),
  );
  return {
    drawId: 'bench',
    drawDate: '2027-03-10',
    rule: baseRule({
      sectors: 'ALL',
      enterprises: { count: Math.max(10, Math.round(nE / 100)) },
      teamSize: 2,
      quotas: [],
      itemsPerInspection: 4,
      crossTownship: true,
    }),
    enterprises,
    inspectors,
    experts: [],
    items: items(10),
    conflicts: [],
  };
}

function baseline(inp: DrawInputs, k: number) {
  const rnd = new DrawRandom('k', 'baseline');
  const drawn = sample(inp.enterprises, k, rnd);
  const slots = k * inp.rule.teamSize;
  const dealt: InspectorSnapshot[] = [];
  while (dealt.length < slots)
    dealt.push(...sample(inp.inspectors, Math.min(inp.inspectors.length, slots - dealt.length), rnd));
  const items = drawn.map(() => sample(inp.items, inp.rule.itemsPerInspection, rnd));
  return { drawn, dealt, items };
}

/**
 * Time: median of `runs` back-to-back calls after a warm-up (no forced GC, as
 * a worker would run them). Heap: separate calls, each after a forced GC,
 * reporting the largest heapUsed growth.
 */
function measure(fn: () => unknown, runs: number) {
  fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    if (!fn()) throw new Error('no result');
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  let peak = 0;
  for (let r = 0; gc && r < 3; r++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    fn();
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  return { median: times[Math.floor(times.length / 2)] as number, heapMiB: peak / 1024 / 1024 };
}

const rows: string[][] = [];
for (const nE of [1_000, 10_000, 100_000]) {
  for (const nI of [200, 2_000]) {
    const inp = roster(nE, nI);
    const k = (inp.rule.enterprises as { count: number }).count;
    const runs = nE >= 100_000 ? 21 : 41;
    const f = frozenOf(inp);
    const digest = measure(() => frozenDigest(f), runs);
    const fDigest = frozenDigest(f);
    const entropy = testEntropy(inp.drawId, `b${nE}`);
    const v3 = measure(() => drawV3(f, entropy, fDigest), runs);
    const frozen = freeze(inp);
    inputDigest(inp);
    const v2 = measure(() => runDraw(inp, reveal(`b${nE}`), frozen), runs);
    const base = measure(() => baseline(inp, k), runs);
    rows.push([
      nE.toLocaleString('en'),
      nI.toLocaleString('en'),
      String(k),
      v3.median.toFixed(2),
      v2.median.toFixed(2),
      base.median.toFixed(2),
      (v3.median / base.median).toFixed(1),
      digest.median.toFixed(1),
      v3.heapMiB.toFixed(1),
    ]);
  }
}
const head = [
  'enterprises',
  'inspectors',
  'drawn',
  'v3 ms',
  'v2 ms',
  'Fisher–Yates ms',
  'v3 ratio',
  'digest ms',
  'v3 heap MiB',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padStart(widths[i] as number)).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(
  `time: medians of 21–41 back-to-back runs after a warm-up; heap: largest heapUsed growth of one call after a forced GC; node ${process.version}${gc ? '' : ' (run with --expose-gc for heap figures)'}`,
);
