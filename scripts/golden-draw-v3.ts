// Writes test/golden/draw-export-v3.json: an ssj-draw/3 draw and three
// recusals (one of each mode) on a fixed snapshot with fixed secrets. Run once
// when the format is made; after that the file is evidence that the code (and
// the independent verifier) still recompute it bit for bit.
//   npx tsx scripts/golden-draw-v3.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { canonicalBeacon, commitmentOf } from '../src/draw/entropy.ts';
import { type DrawExport, EXPORT_FORMAT } from '../src/draw/export.ts';
import { resolveRecusalV3 } from '../src/draw/recusal.ts';
import type { DrawInputs, FrozenInputs, RecusalRecordV3 } from '../src/draw/types.ts';
import { drawV3 } from '../src/draw/v3.ts';

const v1 = JSON.parse(readFileSync('test/golden/draw-export-v1.json', 'utf8')) as { inputs: DrawInputs };
const drawId = 'KAT-2027-03';
const f: FrozenInputs = {
  version: 'ssj-draw/3',
  drawId,
  drawDate: v1.inputs.drawDate,
  // Strata by risk class, ratios whose products round both ways (floor(x + 0.5)).
  rule: { ...v1.inputs.rule, enterprises: { ratio: 0 }, riskRatios: { A: 0.25, C: 0.5, D: 0.3 } },
  annualCap: 4,
  // Every exclusion reason once: closed, suspended, at the cap; and the cap's exemptions.
  enterprises: v1.inputs.enterprises.map((e) =>
    e.id === 3
      ? { ...e, operatingState: 'CLOSED' }
      : e.id === 8
        ? { ...e, operatingState: 'SUSPENDED' }
        : e.id === 13
          ? { ...e, randomInspectionsThisYear: 5, abnormalOperation: true }
          : e,
  ),
  inspectors: v1.inputs.inspectors.map(({ active, onLeave, ...i }) => ({
    ...i,
    certificateStatus: i.id === 12 ? 'SUSPENDED' : i.certificateStatus,
    certificateTo: i.id === 10 ? '2027-03-01' : i.certificateTo,
    // Code-point order, not UTF-16 order: U+FF71 sorts before U+20BB7 here, after it in UTF-16.
    townships: i.id === 5 ? ['𠮷田镇', 'ｱ村', ...i.townships] : i.townships,
    available: i.id === 6 ? false : active && !onLeave,
  })),
  experts: v1.inputs.experts,
  items: v1.inputs.items,
  conflicts: v1.inputs.conflicts.map(({ inspectorId, enterpriseId }) => ({ inspectorId, enterpriseId })),
};
const secrets: Record<string, string | null> = {
  fagui: '3f9a0c1e5b7d2486aa01bc3de4f56789',
  jijian: null, // committed, then withheld: recorded, never replaced
  'yhb.observer': '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
};
const committed: Record<string, string> = {
  fagui: '3f9a0c1e5b7d2486aa01bc3de4f56789',
  jijian: 'ffeeddccbbaa99887766554433221100',
  'yhb.observer': '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
};
const names: Record<string, string> = { fagui: '法规股 李明', jijian: '纪检组 周敏', 'yhb.observer': '区优化办 陈静' };
const value = '03 11 17 22 28 31 + 09';
const format = {
  kind: 'LOTTERY' as const,
  source: '中国福利彩票双色球第2027035期开奖号码',
  availableAt: '2027-03-30T13:15:00.000Z',
  count: 7,
  max: 33,
};
const participants = Object.keys(secrets).map((p) => ({
  participant: p,
  name: names[p] as string,
  commitment: commitmentOf(drawId, 1, p, committed[p] as string),
  secret: secrets[p] as string | null,
}));
const canonical = canonicalBeacon(value, format) as string;
const root = drawV3(f, { session: 1, participants, beacon: { ...format, value, canonical } });

// The session as the bureau's audit log would have filed it (docs/draw.md, section 10).
const at = (t: string) => `2027-03-${t}.000Z`;
const step = (time: string, action: string, actor: string, details: Record<string, unknown>) => ({
  at: at(time),
  action,
  actor,
  details: { session: 1, ...details },
});
const timeline = [
  step('28T01:00:00', 'draw.session', '法规股 李明', {
    participants: participants.map(({ participant, name }) => ({ participant, name })),
    beacon: format,
  }),
  ...participants.map((p, k) =>
    step(`28T01:1${k}:00`, 'draw.commitment', p.participant, { participant: p.participant, commitment: p.commitment }),
  ),
  step('28T02:00:00', 'draw.freeze', '法规股 李明', {
    inputDigest: root.inputDigest,
    participants: participants.map(({ participant, commitment }) => ({ participant, commitment })),
  }),
  ...participants
    .filter((p) => p.secret !== null)
    .map((p, k) =>
      step(`29T0${k}:00:00`, 'draw.reveal', p.participant, { participant: p.participant, secret: p.secret }),
    ),
  step('30T13:14:00', 'draw.revealsClosed', 'system', { withheld: ['jijian'] }),
  step('30T13:40:00', 'draw.beaconEntered', 'fagui', { participant: 'fagui', value, canonical }),
  step('30T13:41:00', 'draw.beaconEntered', 'yhb.observer', { participant: 'yhb.observer', value, canonical }),
  step('30T13:41:01', 'draw.record', 'yhb.observer', {
    inputDigest: root.inputDigest,
    beacon: value,
    drawn: root.outputs.assignments.length,
  }),
];
const a = root.outputs.assignments;
const records: DrawExport['records'] = [root];
let base: typeof root | RecusalRecordV3 = root;
const requests = [
  {
    enterpriseId: a[0]?.enterpriseId,
    inspectorId: a[0]?.inspectorIds[0],
    mode: 'REPLACEMENT',
    withId: null,
    locked: [],
  },
  {
    enterpriseId: a[1]?.enterpriseId,
    inspectorId: a[1]?.inspectorIds[1],
    mode: 'SWAP',
    withId: null,
    locked: [a[0]?.enterpriseId],
  },
  { enterpriseId: a[2]?.enterpriseId, inspectorId: a[2]?.inspectorIds[0], mode: 'EXPERT', withId: 1, locked: [] },
] as const;
requests.forEach((r, i) => {
  base = resolveRecusalV3(root, base, f, { ...r, sequence: i + 1, locked: [...r.locked] } as never);
  records.push(base);
});
const out: DrawExport = { format: EXPORT_FORMAT, drawId, inputs: f, records, timeline };
writeFileSync('test/golden/draw-export-v3.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('wrote test/golden/draw-export-v3.json', records.map((r) => r.drawId).join(' '));
