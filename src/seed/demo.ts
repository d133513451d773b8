// Seed a realistic demo district (冷水滩区): units, ~120 enterprises across
// the four sectors, ~30 inspectors (with 非煤矿山 specialists), experts, 40
// items and a 2027 plan draft per unit. Deterministic, and a no-op when the
// database already has units, so a restart never duplicates anything.
import type { Db } from '../db/client.ts';
import { makeCreditCode } from '../domain/creditCode.ts';
import type { DrawRule } from '../draw/rule.ts';
import type { Sector } from '../generated/sqlite/enums.ts';
import { ENTERPRISE_KINDS, GIVEN, ITEMS, NAME_PREFIXES, SURNAMES, TOWNSHIPS, UNITS } from './demoData.ts';

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SECTORS = Object.keys(ENTERPRISE_KINDS) as Sector[];
const UNIT_OF_SECTOR: Record<Sector, string> = {
  NON_COAL_MINE: 'FMG',
  HAZARDOUS_CHEMICALS: 'WHG',
  FIREWORKS: 'ZFDD',
  GENERAL: 'YJB',
};

export interface SeedSummary {
  seeded: boolean;
  units: number;
  enterprises: number;
  inspectors: number;
  experts: number;
  items: number;
  plans: number;
}

export async function seedDemo(db: Db, planYear = 2027): Promise<SeedSummary> {
  if ((await db.unit.count()) > 0) return { seeded: false, ...(await counts(db)) };
  const r = rng(431103);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const person = () => pick(SURNAMES) + pick(GIVEN);

  await db.$transaction(async (tx) => {
    const units = new Map<string, number>();
    for (const u of UNITS) units.set(u.code, (await tx.unit.create({ data: { ...u } })).id);

    for (const sector of SECTORS) {
      const kind = ENTERPRISE_KINDS[sector];
      for (let i = 0; i < kind.count; i++) {
        const org8 = `MA4L${Array.from({ length: 4 }, () => pick([...ORG_CHARS])).join('')}`;
        const township = pick(TOWNSHIPS);
        const roll = r();
        await tx.enterprise.create({
          data: {
            creditCode: makeCreditCode('431103', org8),
            name: `${pick(NAME_PREFIXES)}${pick(['源', '达', '安', '盛', '泰', '丰', '华', '通'])}${kind.names[i % kind.names.length]}`,
            sector,
            category: pick(kind.categories),
            township,
            address: `永州市冷水滩区${township}${pick(['建设路', '凤凰路', '零陵北路', '梧桐路', '工业园'])}${1 + Math.floor(r() * 300)}号`,
            operatingState: roll < 0.06 ? 'SUSPENDED' : 'OPERATING',
            riskClass: pick(['A', 'B', 'B', 'C', 'C', 'D']),
            seriousViolation: roll > 0.97,
            abnormalOperation: roll > 0.94 && roll <= 0.97,
            penalized: roll > 0.88 && roll <= 0.94,
            contactName: person(),
            contactPhone: `1${pick(['37', '58', '89', '32'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
          },
        });
      }
    }

    const unitCodes = UNITS.map((u) => u.code);
    for (let i = 0; i < 30; i++) {
      const unitCode = unitCodes[i % unitCodes.length] as string;
      const home = Object.entries(UNIT_OF_SECTOR).find(([, u]) => u === unitCode)?.[0] as Sector;
      // Every unit's own specialty, plus a second one for some staff.
      const specialties = r() < 0.35 ? [home, pick(SECTORS)] : [home];
      const from = new Date(Date.UTC(2022 + (i % 4), (i * 5) % 12, 1));
      const to = new Date(Date.UTC(from.getUTCFullYear() + 6, from.getUTCMonth(), 0));
      await tx.inspector.create({
        data: {
          name: person(),
          certificateNo: `湘${String(43110300 + i * 7).padStart(8, '0')}`,
          certificateFrom: from,
          certificateTo: i === 7 ? new Date(Date.UTC(2026, 11, 31)) : to, // one lapses at the end of 2026
          certificateStatus: i === 13 ? 'SUSPENDED' : 'VALID',
          unitId: units.get(unitCode) as number,
          specialties: [...new Set(specialties)],
          townships: [pick(TOWNSHIPS), pick(TOWNSHIPS)],
          email: `inspector${i + 1}@lstyjj.local`,
          onLeave: i === 21,
        },
      });
    }

    for (let i = 0; i < 8; i++) {
      await tx.expert.create({
        data: {
          name: person(),
          idNo: `ZJ-2026-${String(i + 1).padStart(3, '0')}`,
          employer: pick(['湖南省安全生产技术服务中心', '永州市应急管理专家库', '湖南科技学院', '永州职业技术学院']),
          specialties: [SECTORS[i % SECTORS.length] as string],
          email: `expert${i + 1}@example.org`,
        },
      });
    }

    for (const sector of SECTORS) {
      let n = 0;
      for (const [name, content, legalBasis] of ITEMS[sector]) {
        n++;
        const item = await tx.inspectionItem.create({
          data: {
            code: `${sector.slice(0, 3)}-${String(n).padStart(2, '0')}`,
            sector,
            unitId: units.get(UNIT_OF_SECTOR[sector]) as number,
          },
        });
        await tx.itemVersion.create({
          data: {
            itemId: item.id,
            version: 1,
            name,
            content,
            legalBasis,
            effectiveFrom: new Date(Date.UTC(2026, 0, 1)),
            reviewState: 'PUBLISHED',
            reviewedBy: '法规股',
            reviewedAt: new Date(Date.UTC(2025, 11, 20)),
          },
        });
      }
    }

    for (const u of UNITS) {
      const sector = Object.entries(UNIT_OF_SECTOR).find(([, c]) => c === u.code)?.[0] as Sector;
      const plan = await tx.annualPlan.create({
        data: {
          unitId: units.get(u.code) as number,
          year: planYear,
          title: `${u.name}${planYear}年度“双随机、一公开”检查计划`,
          scope: `本辖区${sector === 'GENERAL' ? '综合监管领域' : ''}企业，按经营状态和风险等级确定抽查比例`,
          inspectorRequirements: '持有效行政执法证；专业性较强的检查至少1名相应专业执法人员',
          workflowId: `plan:${u.code}:${planYear}`,
        },
      });
      for (let q = 0; q < 4; q++) {
        const rule: DrawRule = {
          sectors: [sector],
          enterprises: { ratio: 0.2 },
          riskRatios: { A: 0.1, B: 0.15, C: 0.25, D: 0.4 },
          teamSize: 2,
          quotas: [{ specialty: sector, min: 1 }],
          itemsPerInspection: 4,
          crossTownship: true,
        };
        await tx.planRound.create({
          data: {
            planId: plan.id,
            roundNo: q + 1,
            drawDate: new Date(Date.UTC(planYear, q * 3, 10)),
            windowStart: new Date(Date.UTC(planYear, q * 3, 15)),
            windowEnd: new Date(Date.UTC(planYear, q * 3 + 2, 15)),
            rule: rule as object,
          },
        });
      }
    }
  });
  return { seeded: true, ...(await counts(db)) };
}

async function counts(db: Db) {
  const [units, enterprises, inspectors, experts, items, plans] = await Promise.all([
    db.unit.count(),
    db.enterprise.count(),
    db.inspector.count(),
    db.expert.count(),
    db.inspectionItem.count(),
    db.annualPlan.count(),
  ]);
  return { units, enterprises, inspectors, experts, items, plans };
}
